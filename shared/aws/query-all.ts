/**
 * Every page of a DynamoDB Query, through the shared document client (./dynamo.ts), so one loop
 * over `LastEvaluatedKey` serves every adapter. `queryPages` hands out each page as it comes, for
 * readers that fold pages as they go; `queryAll` collects the items. (Scans: ./dynamo-scan.ts.)
 */
import { dynamo, QueryCommand, type QueryCommandInput } from './dynamo';

export type Item = Record<string, unknown>;

/** The items of each page of the query, in order; the input's own `ExclusiveStartKey` starts it. */
export async function* queryPages(input: QueryCommandInput): AsyncGenerator<Item[]> {
  let startKey = input.ExclusiveStartKey;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

export async function queryAll(input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(input)) items.push(...page);
  return items;
}
