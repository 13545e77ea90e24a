/**
 * A deployment that still holds clocks of the earlier layout: the clock item without a due entry of
 * its own and one timer item per threshold (`TIMER#<clock>#<key>`, with the clock version it was
 * made for). On the local cloud, with the real sweep and store: those timers keep firing, each
 * threshold once and in order, the clock then carries its own next timer, and the timer items are
 * dropped as the sweep passes them.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '#shared/aws/clients';
import {
  clockKey,
  complaintKey,
  dueTimerPartition,
  dueTimerSortKey,
  timerKey,
} from '#shared/tables/complaints';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor, withoutSchedules } from '../../../test/support/local-cloud';
import type { SlaClock } from '../domain/clock';
import { slaRules } from '../domain/sla-rules';
import { timersOf } from '../domain/timers';

let cloud: LocalCloud;
beforeAll(async () => {
  // the hourly care planner would run for every hour the clock skips, planning nothing: no customers
  cloud = await startTestCloud(withoutSchedules(topology, 'care-campaign-planner'));
}, 180_000);
afterAll(async () => {
  await cloud?.stop();
});

const items = async (complaintId: string) =>
  (
    await dynamo().send(
      new QueryCommand({
        TableName: cloud.tableNames.Complaints,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': complaintKey(complaintId).pk },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

const resolveItem = async (complaintId: string) =>
  (
    await dynamo().send(
      new GetCommand({
        TableName: cloud.tableNames.Complaints,
        Key: clockKey(complaintId, 'resolve'),
        ConsistentRead: true,
      }),
    )
  ).Item;

/** The resolve clock's warnings and breaches on the bus, in the order they were published. */
async function announcements(complaintId: string): Promise<string[]> {
  type Entry = { detail: { type: string; occurredAt: string; data: Record<string, unknown> } };
  const entries: Entry[] = [];
  for (const type of ['sla.warning', 'sla.breached'])
    entries.push(...((await api(cloud, `/dev/events?type=${type}&limit=1000`)).body.events as Entry[]));
  return entries
    .filter((e) => e.detail.data.complaintId === complaintId && e.detail.data.clock === 'resolve')
    .sort((a, b) => a.detail.occurredAt.localeCompare(b.detail.occurredAt))
    .map((e) => `${e.detail.type} ${e.detail.data.threshold ?? e.detail.data.escalationLevel}`);
}

/** Dev routes answer once what they set off has settled (504 if it did not within two minutes). */
async function devPost(path: string, json?: unknown) {
  const answer = await api(cloud, path, { method: 'POST', ...(json ? { json } : {}) });
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
}

async function moveTo(instant: Date) {
  await devPost('/dev/clock', { set: instant.toISOString() });
  await devPost('/dev/schedules/sla-timer-sweep/run');
}

describe('timer items of the earlier layout', () => {
  it('keep firing once each, in order, and are dropped as the sweep passes them', {
    timeout: 600_000,
  }, async () => {
    // a Monday morning in Shanghai, outside any holiday
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-03-16T01:00:00Z' } });
    const filed = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '吴刚', phone: '13866667777' },
        description: '退保申请提交三周了仍未到账，请尽快处理。',
        consent: { dataProcessing: true },
      },
    });
    expect(filed.status).toBe(201);
    const complaintId = filed.body.complaintId as string;
    await waitFor(async () => resolveItem(complaintId), 'the resolve clock', 120_000);
    await cloud.settle();

    // store the resolve clock as the earlier layout did: no entry on the clock, a timer item per threshold
    const { gsi3pk, gsi3sk, ...clockItem } = (await resolveItem(complaintId))!;
    expect(gsi3pk).toBeDefined(); // this layout's clock carries its next timer
    const clock = clockItem as unknown as SlaClock;
    await dynamo().send(new PutCommand({ TableName: cloud.tableNames.Complaints, Item: clockItem }));
    const now = new Date('2026-03-16T01:00:00Z');
    const timers = timersOf(clock, slaRules.policy);
    expect(timers.map((t) => t.key)).toEqual(['0.5', '0.8', '1']);
    for (const timer of timers)
      await dynamo().send(
        new PutCommand({
          TableName: cloud.tableNames.Complaints,
          Item: {
            ...timerKey(complaintId, 'resolve', timer.key),
            kind: 'sla-timer',
            complaintId,
            clock: 'resolve',
            key: timer.key,
            at: timer.at.toISOString(),
            clockVersion: clock.version,
            gsi3pk: dueTimerPartition(
              new Date(Math.max(timer.at.getTime(), now.getTime())).toISOString().slice(0, 13),
            ),
            gsi3sk: dueTimerSortKey(timer.at.toISOString(), complaintId, 'resolve', timer.key),
          },
        }),
      );
    const legacy = (...keys: string[]) => keys.map((key) => timerKey(complaintId, 'resolve', key).sk);
    const timerSortKeys = new Set(legacy('0.5', '0.8', '1', 'escalate'));
    const legacyKeys = async () =>
      (await items(complaintId)).map((i) => String(i.sk)).filter((sk) => timerSortKeys.has(sk));
    expect(await legacyKeys()).toEqual(legacy('0.5', '0.8', '1'));
    // the sweep has run since the filing, as it does every minute: it reads from here on
    await api(cloud, '/dev/schedules/sla-timer-sweep/run', { method: 'POST' });

    const start = Date.parse(clock.startedAt);
    const due = Date.parse(clock.dueAt);
    await moveTo(new Date(start + (due - start) * 0.6));
    expect(await announcements(complaintId)).toEqual(['sla.warning 0.5']);
    // the clock was saved in this layout: it carries its next threshold; the fired item is gone
    expect((await resolveItem(complaintId))?.gsi3sk).toBe(
      dueTimerSortKey(timers[1]!.at.toISOString(), complaintId, 'resolve', '0.8'),
    );
    expect(await legacyKeys()).toEqual(legacy('0.8', '1'));

    await moveTo(new Date(due + 60_000));
    await devPost('/dev/schedules/sla-timer-sweep/run');
    expect(await announcements(complaintId)).toEqual([
      'sla.warning 0.5',
      'sla.warning 0.8',
      'sla.breached 1',
    ]);
    expect(await legacyKeys()).toEqual([]);
    expect((await resolveItem(complaintId))?.state).toBe('breached');

    // nothing of the earlier layout is left to fire: a day later only the escalation follows
    await moveTo(new Date(due + 25 * 3_600_000));
    expect(await announcements(complaintId)).toEqual([
      'sla.warning 0.5',
      'sla.warning 0.8',
      'sla.breached 1',
      'sla.breached 2',
    ]);
  });
});
