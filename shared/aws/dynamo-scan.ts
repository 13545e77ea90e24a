/**
 * Scan, apart from the other commands (./dynamo.ts): a function bundles what it imports, and only
 * the privacy office's access export (a small table, rarely) and the sweeps after a long gap
 * (./due-pointers.ts) scan, so no other function carries it.
 */
import type * as lib from '@aws-sdk/lib-dynamodb';
import { dynamo } from './dynamo';
import { lazyCommand } from './lazy';

export const ScanCommand = /* @__PURE__ */ lazyCommand<lib.ScanCommandInput, lib.ScanCommandOutput>(() =>
  import('#shared/aws/sdk/dynamodb-scan').then((m) => m.ScanCommand),
);

/** The scan's pages one by one (a migration writes as it reads); `ExclusiveStartKey` starts it. */
export async function* scanPages(input: lib.ScanCommandInput): AsyncGenerator<Record<string, unknown>[]> {
  let startKey = input.ExclusiveStartKey;
  do {
    const page = await dynamo().send(new ScanCommand({ ...input, ExclusiveStartKey: startKey }));
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item the scan finds, page after page; the input's own `ExclusiveStartKey` starts it. */
export async function scanAll(input: lib.ScanCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of scanPages(input)) items.push(...page);
  return items;
}
