/**
 * The backfill of complaints closed before records expired on their own, on DynamoDB Local: each
 * closed complaint without an end gets its regime's period after its closure on every item of its
 * record and on its reference; open, undated and already ended complaints are left as they are, and
 * a second pass finds nothing to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, dynamo, QueryCommand, tableName } from '#shared/aws/dynamo';
import { clockKey, complaintKey, referenceKey, timelineKey } from '#shared/tables/complaints';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { startTestCloud } from '../../../test/support/local-cloud';
import { backfillRecordRetention } from '../adapters/backfill-record-retention';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

const seconds = (iso: string) => Math.ceil(Date.parse(iso) / 1000);
/** An end set already (by hand, say): the backfill leaves it and the rest of that record alone. */
const ENDED = seconds('2040-01-01T00:00:00.000Z');

function record(complaintId: string, complaint: Record<string, unknown>) {
  const reference = `CMP-${complaintId}`;
  return [
    { ...complaintKey(complaintId), kind: 'complaint', complaintId, reference, ...complaint },
    { ...referenceKey(reference), kind: 'reference', complaintId },
    { ...timelineKey(complaintId, '2026-03-01T02:00:00.000Z', 't1'), kind: 'timeline' },
    { ...timelineKey(complaintId, '2026-03-10T08:00:00.000Z', 't2'), kind: 'timeline' },
    { ...clockKey(complaintId, 'resolve'), kind: 'clock' },
  ];
}

async function expiries(complaintId: string): Promise<(number | undefined)[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('Complaints'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': complaintKey(complaintId).pk },
      ConsistentRead: true,
    }),
  );
  const { Items: [reference] = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('Complaints'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': referenceKey(`CMP-${complaintId}`).pk },
      ConsistentRead: true,
    }),
  );
  return [...Items, reference].map((item) => item?.expiresAt as number | undefined);
}

describe('the record retention backfill', () => {
  it('ends each closed complaint’s whole record its regime’s period after closure, once', async () => {
    const closedAt = '2026-03-10T08:00:00.000Z';
    const items = [
      // Australia keeps a complaint record seven years, China five (rules/complaint-retention.json)
      ...record('AU1', { status: 'closed', regime: 'au-asic', closedAt }),
      ...record('CN1', { status: 'closed', regime: 'cn-nfra', closedAt }),
      ...record('OPEN1', { status: 'in-progress', regime: 'au-asic' }),
      ...record('UNDATED1', { status: 'closed', regime: 'au-asic' }),
      ...record('ENDED1', { status: 'closed', regime: 'au-asic', closedAt, expiresAt: ENDED }),
    ];
    for (let i = 0; i < items.length; i += 25)
      await dynamo().send(
        new BatchWriteCommand({
          RequestItems: {
            [tableName('Complaints')]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
          },
        }),
      );

    expect(await backfillRecordRetention()).toEqual({ ended: 2, undated: 1, raced: 0 });
    expect(await expiries('AU1')).toEqual(Array(5).fill(seconds('2033-03-10T08:00:00.000Z')));
    expect(await expiries('CN1')).toEqual(Array(5).fill(seconds('2031-03-10T08:00:00.000Z')));
    expect(await expiries('OPEN1')).toEqual(Array(5).fill(undefined));
    expect(await expiries('UNDATED1')).toEqual(Array(5).fill(undefined));
    // only the complaint item has it: the record was not touched
    expect((await expiries('ENDED1')).filter((end) => end !== undefined)).toEqual([ENDED]);

    expect(await backfillRecordRetention()).toEqual({ ended: 0, undated: 1, raced: 0 });
  });
});
