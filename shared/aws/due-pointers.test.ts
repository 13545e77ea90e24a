/**
 * The sweeps' shared read of hour-bucketed due pointers, on DynamoDB Local: a short gap since the
 * checkpoint is read bucket by bucket, a long one in one pass of the index, and both find exactly
 * the pointers due between the checkpoint's hour and now, whatever the gap. A warm sweep keeps its
 * checkpoint in memory and stores it every few hours; a cold start reads the stored one.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalCloud } from '../../infra/local/cloud';
import { topology } from '../../infra/topology';
import { startTestCloud } from '../../test/support/local-cloud';
import { advanceCheckpoint, type DuePointerIndex, duePointers, hourOf } from './due-pointers';
import { BatchWriteCommand, DeleteCommand, dynamo, GetCommand } from './dynamo';

const HOUR_MS = 3_600_000;
let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

/** A pointer index of its own in the Quality table (gsi2), so each case starts empty. */
function pointerIndex(name: string): DuePointerIndex {
  return {
    table: cloud.tableNames.Quality!,
    index: 'gsi2',
    partitionOf: (hour) => `TEST${name}#${hour}`,
    checkpointKey: { pk: `TEST${name}#SWEEP`, sk: 'CHECKPOINT' },
    firstSweepLookbackHours: 24 * 10,
    dueUpTo: (now) => `${now.toISOString()}\uffff`,
  };
}

/** One pointer every 7 hours from `start` for `days` days, each named by its instant. */
async function writePointers(index: DuePointerIndex, start: Date, days: number): Promise<string[]> {
  const instants: string[] = [];
  for (let t = start.getTime(); t < start.getTime() + days * 24 * HOUR_MS; t += 7 * HOUR_MS)
    instants.push(new Date(t).toISOString());
  for (let i = 0; i < instants.length; i += 25) {
    await dynamo().send(
      new BatchWriteCommand({
        RequestItems: {
          [index.table]: instants.slice(i, i + 25).map((at) => ({
            PutRequest: {
              Item: {
                pk: `${index.partitionOf(at.slice(0, 13))}#item`,
                sk: at,
                gsi2pk: index.partitionOf(at.slice(0, 13)),
                gsi2sk: `${at}#x`,
              },
            },
          })),
        },
      }),
    );
  }
  return instants;
}

const sortedInstants = (items: Record<string, unknown>[]) =>
  items.map((i) => String(i.gsi2sk).slice(0, 24)).sort();

describe('due pointers since the checkpoint', () => {
  const start = new Date('2026-03-01T00:30:00Z');

  for (const gapHours of [5, 47, 49, 24 * 6]) {
    it(`finds exactly the pointers due in a gap of ${gapHours} hours`, async () => {
      const index = pointerIndex(`gap${gapHours}`);
      const all = await writePointers(index, start, 8);
      const checkpointAt = new Date(start.getTime() + 20 * HOUR_MS);
      await advanceCheckpoint(index, checkpointAt);
      const now = new Date(checkpointAt.getTime() + gapHours * HOUR_MS + 15 * 60_000);

      const { items, firstSweep } = await duePointers(index, now);
      expect(firstSweep).toBe(false);
      // from the start of the checkpoint's hour up to now, never later
      const expected = all.filter((at) => at.slice(0, 13) >= hourOf(checkpointAt) && at <= now.toISOString());
      expect(expected.length).toBeGreaterThan(0);
      expect(sortedInstants(items)).toEqual(expected);
    });
  }

  it('reads back its lookback on the first sweep, and nothing when the clock is behind the checkpoint', async () => {
    const index = pointerIndex('first');
    const all = await writePointers(index, start, 20);
    const now = new Date(start.getTime() + 15 * 24 * HOUR_MS);
    const first = await duePointers(index, now);
    expect(first.firstSweep).toBe(true);
    const from = hourOf(new Date(now.getTime() - 10 * 24 * HOUR_MS));
    expect(sortedInstants(first.items)).toEqual(
      all.filter((at) => at.slice(0, 13) >= from && at <= now.toISOString()),
    );

    await advanceCheckpoint(index, now);
    // a checkpoint never moves back, and a clock set behind it finds nothing due
    await advanceCheckpoint(index, start);
    expect((await duePointers(index, new Date(now.getTime() - 3 * HOUR_MS))).items).toEqual([]);
    // a pointer falls due in any seven hours
    expect((await duePointers(index, new Date(now.getTime() + 7 * HOUR_MS))).items).toHaveLength(1);
  });

  it('a warm sweep reads no checkpoint and stores it every six hours; a cold start reads the stored one', async () => {
    const index = pointerIndex('warm');
    const all = await writePointers(index, start, 3);
    const stored = async () =>
      (
        await dynamo().send(
          new GetCommand({ TableName: index.table, Key: index.checkpointKey, ConsistentRead: true }),
        )
      ).Item?.hour;
    const at = (hours: number) => new Date(start.getTime() + hours * HOUR_MS);

    await advanceCheckpoint(index, at(0));
    expect(await stored()).toBe(hourOf(at(0)));
    for (let hour = 1; hour <= 5; hour++) {
      await duePointers(index, at(hour));
      await advanceCheckpoint(index, at(hour));
    }
    // five hourly sweeps later the table still holds the first hour; memory holds the fifth
    expect(await stored()).toBe(hourOf(at(0)));
    await dynamo().send(new DeleteCommand({ TableName: index.table, Key: index.checkpointKey }));
    // from the fifth hour, as memory says: the 07:30 pointer and nothing before
    const warm = await duePointers(index, at(7));
    expect(warm.firstSweep).toBe(false);
    expect(sortedInstants(warm.items)).toEqual([at(7).toISOString()]);
    await advanceCheckpoint(index, at(7));
    expect(await stored()).toBe(hourOf(at(7)));

    // a cold start (a new container) reads from the stored hour: everything due since, nothing before
    await advanceCheckpoint(index, at(9));
    vi.resetModules();
    const cold = await import('./due-pointers');
    const now = at(14);
    const { items, firstSweep } = await cold.duePointers(index, now);
    expect(firstSweep).toBe(false);
    expect(sortedInstants(items)).toEqual(
      all.filter((i) => i.slice(0, 13) >= hourOf(at(7)) && i <= now.toISOString()),
    );
  });
});
