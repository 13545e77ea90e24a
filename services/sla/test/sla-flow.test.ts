/**
 * SLA clocks end to end on the local cloud, driven by /dev/clock: a posted complaint gets its
 * clocks; advancing past 50%, 80% and 100% of the resolve clock announces one warning of each kind
 * and one breach; the breach raises the priority and 24 h later hands the case to the escalation
 * desk; a pause for the customer moves the deadline by exactly the paused business time.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo, eventBridge } from '#shared/aws/clients';
import { calendarFor } from '#shared/calendar/business-calendar';
import { buildEvent, type EventData } from '#shared/contracts/events/index';
import { clockKey, complaintKey, isClockKey } from '#shared/tables/complaints';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, partition, startTestCloud, waitFor, withoutSchedules } from '../../../test/support/local-cloud';
import type { SlaClock } from '../domain/clock';
import { complaintUpdate } from '../domain/track-complaint';

let cloud: LocalCloud;
beforeAll(async () => {
  // the hourly care planner would run for every hour the clock skips, planning nothing: no customers
  cloud = await startTestCloud(withoutSchedules(topology, 'care-campaign-planner'));
});
afterAll(async () => {
  await cloud?.stop();
});

type BusEntry = { detail: { data: Record<string, unknown> } };
const eventsOf = async (type: string, complaintId: string) =>
  ((await api(cloud, `/dev/events?type=${type}&limit=1000`)).body.events as BusEntry[]).filter(
    (e) => e.detail.data.complaintId === complaintId,
  );

async function fileComplaint(at: string, phone: string) {
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: at } });
  const res = await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: {
      customer: { name: '孙丽', phone },
      description: '保单受益人变更申请提交两周了还没有处理，请尽快办理。',
      consent: { dataProcessing: true },
    },
  });
  expect(res.status).toBe(201);
  const complaintId = res.body.complaintId as string;
  await waitFor(
    async () => ((await eventsOf('complaint.triaged', complaintId)).length ? true : undefined),
    'triage',
  );
  await cloud.settle();
  return { complaintId, reference: res.body.reference as string };
}

async function clockItem(complaintId: string, name: string) {
  const result = await dynamo().send(
    new GetCommand({
      TableName: cloud.tableNames.Complaints,
      Key: clockKey(complaintId, name),
      ConsistentRead: true,
    }),
  );
  return result.Item as SlaClock | undefined;
}

/**
 * The complaint item says what its clocks say: the SLA service skips the complaint's write when
 * nothing it holds changes, so every step checks that status lookup, the queue and notify still
 * read the deadline and order of the clocks as they are now.
 */
async function expectItemToAgreeWithClocks(complaintId: string) {
  const { Items: items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: cloud.tableNames.Complaints,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': complaintKey(complaintId).pk },
      ConsistentRead: true,
    }),
  );
  const complaint = items.find((i) => i.sk === complaintKey(complaintId).sk);
  const expected = complaintUpdate(items.filter((i) => isClockKey(i.sk)) as SlaClock[], []);
  expect(complaint?.customerDeadline ?? null).toEqual(expected.customerDeadline);
  expect(complaint?.gsi1sk).toBe(`${expected.queueDueAt ?? '9999-12-31T23:59:59.999Z'}#${complaintId}`);
}

/** Dev routes answer once what they set off has settled (504 if it did not within two minutes). */
async function devPost(path: string, json?: unknown) {
  const answer = await api(cloud, path, { method: 'POST', ...(json ? { json } : {}) });
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
}

async function advanceTo(instant: Date) {
  await devPost('/dev/clock', { set: instant.toISOString() });
  // the sweep runs on the minute; give it a minute of local time
  await devPost('/dev/clock', { advance: 'PT1M' });
}

describe('SLA clocks', () => {
  it('warns at 50% and 80%, breaches at 100% exactly once, then escalates', async () => {
    // a Monday morning in Shanghai, outside any holiday
    const { complaintId, reference } = await fileComplaint('2026-03-02T01:00:00Z', '13822223333');
    const resolve = await clockItem(complaintId, 'resolve');
    expect(resolve?.state).toBe('running');
    const start = Date.parse(resolve!.startedAt);
    const due = Date.parse(resolve!.dueAt);
    const status = await api(cloud, `/v1/complaints/${reference}/status?contact=3333`);
    // notify acknowledged at once, which met the acknowledge clock: the resolve deadline is next
    expect((await clockItem(complaintId, 'acknowledge'))?.state).toBe('met');
    expect(status.body.nextDeadline).toEqual({ name: 'resolve', dueAt: resolve!.dueAt });
    await expectItemToAgreeWithClocks(complaintId);

    const resolveEvents = async (type: string) =>
      (await eventsOf(type, complaintId)).filter((e) => e.detail.data.clock === 'resolve');

    await advanceTo(new Date(start + (due - start) * 0.5));
    const thresholds = async () =>
      (await resolveEvents('sla.warning')).map((e) => e.detail.data.threshold).sort();
    expect(await thresholds()).toEqual([0.5]);
    await advanceTo(new Date(start + (due - start) * 0.8));
    expect(await thresholds()).toEqual([0.5, 0.8]);
    await expectItemToAgreeWithClocks(complaintId);
    await advanceTo(new Date(due));
    const breaches = await resolveEvents('sla.breached');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]!.detail.data).toMatchObject({ escalationLevel: 1, notify: 'team-lead' });

    // running the sweep again fires nothing more
    await devPost('/dev/schedules/sla-timer-sweep/run');
    expect(await resolveEvents('sla.breached')).toHaveLength(1);
    expect(await resolveEvents('sla.warning')).toHaveLength(2);

    const [complaint] = (await partition(cloud, 'Complaints', complaintKey(complaintId).pk)).filter(
      (i) => i.sk === complaintKey(complaintId).sk,
    );
    expect(complaint?.escalated).not.toBeUndefined();
    await expectItemToAgreeWithClocks(complaintId);

    await advanceTo(new Date(due + 24 * 3_600_000));
    const second = (await resolveEvents('sla.breached')).filter((e) => e.detail.data.escalationLevel === 2);
    expect(second).toHaveLength(1);
    const [after] = (await partition(cloud, 'Complaints', complaintKey(complaintId).pk)).filter(
      (i) => i.sk === complaintKey(complaintId).sk,
    );
    expect(after?.team).toBe('escalation-desk');
    await expectItemToAgreeWithClocks(complaintId);
  });

  it('moves the deadline by exactly the paused business time', async () => {
    const { complaintId, reference } = await fileComplaint('2026-04-13T02:00:00Z', '13833334444');
    const before = await clockItem(complaintId, 'resolve');
    const publish = (data: Pick<EventData<'complaint.status-changed'>, 'from' | 'to'>) =>
      eventBridge().send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: process.env.EVENT_BUS_NAME,
              Source: 'complaint-care',
              DetailType: 'complaint.status-changed',
              Detail: JSON.stringify(
                buildEvent('complaint.status-changed', { complaintId, reference, ...data }, 'test'),
              ),
            },
          ],
        }),
      );
    // paused Tuesday 10:00 to Thursday 15:00 Shanghai time
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-04-14T02:00:00Z' } });
    await publish({ from: 'in-progress', to: 'awaiting-customer' });
    await cloud.settle();
    expect((await clockItem(complaintId, 'resolve'))?.state).toBe('paused');
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-04-16T07:00:00Z' } });
    await publish({ from: 'awaiting-customer', to: 'in-progress' });
    await cloud.settle();

    const after = await clockItem(complaintId, 'resolve');
    expect(after?.state).toBe('running');
    const pausedAt = new Date(after!.history.find((h) => h.change === 'paused')!.at);
    const resumedAt = new Date(after!.history.find((h) => h.change === 'resumed')!.at);
    const calendar = calendarFor('CN');
    const paused = calendar.businessMillisBetween(pausedAt, resumedAt);
    // Tuesday 10:00 to Thursday 15:00: the rest of Tuesday, all of Wednesday, Thursday to 15:00
    expect(paused.value / 3_600_000).toBeCloseTo(7.5 + 8.5 + 6, 2);
    expect(after!.pausedBusinessMs).toBe(paused.value);
    const expected = calendar.addBusinessHours(new Date(before!.dueAt), paused.value / 3_600_000);
    expect(after!.dueAt).toBe(expected.value.toISOString());
  });
});
