/**
 * A jump of the local cloud's clock past several thresholds at once (/dev/clock runs the timer
 * sweep once, at the end of the jump): that one sweep announces the resolve clock's 50% and 80%
 * warnings and its breach, in that order, each exactly once; sweeping again adds nothing.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '#shared/aws/clients';
import { clockKey } from '#shared/tables/complaints';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor, withoutSchedules } from '../../../test/support/local-cloud';
import type { SlaClock } from '../domain/clock';

let cloud: LocalCloud;
beforeAll(async () => {
  // the hourly care planner would run for every hour the clock skips, planning nothing: no customers
  cloud = await startTestCloud(withoutSchedules(topology, 'care-campaign-planner'));
});
afterAll(async () => {
  await cloud?.stop();
});

/** Dev routes answer once what they set off has settled (504 if it did not within two minutes). */
async function devPost(path: string, json?: unknown) {
  const answer = await api(cloud, path, { method: 'POST', ...(json ? { json } : {}) });
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
}

type BusEntry = { detail: { type: string; data: Record<string, unknown> } };

async function resolveClock(complaintId: string) {
  const result = await dynamo().send(
    new GetCommand({
      TableName: cloud.tableNames.Complaints,
      Key: clockKey(complaintId, 'resolve'),
      ConsistentRead: true,
    }),
  );
  return result.Item as SlaClock | undefined;
}

/** The resolve clock's announcements on the bus, oldest first, as `sla.warning 0.5` and the like. */
async function announcements(complaintId: string) {
  const entries: BusEntry[] = [];
  for (const type of ['sla.warning', 'sla.breached']) {
    const res = await api(cloud, `/dev/events?type=${type}&limit=1000`);
    entries.push(...(res.body.events as BusEntry[]));
  }
  return entries
    .filter((e) => e.detail.data.complaintId === complaintId && e.detail.data.clock === 'resolve')
    .map((e) => `${e.detail.type} ${e.detail.data.threshold ?? e.detail.data.escalationLevel}`)
    .sort();
}

describe('a jump of the clock past several thresholds', () => {
  it('announces 50%, 80% and the breach in one sweep, in order, each exactly once', async () => {
    // a Monday morning in Shanghai, outside any holiday
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-03-09T01:00:00Z' } });
    const filed = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '周敏', phone: '13855556666' },
        description: '理赔申请提交一个月了没有任何答复，请尽快处理。',
        consent: { dataProcessing: true },
      },
    });
    expect(filed.status).toBe(201);
    const complaintId = filed.body.complaintId as string;
    const started = await waitFor(async () => resolveClock(complaintId), 'the resolve clock');
    // the sweep has run since the filing, as it does every minute: it reads from there on
    await devPost('/dev/schedules/sla-timer-sweep/run');

    // one step from receipt to a minute past the deadline: the sweep runs once, at its end
    const past = new Date(Date.parse(started.dueAt) + 60_000).toISOString();
    await devPost('/dev/clock', { set: past });

    const resolve = await resolveClock(complaintId);
    expect(resolve?.state).toBe('breached');
    expect(resolve?.history.map((h) => h.change)).toEqual(['started', 'warned', 'warned', 'breached']);
    expect(resolve?.history.filter((h) => h.change === 'warned').map((h) => h.reason)).toEqual([
      '50% of the time used',
      '80% of the time used',
    ]);
    expect(await announcements(complaintId)).toEqual([
      'sla.breached 1',
      'sla.warning 0.5',
      'sla.warning 0.8',
    ]);

    await devPost('/dev/schedules/sla-timer-sweep/run');
    expect(await announcements(complaintId)).toEqual([
      'sla.breached 1',
      'sla.warning 0.5',
      'sla.warning 0.8',
    ]);
  });
});
