/**
 * The regulators' returns' counters in the Quality table (keys: shared/tables/quality.ts). A
 * complaint is counted by reading it as it is now (complaint and clocks, as the report does), then
 * writing its new row and the difference of the counters in one transaction, the row conditional
 * on the version last read: a redelivered event finds nothing to change, and two deliveries of the
 * same complaint at once cannot both count (the loser reads again).
 */
import { dynamo, GetCommand, TransactWriteCommand, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { queryAll, queryPages } from '#shared/aws/query-all';
import { refusedByCondition, type TransactItem } from '#shared/outbox/outbox';
import {
  monthOfReturnCounterKey,
  RETURN_SHARDS,
  returnCounterKey,
  returnCounterPartition,
  returnCounterRange,
  returnCoverageKey,
  returnOpenPartition,
  returnOpenRowKey,
  returnRowKey,
  returnRowPartition,
  returnShardOf,
} from '#shared/tables/quality';
import type { ReportSource } from '../domain/report';
import {
  type CounterCoverage,
  counterDeltas,
  type MonthCounts,
  monthsOf,
  type ReturnCounterSource,
  type ReturnRow,
  returnRowOf,
  sameRow,
  spansMonths,
} from '../domain/returns/return-counts';

const table = () => tableName('Quality');
const NOT_CELLS = new Set(['pk', 'sk', 'kind']);
/** Attempts when another delivery of the same complaint counts it at the same moment. */
const ATTEMPTS = 5;

export const dynamoReturnCounters: ReturnCounterSource = {
  async coverage() {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: table(), Key: returnCoverageKey, ConsistentRead: true }),
    );
    return {
      ...(Item?.countingSince ? { countingSince: String(Item.countingSince) } : {}),
      ...(Item?.rebuiltAt ? { rebuiltAt: String(Item.rebuiltAt) } : {}),
    };
  },

  async monthCounts(regime, from, through) {
    const counts = new Map<string, Record<string, number>>();
    const range = returnCounterRange(from, through);
    for await (const page of queryPages({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :through',
      ExpressionAttributeValues: {
        ':pk': returnCounterPartition(regime),
        ':from': range.from,
        ':through': range.through,
      },
    })) {
      for (const item of page) {
        const month = monthOfReturnCounterKey(String(item.sk));
        const sums = counts.get(month) ?? {};
        for (const [cell, n] of Object.entries(item))
          if (!NOT_CELLS.has(cell)) sums[cell] = (sums[cell] ?? 0) + Number(n);
        counts.set(month, sums);
      }
    }
    return counts as MonthCounts;
  },

  async rowsOf(regime, span, untilMonth) {
    const shards = Array.from({ length: RETURN_SHARDS }, (_, shard) => shard);
    const row = { ProjectionExpression: '#row', ExpressionAttributeNames: { '#row': 'row' } };
    const received = monthsOf(span).flatMap((month) =>
      shards.map((shard) =>
        queryAll({
          TableName: table(),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': returnRowPartition(regime, month, shard) },
          ...row,
        }),
      ),
    );
    // open at the span's start: decided in its first month or later (up to now), or not yet, and
    // received before it
    const openAtStart = [...monthsOf({ from: span.from, through: untilMonth }), undefined].flatMap(
      (decided) =>
        shards.map((shard) =>
          queryAll({
            TableName: table(),
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :from',
            ExpressionAttributeValues: {
              ':pk': returnOpenPartition(regime, decided, shard),
              ':from': span.from,
            },
            ...row,
          }),
        ),
    );
    const [inSpan, open] = await Promise.all([Promise.all(received), Promise.all(openAtStart)]);
    return [
      ...inSpan.flat().map((item) => item.row as ReturnRow),
      ...open.flat().map((item) => item.row as ReturnRow),
    ];
  },
};

/** Records the instant the counters start counting, the first time only. */
export async function noteCountingSince(now: Date): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: returnCoverageKey,
      UpdateExpression: 'SET countingSince = if_not_exists(countingSince, :now), kind = :kind',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':kind': 'return-coverage' },
    }),
  );
}

/** Records that every complaint has been counted (the rebuild, once it has counted them all). */
export async function noteRebuilt(now: Date): Promise<CounterCoverage> {
  await noteCountingSince(now);
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: returnCoverageKey,
      UpdateExpression: 'SET rebuiltAt = :now',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    }),
  );
  return dynamoReturnCounters.coverage();
}

function counterUpdate(
  regime: string,
  month: string,
  shard: number,
  cells: Record<string, number>,
): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':kind': 'return-counter' };
  const adds = Object.entries(cells).map(([cell, n], i) => {
    names[`#c${i}`] = cell;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: table(),
      Key: returnCounterKey(regime, month, shard),
      UpdateExpression: `ADD ${adds.join(', ')} SET kind = :kind`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** A complaint's row item: in the partition of its regime, month of receipt and shard. */
export function returnRowItem(row: ReturnRow) {
  const shard = returnShardOf(row.complaintId);
  return {
    ...returnRowKey(row.regime, row.receivedMonth, shard, row.complaintId),
    // an ASIC row open past a month's start is found by the returns of the months it was open in
    ...(row.regime === 'au-asic' && spansMonths(row)
      ? returnOpenRowKey(row.regime, shard, row.decided?.month, row.receivedMonth, row.complaintId)
      : {}),
    kind: 'return-row',
    row,
  };
}

export type CountOutcome = 'counted' | 'unchanged' | 'missing';

/** Counts one complaint as it is now: its row and its counters, or nothing when already so counted. */
export async function countComplaint(
  complaintId: string,
  deps: { source: ReportSource; timeZone: string },
): Promise<CountOutcome> {
  for (let attempt = 1; ; attempt++) {
    const [record] = await deps.source.recordsOf([complaintId]);
    if (!record) return 'missing';
    const after = returnRowOf(record, deps.timeZone);
    const item = returnRowItem(after);
    const key = { pk: item.pk, sk: item.sk };
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }),
    );
    const before = Item?.row as ReturnRow | undefined;
    if (sameRow(before, after)) return 'unchanged';
    const deltas = counterDeltas(before, after);
    const version = Number(Item?.version ?? 0);
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table(),
                Item: { ...item, version: version + 1 },
                ConditionExpression: Item ? 'version = :version' : 'attribute_not_exists(pk)',
                ...(Item ? { ExpressionAttributeValues: { ':version': version } } : {}),
              },
            },
            ...[...deltas].map(([month, cells]) =>
              counterUpdate(after.regime, month, returnShardOf(complaintId), cells),
            ),
          ],
        }),
      );
      return 'counted';
    } catch (error) {
      if (!refusedByCondition(error, 0) || attempt >= ATTEMPTS) throw error;
    }
  }
}
