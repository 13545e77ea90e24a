/**
 * Claims and policy journeys on the local cloud: the signed route (single and NDJSON batch) and
 * the EventBridge path, each notice exactly once under redelivery and out-of-order arrival, the
 * declined claim's complaint link, a stalled claim's message and the lead's alert once per stall;
 * and the journeys' retention, which follows the end of the customer's relationship.
 */
import { isDeepStrictEqual } from 'node:util';
import { GetItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBridge } from '#shared/aws/clients';
import { buildEvent, type CatalogEvent } from '#shared/contracts/events/index';
import { claimStateKey, journeyPartition } from '#shared/tables/claims';
import { customerProfileKey } from '#shared/tables/customers';
import { customerMessagesPartition } from '#shared/tables/messages';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { publishEnvelope } from '../../../test/support/bus';
import { postCoreEvent } from '../../../test/support/core-events';
import { api, partition, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { customerLine } from '../../care/test/care-fixtures';
import { mailTo, smsTo } from '../../notify/test/mailbox';
import { periodRule } from '../../privacy/domain/retention-rules';
import { CORE_EVENTS_SOURCE } from '../handlers/bus-events';

const EMAIL = 'olivia.claims@example.com';
const POLICY = 'P1800000001';
const SMS_POLICY = 'P1800000002';
const LEAD = 'lead.claims@staff.complaint-care.local';

let cloud: LocalCloud;

const policy = (policyNumber: string, ended?: { status: string; endDate: string }) => ({
  policyNumber,
  product: 'medical',
  startDate: '2024-05-10',
  status: 'in-force',
  ...ended,
});

async function importCustomers(lines: string[]) {
  const admin = (await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-18', role: 'admin' } }))
    .body.token as string;
  return api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' },
    body: lines.join('\n'),
  });
}

beforeAll(async () => {
  cloud = await startTestCloud(topology);
  // Monday 10:00 in Shanghai: outside quiet hours
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-12-07T02:00:00Z' } });
  const imported = await importCustomers([
    customerLine({
      customerId: 'C1801',
      name: 'Olivia Smith',
      email: EMAIL,
      phone: '13900181801',
      language: 'en',
      preferredChannel: 'email',
      consent: { service: true, marketing: false },
      policies: [policy(POLICY)],
    }),
    customerLine({
      customerId: 'C1802',
      phone: '13900181802',
      email: 'li.claims@example.com',
      preferredChannel: 'sms',
      policies: [policy(SMS_POLICY)],
    }),
  ]);
  expect(imported.body).toMatchObject({ created: 2, rejected: [] });
});
afterAll(async () => {
  await cloud?.stop();
});

const nowSeconds = () => Math.floor(cloud.clock.now().getTime() / 1000);

const post = (body: string, contentType?: string, t?: number, secret?: string) =>
  postCoreEvent(cloud, body, { contentType, t, secret });

let sequence = 0;
const at = (minutesAgo: number) => new Date(cloud.clock.now().getTime() - minutesAgo * 60_000).toISOString();
function event(type: string, fields: Record<string, unknown> = {}, data: Record<string, unknown> = {}) {
  return {
    eventId: `EV-${++sequence}`,
    type,
    occurredAt: at(0),
    policyNumber: POLICY,
    ...(type.startsWith('claim.') && { claimNumber: 'CLM1800000001' }),
    data,
    ...fields,
  };
}

/** When a record of `kind` expires, by its rule, once its customer's relationship ended on `endedAt`. */
const expiryOf = (kind: 'journey-event' | 'claim-state', endedAt: string) =>
  Date.parse(`${endedAt}T00:00:00Z`) / 1000 + periodRule('Customers', kind).days * 86_400;

/**
 * The stored steps of a policy's journey, a claim's only when one is named, read from the table
 * (gsi6 holds their keys only). Each is checked to carry no expiresAt while its customer's
 * relationship goes on and the relationship's once it ended: a core event is its own outbox item
 * and the Customers table has TTL on expiresAt, so one with the outbox's week would vanish from
 * the journey like the table's other outbox items do.
 */
async function journeySteps(policyNumber: string, claimNumber?: string): Promise<Record<string, unknown>[]> {
  const keys = await cloud.dynamo.send(
    new QueryCommand({
      TableName: cloud.tableNames.Customers,
      IndexName: 'gsi6',
      KeyConditionExpression: 'gsi6pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: journeyPartition(policyNumber) } },
    }),
  );
  const steps = await Promise.all(
    (keys.Items ?? []).map(async ({ pk, sk }) => {
      const stored = await cloud.dynamo.send(
        new GetItemCommand({
          TableName: cloud.tableNames.Customers,
          Key: { pk: pk!, sk: sk! },
          ConsistentRead: true,
        }),
      );
      expect(stored.Item, `journey step ${pk?.S}`).toBeDefined();
      return unmarshall(stored.Item!);
    }),
  );
  for (const step of steps)
    expect(step.expiresAt, `journey step ${step.pk}`).toEqual(
      step.relationshipEndedAt === undefined
        ? undefined
        : expiryOf('journey-event', step.relationshipEndedAt as string),
    );
  const claimOf = (step: Record<string, unknown>) =>
    (step.event as { data: { claimNumber?: string } }).data.claimNumber;
  return claimNumber ? steps.filter((step) => claimOf(step) === claimNumber) : steps;
}

const mailAbout = async (pattern: RegExp) =>
  (await mailTo(cloud, EMAIL)).filter((m) => pattern.test(m.subject));

/** The case once triage has run, as an admin sees it. */
async function triagedCase(complaintId: string) {
  const admin = (await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-18', role: 'admin' } }))
    .body.token as string;
  return waitFor(async () => {
    const res = await api(cloud, `/v1/cases/${complaintId}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    return res.body.triage ? res.body : undefined;
  }, 'triaged case');
}

describe('core events', () => {
  it('answers 401 to a forged signature, a replay outside 5 minutes and no signature; stores nothing', async () => {
    const body = JSON.stringify(event('claim.registered', { claimNumber: 'CLM1800000099' }));
    expect((await post(body, undefined, undefined, 'not-the-secret')).status).toBe(401);
    expect((await post(body, 'application/json', nowSeconds() - 301)).status).toBe(401);
    const unsigned = await api(cloud, '/v1/integrations/core/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('content-type')).toMatch(/problem\+json/);
    await cloud.settle();
    expect(await journeySteps(POLICY)).toHaveLength(0);
  });

  it('answers 400 with every field error, for one event and for each bad line of a batch, storing nothing', async () => {
    const single = await post(
      JSON.stringify({
        eventId: 'x y',
        type: 'claim.approved',
        occurredAt: 'yesterday',
        policyNumber: POLICY,
        data: { amount: -1 },
      }),
    );
    expect(single.status).toBe(400);
    const paths = (single.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['body.claimNumber', 'body.data.amount', 'body.eventId', 'body.occurredAt']);

    const lines = [
      JSON.stringify(event('policy.premium-paid')),
      JSON.stringify(event('claim.teleported')),
      '{not json',
      JSON.stringify(event('policy.lapse-warning', {}, {})),
    ].join('\n');
    const batch = await post(lines, 'application/x-ndjson');
    expect(batch.status).toBe(400);
    expect((batch.body.errors as { path: string }[]).map((e) => e.path)).toEqual([
      'line 2.type',
      'line 3',
      'line 4.data.gracePeriodEndsOn',
    ]);
    await cloud.settle();
    expect(await journeySteps(POLICY)).toHaveLength(0);
  });

  it('sends each step its notice once, in order, and nothing again when the events come round again', async () => {
    const steps = [
      event('claim.registered', {}, { documents: ['ID card', 'hospital invoice'] }),
      event('claim.documents-requested', {}, { documents: ['discharge summary'] }),
      event('claim.documents-received', {}, { documents: ['discharge summary'] }),
      event('claim.assessed'),
      event('claim.approved', {}, { amount: 1200.5 }),
      event('claim.paid', {}, { amount: 1200.5, paidAt: at(0) }),
      event('policy.premium-paid', { occurredAt: at(5) }, { amount: 3600 }),
      event('policy.lapse-warning', { occurredAt: at(1) }, { gracePeriodEndsOn: '2026-12-31' }),
      event('policy.changed', {}, { changes: [{ field: 'beneficiary', from: 'Tom', to: 'Ann' }] }),
    ];
    for (const [i, step] of steps.entries()) {
      // one step after the other, as the core system would send them
      step.occurredAt = step.occurredAt === at(0) ? at(-i) : step.occurredAt;
      const res = await post(JSON.stringify(step));
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ eventId: step.eventId, status: 'accepted' });
      await cloud.settle();
    }
    // every step again, single and as a back-fill: accepted, nothing new
    expect((await post(JSON.stringify(steps[0]))).body).toMatchObject({ status: 'duplicate' });
    const again = await post(steps.map((s) => JSON.stringify(s)).join('\n'), 'application/x-ndjson');
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ accepted: 0 });
    await cloud.settle();
    expect(await journeySteps(POLICY)).toHaveLength(steps.length);

    const expectOne = async (pattern: RegExp) => expect(await mailAbout(pattern)).toHaveLength(1);
    await expectOne(/registered your claim CLM1800000001/);
    await expectOne(/Documents needed for your claim/);
    await expectOne(/is approved/);
    await expectOne(/has been paid/);
    await expectOne(/Premium received/);
    await expectOne(/at risk of lapsing/);
    await expectOne(/Changes to your policy/);
    const [registered] = await mailAbout(/registered your claim/);
    expect(registered!.body.text).toContain('ID card, hospital invoice');
    const [paid] = await mailAbout(/has been paid/);
    expect(paid!.body.text).toMatch(/1,200\.50/);
    const [changed] = await mailAbout(/Changes to your policy/);
    expect(changed!.body.text).toContain('beneficiary: Tom → Ann');
    // the payment also asks the customer's NPS, once (services/relationship)
    await expectOne(/How likely are you to recommend us/);
    // documents received and assessed are steps without a notice of their own
    expect(await mailTo(cloud, EMAIL)).toHaveLength(8);
    const state = await partition(cloud, 'Customers', claimStateKey('CLM1800000001').pk);
    expect(state[0]).toMatchObject({ stage: 'claim.paid' });
  });

  it('keeps the newest state when an older event arrives late, and tells the customer only the newest', async () => {
    const claimNumber = 'CLM1800000002';
    const approved = event('claim.approved', { claimNumber, occurredAt: at(10) }, { amount: 80 });
    const registered = event('claim.registered', { claimNumber, occurredAt: at(60) });
    expect((await post(JSON.stringify(approved))).status).toBe(202);
    await cloud.settle();
    expect((await post(JSON.stringify(registered))).status).toBe(202);
    await cloud.settle();
    const state = await partition(cloud, 'Customers', claimStateKey(claimNumber).pk);
    expect(state[0]).toMatchObject({ stage: 'claim.approved', lastProgressAt: approved.occurredAt });
    // the late event is still a step of the journey
    expect(await journeySteps(POLICY, claimNumber)).toHaveLength(2);
    expect(await mailAbout(new RegExp(`${claimNumber} is approved`))).toHaveLength(1);
    expect(await mailAbout(new RegExp(`registered your claim ${claimNumber}`))).toHaveLength(0);
  });

  it("tells a declined claim's customer the reason and the right to complain, with a link to the form, by SMS", async () => {
    const declined = {
      eventId: 'EV-DECLINED-1',
      type: 'claim.declined',
      occurredAt: at(0),
      policyNumber: SMS_POLICY,
      claimNumber: 'CLM1800000003',
      data: { reason: '既往症不在保障范围内' },
    };
    expect((await post(JSON.stringify(declined))).status).toBe(202);
    await cloud.settle();
    const sms = await waitFor(async () => {
      const sent = smsTo(cloud, '13900181802');
      return sent.length ? sent : undefined;
    }, 'declined SMS');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.messageBody).toContain('既往症不在保障范围内');
    expect(sms[0]!.messageBody).toContain('claimNumber=CLM1800000003');
    expect(await journeySteps(SMS_POLICY, 'CLM1800000003')).toHaveLength(1);
  });

  it("links a complaint about the declined claim's policy to its journey, and triage raises it with the reason", async () => {
    const filed = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '李四', phone: '13900181802' },
        policyNumber: SMS_POLICY,
        description: '我的理赔被拒了，我不认同拒赔理由。',
        consent: { dataProcessing: true },
      },
    });
    expect(filed.status).toBe(201);
    const detail = await triagedCase(filed.body.complaintId as string);
    const triage = detail.triage as { priority: string; signals: string[]; reasons: { detail: string }[] };
    expect(triage.signals).toContain('claimDeclined');
    expect(['P1', 'P2', 'P3']).toContain(triage.priority);
    expect(triage.reasons.map((r) => r.detail)).toContain('claimDeclined: claim CLM1800000003 was declined');
    expect(detail.claims).toEqual([
      expect.objectContaining({
        claimNumber: 'CLM1800000003',
        stage: 'claim.declined',
        declinedReason: '既往症不在保障范围内',
        timeline: [expect.objectContaining({ type: 'claim.declined' })],
      }),
    ]);

    // the customer's journey: admins, and the team the complaint is on; nobody else
    const token = async (role: string, team?: string) =>
      (await api(cloud, '/dev/token', { method: 'POST', json: { sub: `${role}-18`, role, team } })).body
        .token as string;
    const journey = (bearer: string, customerId = 'C1802') =>
      api(cloud, `/v1/customers/${customerId}/journey`, { headers: { authorization: `Bearer ${bearer}` } });
    const seen = await journey(await token('admin'));
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      customerId: 'C1802',
      policies: [expect.objectContaining({ policyNumber: SMS_POLICY })],
      claims: [expect.objectContaining({ claimNumber: 'CLM1800000003', stage: 'claim.declined' })],
      complaints: [expect.objectContaining({ complaintId: filed.body.complaintId })],
    });
    const timeline = seen.body.timeline as { at: string; kind: string }[];
    expect(new Set(timeline.map((e) => e.kind))).toEqual(new Set(['claim', 'complaint', 'message']));
    expect(
      timeline
        .filter((e) => e.kind !== 'message')
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['claim', 'complaint']);
    // the declined notice went by SMS: listed with its kind, channel and outcome, not its content
    expect(timeline).toContainEqual({
      at: expect.any(String),
      kind: 'message',
      type: 'journey-notice',
      purpose: 'journey:claim-declined',
      channel: 'sms',
      outcome: 'sent',
    });
    expect(JSON.stringify(timeline)).not.toMatch(/13900181802|既往症/);
    const times = timeline.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await journey(await token('agent', detail.team as string))).status).toBe(200);
    expect((await journey(await token('agent', 'sales-compliance'))).status).toBe(403);
    expect((await journey(await token('admin'), 'C1899')).status).toBe(404);
  });

  it('links a complaint that names a claim number to that claim, without a policy number', async () => {
    const filed = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '王五', phone: '13900181899' },
        claimNumber: ' clm1800000003 ',
        description: '理赔被拒，我要投诉这个决定。',
        consent: { dataProcessing: true },
      },
    });
    expect(filed.status).toBe(201);
    const detail = await triagedCase(filed.body.complaintId as string);
    expect(detail.claimNumber).toBe('CLM1800000003');
    expect(detail.policyNumber).toBeUndefined();
    expect((detail.claims as { claimNumber: string }[])[0]).toMatchObject({
      claimNumber: 'CLM1800000003',
      policyNumber: SMS_POLICY,
      stage: 'claim.declined',
    });
    expect((detail.triage as { signals: string[] }).signals).toContain('claimDeclined');
    // a claim number that is not one is a field error, like a bad policy number
    const bad = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '王五', phone: '13900181899' },
        claimNumber: '#1',
        description: '理赔被拒，我要投诉这个决定。',
        consent: { dataProcessing: true },
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('claimNumber');
  });

  it('takes the same events from EventBridge (source insurer.core), once each', async () => {
    const claimNumber = 'CLM1800000004';
    const body = event('claim.registered', { claimNumber });
    const entry = { Source: CORE_EVENTS_SOURCE, DetailType: body.type, Detail: JSON.stringify(body) };
    const put = await eventBridge().send(new PutEventsCommand({ Entries: [entry, entry] }));
    expect(put.FailedEntryCount).toBe(0);
    await cloud.settle();
    expect(await mailAbout(new RegExp(`registered your claim ${claimNumber}`))).toHaveLength(1);
    expect(await journeySteps(POLICY, claimNumber)).toHaveLength(1);
  });

  it("announces a stalled claim once: the customer's progress message and the claims lead's alert", async () => {
    const claimNumber = 'CLM1800000005';
    expect((await post(JSON.stringify(event('claim.documents-received', { claimNumber })))).status).toBe(202);
    await cloud.settle();
    // four business days later: not stalled yet
    await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'P4D' } });
    await cloud.settle();
    expect(await mailAbout(new RegExp(`update on your claim ${claimNumber}`))).toHaveLength(0);
    // past the fifth business day (a weekend in between)
    await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'P4D' } });
    await cloud.settle();
    await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'P2D' } });
    await cloud.settle();
    expect(await mailAbout(new RegExp(`update on your claim ${claimNumber}`))).toHaveLength(1);
    const alerts = (await mailTo(cloud, LEAD)).filter((m) => m.subject.includes(claimNumber));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.body.text).toContain('claim.documents-received');
    // the stalled step is kept with no expiresAt (journeySteps): no TTL takes a journey's core events
    expect(await journeySteps(POLICY, claimNumber)).toHaveLength(1);
    // ten days of sweeps over every open complaint of this cloud: slow on a busy 2-core machine
  }, 180_000);
});

describe("the journeys' retention follows the customer's relationship", () => {
  const CUSTOMER = 'C1803';
  const HEALTH = 'P1800000031';
  const TRAVEL = 'P1800000032';
  const LAST_END = '2026-12-01';
  const line = (policies: ReturnType<typeof policy>[]) =>
    customerLine({
      customerId: CUSTOMER,
      email: 'retention.claims@example.com',
      phone: '13900181803',
      language: 'en',
      preferredChannel: 'email',
      consent: { service: true, marketing: false },
      policies,
    });
  const allEnded = () =>
    line([
      policy(HEALTH, { status: 'lapsed', endDate: '2026-11-30' }),
      policy(TRAVEL, { status: 'matured', endDate: LAST_END }),
    ]);
  const healthInForce = () =>
    line([policy(HEALTH), policy(TRAVEL, { status: 'matured', endDate: LAST_END })]);
  const claims = ['CLM1800000031', 'CLM1800000032'];

  type JourneyRecord = {
    key: string;
    kind: 'journey-event' | 'claim-state';
    relationshipEndedAt?: unknown;
    expiresAt?: unknown;
  };
  /** Every core event of the customer's policies and the state of each claim named, with their ends. */
  async function journeyRecords(claimNumbers: readonly string[]): Promise<JourneyRecord[]> {
    const steps = [...(await journeySteps(HEALTH)), ...(await journeySteps(TRAVEL))];
    const states = await Promise.all(
      claimNumbers.map(async (claimNumber) => {
        const { Item } = await cloud.dynamo.send(
          new GetItemCommand({
            TableName: cloud.tableNames.Customers,
            Key: { pk: { S: claimStateKey(claimNumber).pk }, sk: { S: claimStateKey(claimNumber).sk } },
            ConsistentRead: true,
          }),
        );
        return Item && unmarshall(Item);
      }),
    );
    const record = (kind: JourneyRecord['kind']) => (item: Record<string, unknown>) => ({
      key: `${item.pk} ${item.sk}`,
      kind,
      relationshipEndedAt: item.relationshipEndedAt,
      expiresAt: item.expiresAt,
    });
    // a claim's state not written yet is left out: the count tells
    const written = states.filter((state) => state !== undefined);
    return [...steps.map(record('journey-event')), ...written.map(record('claim-state'))];
  }
  /** What each record carries once the relationship ended on `endedAt`, or while it goes on. */
  const ending = (endedAt: string | undefined) => (r: JourneyRecord) => ({
    ...r,
    relationshipEndedAt: endedAt,
    expiresAt: endedAt === undefined ? undefined : expiryOf(r.kind, endedAt),
  });
  /** Waits until every record carries `endedAt` (or none), then asserts it with the whole diff. */
  async function expectEnds(endedAt: string | undefined, claimNumbers: readonly string[], count: number) {
    const carries = (records: JourneyRecord[]) =>
      records.length === count && records.every((r) => isDeepStrictEqual(r, ending(endedAt)(r)));
    const records =
      (await waitFor(
        async () => {
          const found = await journeyRecords(claimNumbers);
          return carries(found) ? found : undefined;
        },
        `journey records ${endedAt ? `ended ${endedAt}` : 'without an end'}`,
      ).catch(() => undefined)) ?? (await journeyRecords(claimNumbers));
    expect(records).toHaveLength(count);
    expect(records).toEqual(records.map(ending(endedAt)));
    return records;
  }

  /** Puts the event on the bus as the outbox relay would put the import's (again, for a redelivery). */
  const publish = (envelope: CatalogEvent<'customer.relationship-changed'>) =>
    publishEnvelope(cloud, envelope);
  const relationshipChanged = (endedAt: string | null) =>
    buildEvent(
      'customer.relationship-changed',
      {
        customerId: CUSTOMER,
        endedAt,
        expiresAt: endedAt === null ? null : expiryOf('claim-state', endedAt),
      },
      `retention-${CUSTOMER}`,
    );
  const profileEnd = async () =>
    (await partition(cloud, 'Customers', customerProfileKey(CUSTOMER).pk)).find((i) => i.sk === 'PROFILE')
      ?.relationshipEndedAt;
  let ended: CatalogEvent<'customer.relationship-changed'>;

  beforeAll(async () => {
    expect((await importCustomers([healthInForce()])).body).toMatchObject({ created: 1, rejected: [] });
    const steps = [
      event('claim.registered', { policyNumber: HEALTH, claimNumber: claims[0] }),
      event(
        'claim.documents-requested',
        { policyNumber: HEALTH, claimNumber: claims[0] },
        { documents: ['x-ray'] },
      ),
      event('policy.premium-paid', { policyNumber: TRAVEL }, { amount: 300 }),
      event('claim.registered', { policyNumber: TRAVEL, claimNumber: claims[1] }),
    ];
    const res = await post(steps.map((s) => JSON.stringify(s)).join('\n'), 'application/x-ndjson');
    expect(res.body).toMatchObject({ accepted: 4 });
    await cloud.settle();
    // while the relationship goes on: no end, no expiry, on any of them
    await expectEnds(undefined, claims, 6);
  }, 120_000);

  it("ends every core event and claim state 10 years after the last policy's end, and takes it away with a policy back in force", async () => {
    expect((await importCustomers([allEnded()])).body).toMatchObject({ updated: 1, rejected: [] });
    expect(await profileEnd()).toBe(LAST_END);
    ended = relationshipChanged(LAST_END);
    await publish(ended);
    await expectEnds(LAST_END, claims, 6);
    // the end is all that moved: each event is still the outbox item the relay marked published
    for (const step of [...(await journeySteps(HEALTH)), ...(await journeySteps(TRAVEL))])
      expect(step).toMatchObject({
        kind: 'outbox',
        publishedAt: expect.any(String),
        event: expect.any(Object),
      });

    expect((await importCustomers([healthInForce()])).body).toMatchObject({ updated: 1 });
    await publish(relationshipChanged(null));
    await expectEnds(undefined, claims, 6);
    // the claims' own state is as it was
    const [state] = await partition(cloud, 'Customers', claimStateKey(claims[0]!).pk);
    expect(state).toMatchObject({ stage: 'claim.documents-requested', policyNumber: HEALTH });
  }, 180_000);

  it('gives a core event after the end, and the state of its claim, the end the policy lookup carries', async () => {
    expect((await importCustomers([allEnded()])).body).toMatchObject({ updated: 1 });
    await publish(relationshipChanged(LAST_END));
    await expectEnds(LAST_END, claims, 6);
    await cloud.settle();
    // no relationship event from here on: the new records take the end as they are followed
    const late = [
      event('claim.registered', { policyNumber: HEALTH, claimNumber: 'CLM1800000033' }),
      event('policy.premium-paid', { policyNumber: TRAVEL }, { amount: 300 }),
    ];
    for (const step of late) expect((await post(JSON.stringify(step))).status).toBe(202);
    await expectEnds(LAST_END, [...claims, 'CLM1800000033'], 9);
  }, 180_000);

  it('leaves no end after a late event of an end that a newer import took back', async () => {
    expect((await importCustomers([healthInForce()])).body).toMatchObject({ updated: 1 });
    expect(await profileEnd()).toBeUndefined();
    // a claim's next step mirrors the lookup: its state loses the end the relationship no longer has
    const assessed = event('claim.assessed', { policyNumber: HEALTH, claimNumber: claims[0] });
    expect((await post(JSON.stringify(assessed))).status).toBe(202);
    const state = await waitFor(async () => {
      const [stored] = await partition(cloud, 'Customers', claimStateKey(claims[0]!).pk);
      return stored?.stage === 'claim.assessed' ? stored : undefined;
    }, 'the assessed claim');
    expect(state).not.toHaveProperty('relationshipEndedAt');
    expect(state).not.toHaveProperty('expiresAt');
    // the first end's event again, after the import that put a policy back in force
    await publish(ended);
    await cloud.settle();
    await expectEnds(undefined, [...claims, 'CLM1800000033'], 10);
  }, 180_000);

  it('reads a core event and a claim state past their expiry as gone, before DynamoDB purges them', async () => {
    const admin = (await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'dpo-18', role: 'admin' } }))
      .body.token as string;
    const journey = async () =>
      (
        await api(cloud, `/v1/customers/${CUSTOMER}/journey`, {
          headers: { authorization: `Bearer ${admin}` },
        })
      ).body as { claims: { claimNumber: string }[]; timeline: { kind: string; claimNumber?: string }[] };
    const claimNumbersIn = (seen: Awaited<ReturnType<typeof journey>>) => ({
      claims: seen.claims.map((c) => c.claimNumber).sort(),
      steps: seen.timeline.filter((t) => t.claimNumber === claims[1]).length,
    });
    expect(claimNumbersIn(await journey())).toMatchObject({ claims: expect.arrayContaining([claims[1]]) });
    expect(claimNumbersIn(await journey()).steps).toBeGreaterThan(0);
    // the travel claim's registration and state, past an end written straight into the table
    const [registered] = await journeySteps(TRAVEL, claims[1]);
    for (const key of [{ pk: String(registered!.pk), sk: String(registered!.sk) }, claimStateKey(claims[1]!)])
      await cloud.dynamo.send(
        new UpdateItemCommand({
          TableName: cloud.tableNames.Customers,
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
          UpdateExpression: 'SET expiresAt = :past',
          ExpressionAttributeValues: { ':past': { N: '1700000000' } },
        }),
      );
    const seen = claimNumbersIn(await journey());
    expect(seen.claims).not.toContain(claims[1]);
    expect(seen.steps).toBe(0);

    // a message past its 365 days too
    const messagesShown = async () => (await journey()).timeline.filter((t) => t.kind === 'message').length;
    const before = await messagesShown();
    const { Items: sent = [] } = await cloud.dynamo.send(
      new QueryCommand({
        TableName: cloud.tableNames.Messages,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :customer',
        ExpressionAttributeValues: { ':customer': { S: customerMessagesPartition(CUSTOMER) } },
      }),
    );
    expect(before).toBeGreaterThan(0);
    await cloud.dynamo.send(
      new UpdateItemCommand({
        TableName: cloud.tableNames.Messages,
        Key: { pk: sent[0]!.pk!, sk: sent[0]!.sk! },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': { N: '1700000000' } },
      }),
    );
    expect(await messagesShown()).toBe(before - 1);
  });
});
