/**
 * Clock rules end to end on the local cloud, through the case API and the SLA consumer:
 * - new facts then an extension: the date the API answers is the date the clock ends with;
 * - UK: an acknowledgement does not meet the summary resolution window, which lapses unused and
 *   leaves the complaint under the eight weeks, without a breach;
 * - AU: an agent marking financial hardship brings the resolve clock to 21 days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

type Json = Record<string, unknown>;
type ClockView = { name: string; state: string; dueAt: string; history: { change: string }[] };
type TimelineView = { kind: string; action?: string; detail?: Json };

const setClock = (at: string) => api(cloud, '/dev/clock', { method: 'POST', json: { set: at } });

/** An admin works every team's cases; tokens are made afresh as the local clock moves by days. */
async function asAdmin(version?: number) {
  const token = (
    await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-root', role: 'admin' } })
  ).body.token as string;
  return {
    authorization: `Bearer ${token}`,
    ...(version !== undefined ? { 'if-match': `"${version}"` } : {}),
  };
}

const view = async (id: string) => (await api(cloud, `/v1/cases/${id}`, { headers: await asAdmin() })).body;
const clockOf = async (id: string, name: string) =>
  ((await view(id)).clocks as ClockView[]).find((c) => c.name === name);

async function act(id: string, action: string, body: Json, version?: number) {
  const current = version ?? ((await view(id)).version as number);
  const res = await api(cloud, `/v1/cases/${id}/${action}`, {
    method: 'POST',
    headers: await asAdmin(current),
    json: body,
  });
  expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.version as number;
}

const eventsOf = async (type: string, id: string) =>
  (
    (await api(cloud, `/dev/events?type=${type}&limit=500`)).body.events as { detail: { data: Json } }[]
  ).filter((e) => e.detail.data.complaintId === id);

async function importCustomer(customerId: string, timeZone: string, policyNumber: string, phone: string) {
  const line = {
    customerId,
    name: 'Test Customer',
    birthDate: '1980-04-02',
    phone,
    email: `${customerId.toLowerCase()}@example.com`,
    language: 'en',
    timeZone,
    preferredChannel: 'email',
    tier: 'standard',
    consent: { service: true, marketing: false },
    policies: [
      {
        policyNumber,
        product: 'home',
        startDate: '2024-01-10',
        premiumDueDate: '2027-01-10',
        premiumAmount: 1200,
        status: 'in-force',
      },
    ],
    lastContactAt: '2026-01-15T02:00:00Z',
  };
  const res = await api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { ...(await asAdmin()), 'content-type': 'application/x-ndjson' },
    body: `${JSON.stringify(line)}\n`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function fileComplaint(json: Json) {
  const res = await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: { consent: { dataProcessing: true }, ...json },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.complaintId as string;
  await waitFor(async () => ((await eventsOf('complaint.triaged', id)).length ? true : undefined), 'triage');
  await cloud.settle();
  return id;
}

describe('clock rules through the case API', () => {
  it('answers the extended date after new facts, and the clock ends with that date whatever order its events came in', async () => {
    await setClock('2026-06-01T01:00:00Z'); // Monday 09:00 Shanghai
    const id = await fileComplaint({
      customer: { name: '钱伟', phone: '13655556666' },
      description: '我的医疗险理赔申请提交一个月了，一直没有结果，请尽快处理。',
    });
    await act(id, 'assign', { assignee: 'agent-ann' });
    await act(id, 'request-info', { message: '请补充医院的费用清单。' });
    await cloud.settle();

    // Friday 5 June 10:00 Shanghai: the customer brings new facts, and the agent at once asks for
    // 15 more days, before the SLA service may have taken the new facts in
    await setClock('2026-06-05T02:00:00Z');
    const afterResponse = await act(id, 'customer-response', {
      message: '补充了新的诊断证明。',
      newFacts: true,
    });
    await act(id, 'extend', { reason: '需要调取外院病历', days: 15 }, afterResponse);

    // new facts restart the 15 days from 5 June; 15 more make 30: 5 July is a Sunday, so the
    // period ends on Monday 6 July, 24:00 Shanghai (Civil Code art. 203)
    const expected = '2026-07-06T16:00:00.000Z';
    const extendEntry = ((await view(id)).timeline as TimelineView[]).find((t) => t.action === 'extend');
    expect(extendEntry?.detail?.dueAt).toBe(expected);

    await cloud.settle();
    const resolve = await clockOf(id, 'resolve');
    expect(resolve?.dueAt).toBe(expected);
    expect(resolve?.history.map((h) => h.change).slice(-2)).toEqual(['restarted', 'extended']);
    expect((await view(id)).nextDeadline).toEqual({ name: 'resolve', dueAt: expected });
    // the delay notice the customer may get carries the same date
    expect((await eventsOf('complaint.extended', id))[0]?.detail.data.dueAt).toBe(expected);
  });

  it('UK: the acknowledgement does not meet the summary window, which lapses without a breach', async () => {
    await importCustomer('CUK0001', 'Europe/London', 'PUK2026000001', '+447700900123');
    await setClock('2026-06-08T09:00:00Z'); // Monday 10:00 London
    const id = await fileComplaint({
      customer: { name: 'Alex Reed', email: 'alex.reed@example.com' },
      policyNumber: 'PUK2026000001',
      description: 'My home insurance claim has had no answer for five weeks.',
      language: 'en',
    });
    await waitFor(
      async () => ((await eventsOf('notification.sent', id)).length ? true : undefined),
      'the acknowledgement',
    );
    await cloud.settle();
    const summary = await clockOf(id, 'acknowledge');
    expect(summary?.state).toBe('running');
    expect(summary?.dueAt).toBe('2026-06-11T16:00:00.000Z'); // Thursday 17:00 BST

    // Friday: the third business day closed without a resolution
    await setClock('2026-06-12T09:00:00Z');
    await cloud.settle();
    expect((await clockOf(id, 'acknowledge'))?.state).toBe('lapsed');
    await act(id, 'assign', { assignee: 'agent-ann' });
    await act(id, 'resolve', {
      outcome: 'upheld',
      rootCause: 'claims-handling',
      responseToCustomer: 'We have settled your claim.',
    });
    await cloud.settle();
    expect((await clockOf(id, 'acknowledge'))?.state).toBe('lapsed');
    expect((await clockOf(id, 'resolve'))?.state).toBe('met');
    const breaches = (await eventsOf('sla.breached', id)).filter(
      (e) => e.detail.data.clock === 'acknowledge',
    );
    expect(breaches).toEqual([]);
  });

  it('AU: an agent marking financial hardship brings the resolve clock to 21 days', async () => {
    await importCustomer('CAU0001', 'Australia/Sydney', 'PAU2026000001', '+61412345678');
    await setClock('2026-03-08T23:00:00Z'); // Monday 9 March 10:00 Sydney
    const id = await fileComplaint({
      customer: { name: 'Sam Hill', email: 'sam.hill@example.com' },
      policyNumber: 'PAU2026000001',
      description: 'My home insurance premium was debited twice this month.',
      language: 'en',
    });
    expect((await clockOf(id, 'resolve'))?.dueAt).toBe('2026-04-08T14:00:00.000Z'); // 9 Mar + 30

    await setClock('2026-03-13T00:00:00Z');
    await act(id, 'hardship', { hardship: true, reason: 'a default notice was issued' });
    const expected = '2026-03-30T13:00:00.000Z'; // 9 Mar + 21, 24:00 AEDT
    const entry = ((await view(id)).timeline as TimelineView[]).find((t) => t.action === 'hardship');
    expect(entry?.detail?.dueAt).toBe(expected);
    expect((await view(id)).hardship).toMatchObject({
      hardship: true,
      reason: 'a default notice was issued',
    });
    await cloud.settle();
    const resolve = await clockOf(id, 'resolve');
    expect(resolve?.dueAt).toBe(expected);
    expect(resolve?.history.at(-1)?.change).toBe('hardship');
  });
});
