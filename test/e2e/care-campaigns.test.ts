/**
 * Issue 8's acceptance, end to end on the local cloud and only through public doors: customers
 * imported through the admin route, a complaint filed through the web form, a customer's opt-out
 * recorded through the preferences route, and `/dev/clock` moved to 09:00 in Shanghai on their
 * birthday. The planner, the outbox relay, notify's rules, the SMS sink and the care service's
 * outcome counting are all the real ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../infra/local/cloud';
import { topology } from '../../infra/topology';
import { smsTo } from '../../services/notify/test/mailbox';
import { api, startTestCloud, waitFor } from '../support/local-cloud';

let cloud: LocalCloud;

const birthday = '1975-06-15';
const customers = [
  // greeted: an ordinary customer whose birthday it is
  { customerId: 'E2E-GREET', phone: '13911110001' },
  // opted out of marketing (through the preferences route below)
  { customerId: 'E2E-OPTOUT', phone: '13911110002' },
  // has an open complaint, and a premium due in 7 days
  {
    customerId: 'E2E-OPEN',
    phone: '13911110003',
    policies: [
      {
        policyNumber: 'P2025000901',
        product: 'medical',
        startDate: '2025-03-01',
        premiumDueDate: '2026-06-22',
        premiumAmount: 1280,
        status: 'in-force',
      },
    ],
  },
].map((c) => ({
  name: '赵敏',
  birthDate: birthday,
  preferredChannel: 'sms',
  consent: { service: true, marketing: true },
  ...c,
}));

const setClock = (set: string) => api(cloud, '/dev/clock', { method: 'POST', json: { set } });

type BusEvent = { detail: { data: Record<string, unknown> } };
async function events(type: string, customerId: string): Promise<BusEvent[]> {
  const found = await api(cloud, `/dev/events?type=${type}&limit=1000`);
  return (found.body.events as BusEvent[]).filter((e) => e.detail.data.customerId === customerId);
}

/** Tokens from /dev/token live 12 hours of the local clock, so each step asks for a fresh one. */
async function admin() {
  const token = await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'ops-1', role: 'admin' } });
  return { authorization: `Bearer ${token.body.token as string}` };
}

async function birthdayRun() {
  const runs = await api(cloud, '/v1/campaigns/birthday/runs', { headers: await admin() });
  return (runs.body.runs as { runId: string; counts: Record<string, number> }[]).find(
    (r) => r.runId === '2026-06-15#Asia/Shanghai',
  );
}

beforeAll(async () => {
  cloud = await startTestCloud(topology);
  await setClock('2026-06-14T02:00:00Z');
  const headers = await admin();

  const imported = await api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-ndjson' },
    body: customers.map((c) => JSON.stringify(c)).join('\n'),
  });
  expect(imported.body).toMatchObject({ created: 3, rejected: [] });

  const preferences = await api(cloud, '/v1/customers/E2E-OPTOUT/preferences', { headers });
  const optedOut = await api(cloud, '/v1/customers/E2E-OPTOUT/preferences', {
    method: 'PUT',
    headers: { ...headers, 'if-match': preferences.headers.get('etag') ?? '*' },
    json: { consent: { marketing: false } },
  });
  expect(optedOut.status).toBe(200);

  const complaint = await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: {
      customer: { name: '赵敏', phone: '13911110003' },
      policyNumber: 'P2025000901',
      description: '理赔材料已经提交一个月了还没有任何进展，请尽快处理。',
      consent: { dataProcessing: true },
    },
  });
  expect(complaint.status).toBe(201);
  // the care service learns of the open complaint from complaint.received
  await waitFor(async () => {
    const res = await api(cloud, '/v1/campaigns/birthday/preview?date=2026-06-15', { headers });
    const suppressed = res.body.suppressed as Record<string, number> | undefined;
    return suppressed?.['open-complaint'] === 1 ? true : undefined;
  }, 'the open complaint on the customer profile');
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
});

describe('care campaigns, end to end', () => {
  it('sends the birthday greeting once at 09:00 local, on the customer’s channel', async () => {
    // 08:30 in Shanghai: the local clock runs on in real time, and setting it waits for the cloud
    // to settle, which on a busy machine can take more than a minute
    await setClock('2026-06-15T00:30:00Z');
    expect(smsTo(cloud, '13911110001')).toHaveLength(0);
    await setClock('2026-06-15T01:01:00Z');

    const greeting = await waitFor(
      async () => (smsTo(cloud, '13911110001').length ? smsTo(cloud, '13911110001') : undefined),
      'the birthday SMS',
    );
    expect(greeting).toHaveLength(1);
    expect(greeting[0]!.messageBody).toContain('生日快乐');
  });

  it('greets neither the opted-out customer nor the one with an open complaint, and counts why', async () => {
    await cloud.settle();
    expect(smsTo(cloud, '13911110002')).toHaveLength(0);
    const run = await waitFor(async () => {
      const r = await birthdayRun();
      return r?.counts.sent === 1 ? r : undefined;
    }, 'the sent greeting counted in the run');
    expect(run.counts).toMatchObject({
      planned: 1,
      sent: 1,
      'suppressed_no-consent': 1,
      'suppressed_open-complaint': 1,
    });
  });

  it('still reminds the customer with the open complaint that a premium is due', async () => {
    const sent = await waitFor(async () => {
      const found = await events('notification.sent', 'E2E-OPEN');
      const reminders = found.filter((e) => e.detail.data.campaignId === 'premium-due');
      return reminders.length ? reminders : undefined;
    }, 'the premium reminder');
    expect(sent).toHaveLength(1);
    expect(smsTo(cloud, '13911110003').some((m) => m.messageBody.includes('P2025000901'))).toBe(true);
    expect(
      (await events('notification.sent', 'E2E-OPEN')).some((e) => e.detail.data.campaignId === 'birthday'),
    ).toBe(false);
  });

  it('sends nothing more when the day’s schedule runs again', async () => {
    const before = cloud.sms.messages.length;
    const rerun = await api(cloud, '/dev/schedules/care-campaign-planner/run', { method: 'POST' });
    expect(rerun.status).toBe(200);
    await cloud.settle();
    expect(cloud.sms.messages.length).toBe(before);
    expect(smsTo(cloud, '13911110001')).toHaveLength(1);
    expect((await birthdayRun())?.counts).toMatchObject({ planned: 1, sent: 1 });
  });
});
