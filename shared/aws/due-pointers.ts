/**
 * Due pointers bucketed by UTC hour, the read path every sweep shares (SLA timers, rectification
 * actions, stalled claims, privacy requests). A pointer lives in a sparse index under
 * `<PREFIX>#<yyyy-mm-ddThh>` with its instant first in the sort key; each sweep keeps a checkpoint
 * (the hour it last swept) and reads the buckets from there up to now.
 *
 * A sweep that runs every minute reads one or two buckets. A long gap (the first sweep of a new
 * table, sweeps stopped for days, a clock jump on the local cloud) would take a query per hour, so
 * past two days of buckets the sweep reads the sparse index once instead, keeping the same buckets
 * by a filter: the pointers of all pending work, in pages, rather than thousands of queries that
 * mostly find nothing.
 *
 * A warm function remembers the checkpoint it read and the hours it swept, so a sweep reads no
 * checkpoint and writes one only every few hours: an hourly sweep costs its bucket queries alone.
 * The table's checkpoint may lag what was swept by that much; a cold start reads those hours again
 * and finds only what is still pending, since handling a pointer takes it away.
 */
import { mapAtMost } from '../concurrency';
import { dynamo, GetCommand, PutCommand } from './dynamo';
import { scanAll } from './dynamo-scan';
import { queryAll } from './query-all';

const HOUR_MS = 3_600_000;
/** Up to this many hour buckets are queried one by one; more are read in one pass of the index. */
const MAX_BUCKET_QUERIES = 48;
const BUCKET_QUERIES_AT_ONCE = 8;
/** The stored checkpoint is written once it lags the hours swept by this many. */
const PERSIST_AFTER_HOURS = 6;

export const hourOf = (instant: Date) => instant.toISOString().slice(0, 13);

export interface DuePointerIndex {
  readonly table: string;
  /** The sparse index, with `<index>pk` and `<index>sk` as its key attributes. */
  readonly index: string;
  readonly partitionOf: (hour: string) => string;
  readonly checkpointKey: { readonly pk: string; readonly sk: string };
  /** How far back a sweep without a checkpoint (the first ever) reads. */
  readonly firstSweepLookbackHours: number;
  /** The greatest sort key due at `now`. */
  readonly dueUpTo: (now: Date) => string;
}

type Item = Record<string, unknown>;

/** What this container knows of a checkpoint: the last hour it swept, and the hour stored (at least). */
interface Mark {
  swept: string;
  stored: string;
}
const marks = new Map<string, Mark>();
const markOf = (pointers: DuePointerIndex) =>
  `${pointers.table}/${pointers.checkpointKey.pk}/${pointers.checkpointKey.sk}`;
const hoursBetween = (from: string, to: string) =>
  (Date.parse(`${to}:00:00.000Z`) - Date.parse(`${from}:00:00.000Z`)) / HOUR_MS;

async function readMark(pointers: DuePointerIndex): Promise<Mark | undefined> {
  const known = marks.get(markOf(pointers));
  if (known) return known;
  const { Item: checkpoint } = await dynamo().send(
    new GetCommand({ TableName: pointers.table, Key: pointers.checkpointKey, ConsistentRead: true }),
  );
  if (!checkpoint?.hour) return undefined;
  const mark = { swept: checkpoint.hour as string, stored: checkpoint.hour as string };
  marks.set(markOf(pointers), mark);
  return mark;
}

/** The pointers due at `now` since the checkpoint, and whether this is the first sweep ever. */
export async function duePointers(
  pointers: DuePointerIndex,
  now: Date,
): Promise<{ items: Item[]; firstSweep: boolean }> {
  const mark = await readMark(pointers);
  const firstSweep = !mark;
  const from = mark
    ? new Date(`${mark.swept}:00:00.000Z`)
    : new Date(now.getTime() - pointers.firstSweepLookbackHours * HOUR_MS);
  const hours: string[] = [];
  for (let hour = from; hourOf(hour) <= hourOf(now); hour = new Date(hour.getTime() + HOUR_MS)) {
    hours.push(hourOf(hour));
    if (hours.length > MAX_BUCKET_QUERIES) break;
  }
  // the clock was set back behind the checkpoint: nothing is due that was not swept already
  if (hours.length === 0) return { items: [], firstSweep };
  const items =
    hours.length > MAX_BUCKET_QUERIES
      ? await readIndex(pointers, hourOf(from), now)
      : await readBuckets(pointers, hours, now);
  return { items, firstSweep };
}

/**
 * Moves the checkpoint to `now`'s hour; never back (a late or racing sweep leaves it alone). The
 * table's copy moves once it lags by PERSIST_AFTER_HOURS.
 */
export async function advanceCheckpoint(pointers: DuePointerIndex, now: Date): Promise<void> {
  let hour = hourOf(now);
  const mark = marks.get(markOf(pointers));
  if (mark) {
    if (hour > mark.swept) mark.swept = hour;
    if (hoursBetween(mark.stored, mark.swept) < PERSIST_AFTER_HOURS) return;
    hour = mark.swept;
  }
  await dynamo()
    .send(
      new PutCommand({
        TableName: pointers.table,
        Item: { ...pointers.checkpointKey, hour },
        ConditionExpression: 'attribute_not_exists(pk) OR #hour < :hour',
        ExpressionAttributeNames: { '#hour': 'hour' },
        ExpressionAttributeValues: { ':hour': hour },
      }),
    )
    .catch((error: Error) => {
      // another sweep stored this hour or a later one
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
  if (mark) mark.stored = hour;
  else marks.set(markOf(pointers), { swept: hour, stored: hour });
}

async function readBuckets(pointers: DuePointerIndex, hours: string[], now: Date): Promise<Item[]> {
  const { table, index } = pointers;
  const items = await mapAtMost(hours, BUCKET_QUERIES_AT_ONCE, (hour) =>
    queryAll({
      TableName: table,
      IndexName: index,
      KeyConditionExpression: `${index}pk = :bucket AND ${index}sk <= :due`,
      ExpressionAttributeValues: { ':bucket': pointers.partitionOf(hour), ':due': pointers.dueUpTo(now) },
    }),
  );
  return items.flat();
}

async function readIndex(pointers: DuePointerIndex, fromHour: string, now: Date): Promise<Item[]> {
  const { table, index } = pointers;
  return scanAll({
    TableName: table,
    IndexName: index,
    // the same buckets the queries would read (an hour sorts as its bucket name does)
    FilterExpression: `${index}pk BETWEEN :from AND :to AND ${index}sk <= :due`,
    ExpressionAttributeValues: {
      ':from': pointers.partitionOf(fromHour),
      ':to': pointers.partitionOf(hourOf(now)),
      ':due': pointers.dueUpTo(now),
    },
  });
}
