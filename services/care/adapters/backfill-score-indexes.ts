/**
 * Keys the NPS and health indexes (gsi9, gsi10) of profiles written before them, and of profiles
 * whose sort keys predate zones (the customer id alone, not `<tz>#<customerId>`): partitions from
 * the `npsScore` and `healthScore` they carry (the sentinel `none` without one), sort keys from
 * the effective zone (`preferences.timeZone`, else `timeZone`). A one-off pass over the table (a
 * migration, not a request path), idempotent: a profile keyed already is left alone.
 *
 * Each update is conditioned on what it was computed from: a partition on the score (and on not
 * being there yet), a sort key on the key it replaces (absent, or the old one). A racing answer or
 * recompute sets the partition, a racing import or preferences change the sort key, so either wins;
 * the profile is then read again and what is still missing written, a few times at most, then
 * left for the next run (`raced`). A pass that left nothing sets `scoreKeysZoned` on the TIMEZONES
 * item: from then on a segment naming zones reads only their ranges of the score partitions
 * (services/care/domain/segments/member-queries.ts); before it, whole partitions, which hold every
 * profile whatever its sort key. Run it after deploying the writers that key by zone (care and
 * relationship): an older writer would put back a key without the zone.
 */
import { dynamo, GetCommand, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { scanPages } from '#shared/aws/dynamo-scan';
import {
  customerProfileKey,
  healthPartition,
  npsPartition,
  scoreIndexSortKey,
} from '#shared/tables/customers';
import { effectiveTimeZone } from '../domain/preferences';
import { markScoreKeysZoned } from './dynamo-customer-store';

const scored = (v: unknown) => (typeof v === 'number' ? v : undefined);
const ATTEMPTS = 3;

interface Outcome {
  /** Index partitions set (a profile without an NPS or health key). */
  readonly keyed: number;
  /** Sort keys set to the zone's (absent or the customer id alone before). */
  readonly zoned: number;
}

/** The update that completes a profile's gsi9/gsi10 keys, undefined when nothing is missing. */
function completion(item: Record<string, unknown>) {
  const customerId = item.customerId as string;
  const sortKey = scoreIndexSortKey(
    customerId,
    effectiveTimeZone(item as { timeZone: string; preferences?: { timeZone?: string } }),
  );
  const sets: string[] = [];
  const conditions = ['attribute_exists(pk)'];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const outcome = { keyed: 0, zoned: 0 };
  for (const [index, scoreName, partition] of [
    ['gsi9', 'npsScore', npsPartition],
    ['gsi10', 'healthScore', healthPartition],
  ] as const) {
    if (item[`${index}pk`] === undefined) {
      const score = scored(item[scoreName]);
      names[`#${index}pk`] = `${index}pk`;
      names[`#${scoreName}`] = scoreName;
      values[`:${index}pk`] = partition(score);
      sets.push(`#${index}pk = :${index}pk`);
      conditions.push(`attribute_not_exists(#${index}pk)`);
      if (score === undefined) conditions.push(`attribute_not_exists(#${scoreName})`);
      else {
        values[`:${scoreName}`] = score;
        conditions.push(`#${scoreName} = :${scoreName}`);
      }
      outcome.keyed++;
    }
    const seen = item[`${index}sk`];
    if (seen !== sortKey) {
      names[`#${index}sk`] = `${index}sk`;
      values[`:${index}sk`] = sortKey;
      sets.push(`#${index}sk = :${index}sk`);
      if (seen === undefined) conditions.push(`attribute_not_exists(#${index}sk)`);
      else {
        values[`:${index}seen`] = seen;
        conditions.push(`#${index}sk = :${index}seen`);
      }
      outcome.zoned++;
    }
  }
  if (sets.length === 0) return undefined;
  return {
    outcome,
    input: {
      TableName: tableName('Customers'),
      Key: customerProfileKey(customerId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Completes one profile, reading it again after a race; undefined when left for the next run. */
async function complete(first: Record<string, unknown>): Promise<Outcome | undefined> {
  let item: Record<string, unknown> | undefined = first;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const update = item && completion(item);
    if (!update) return { keyed: 0, zoned: 0 };
    try {
      await dynamo().send(new UpdateCommand(update.input));
      return update.outcome;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
    item = (
      await dynamo().send(
        new GetCommand({
          TableName: tableName('Customers'),
          Key: customerProfileKey(first.customerId as string),
          ConsistentRead: true,
        }),
      )
    ).Item;
  }
  return undefined;
}

export async function backfillScoreIndexes(
  progress: (text: string) => void = () => {},
): Promise<{ keyed: number; zoned: number; raced: number; scoreKeysZoned: boolean }> {
  let keyed = 0;
  let zoned = 0;
  let raced = 0;
  for await (const page of scanPages({
    TableName: tableName('Customers'),
    // without a key, or with a sort key from before the zone (the customer id alone)
    FilterExpression:
      'sk = :profile AND (attribute_not_exists(gsi9pk) OR attribute_not_exists(gsi10pk) OR ' +
      'attribute_not_exists(gsi9sk) OR attribute_not_exists(gsi10sk) OR gsi9sk = customerId OR gsi10sk = customerId)',
    ExpressionAttributeValues: { ':profile': 'PROFILE' },
  })) {
    for (const item of page) {
      const outcome = await complete(item);
      if (!outcome) raced++;
      else {
        keyed += outcome.keyed;
        zoned += outcome.zoned;
      }
    }
    progress(`keyed ${keyed} index entries, zoned ${zoned} sort keys`);
  }
  // readers may narrow to zones only when no profile is left with a key outside every zone range
  if (raced === 0) await markScoreKeysZoned();
  return { keyed, zoned, raced, scoreKeysZoned: raced === 0 };
}
