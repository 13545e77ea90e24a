/**
 * Gives profiles written before the NPS and health indexes (gsi9, gsi10) their keys, from the
 * `npsScore` and `healthScore` they carry (the sentinel `none` without one), so NPS and health
 * segments find them. A one-off pass over the table (a migration, not a request path);
 * idempotent: a profile already keyed is left alone, and each write is conditioned on the score it
 * was computed from, so an answer or a health recompute racing it wins (its own write keys the
 * profile).
 */
import { dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { scanPages } from '#shared/aws/dynamo-scan';
import { customerProfileKey, healthIndexKeys, npsIndexKeys } from '#shared/tables/customers';

const scored = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** Sets one index's keys unless they are there, or the score moved since it was read. */
async function key(customerId: string, keys: Record<string, string>, scoreName: string, score?: number) {
  const [pk, sk] = Object.keys(keys) as [string, string];
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName('Customers'),
        Key: customerProfileKey(customerId),
        UpdateExpression: 'SET #pk = :pk, #sk = :sk',
        ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(#pk) AND ${
          score === undefined ? 'attribute_not_exists(#score)' : '#score = :score'
        }`,
        ExpressionAttributeNames: { '#pk': pk, '#sk': sk, '#score': scoreName },
        ExpressionAttributeValues: {
          ':pk': keys[pk],
          ':sk': keys[sk],
          ...(score === undefined ? {} : { ':score': score }),
        },
      }),
    );
    return 'keyed';
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    return 'raced';
  }
}

export async function backfillScoreIndexes(
  progress: (text: string) => void = () => {},
): Promise<{ keyed: number; raced: number }> {
  let keyed = 0;
  let raced = 0;
  for await (const page of scanPages({
    TableName: tableName('Customers'),
    FilterExpression: 'sk = :profile AND (attribute_not_exists(gsi9pk) OR attribute_not_exists(gsi10pk))',
    ExpressionAttributeValues: { ':profile': 'PROFILE' },
  })) {
    for (const item of page) {
      const customerId = item.customerId as string;
      const nps = scored(item.npsScore);
      const health = scored(item.healthScore);
      const outcomes = [
        item.gsi9pk === undefined && (await key(customerId, npsIndexKeys(customerId, nps), 'npsScore', nps)),
        item.gsi10pk === undefined &&
          (await key(customerId, healthIndexKeys(customerId, health), 'healthScore', health)),
      ];
      keyed += outcomes.filter((o) => o === 'keyed').length;
      raced += outcomes.filter((o) => o === 'raced').length;
    }
    progress(`keyed ${keyed} index entries`);
  }
  return { keyed, raced };
}
