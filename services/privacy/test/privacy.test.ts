/**
 * Personal information rights on the local cloud, in one dated story (Asia/Shanghai, December
 * 2026): a customer's verified requests recorded by the privacy office with their statutory
 * deadlines, bad input and roles refused; the access export of everything held about a seeded
 * customer who filed a complaint; every unmasked read in the access audit; and each request alerted
 * once as it nears and once as it passes its deadline however often the sweep runs; and an erasure
 * that leaves nothing of a second customer in any table but their complaints' skeletons under
 * their retention holds, which a replayed import or event does not undo; the first customer's
 * complaint expiring its retention period after closure like a skeleton; and, after all of it, no
 * item in any table of a kind without a retention rule.
 */
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretSources } from '#shared/aws/secrets';
import { EVENT_SOURCE } from '#shared/contracts/events/index';
import { newId } from '#shared/ids';
import { articleClaimKey, decisionKey } from '#shared/tables/campaigns';
import { itemCatalog } from '#shared/tables/catalog';
import { claimStateKey, journeyPartition } from '#shared/tables/claims';
import { complaintKey, referenceKey } from '#shared/tables/complaints';
import { complaintLinkKey, customerProfileKey } from '#shared/tables/customers';
import { kindOfItem } from '#shared/tables/item-kinds';
import { messageKey } from '#shared/tables/messages';
import { privacyRequestKey, requestAlertKey } from '#shared/tables/privacy';
import { LOCAL_BUS_NAME, type LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { objectsIn } from '../../../test/support/buckets';
import { postCoreEvent } from '../../../test/support/core-events';
import { api, partition, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { signUnsubscribeToken } from '../../notify/domain/unsubscribe-token';
import { mailTo } from '../../notify/test/mailbox';

let cloud: LocalCloud;
type Json = Record<string, unknown>;
const CUSTOMER = {
  customerId: 'C2101',
  name: '隐私测试王芳',
  birthDate: '1980-04-12',
  phone: '13900212101',
  email: 'wang.fang.2101@example.com',
  language: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  preferredChannel: 'email',
  consent: { service: true, marketing: true },
  policies: [
    {
      policyNumber: 'P2021000777',
      product: 'critical-illness',
      startDate: '2021-05-10',
      premiumDueDate: '2027-05-10',
      premiumAmount: 3600,
      status: 'in-force',
    },
  ],
};

const setClock = (set: string) => api(cloud, '/dev/clock', { method: 'POST', json: { set } });
/** A fresh token each time: the clock moves by weeks and a token lives 12 hours. */
async function bearer(sub: string, role: string) {
  const team = role === 'admin' ? {} : { team: 'privacy-office' };
  const res = await api(cloud, '/dev/token', { method: 'POST', json: { sub, role, ...team } });
  return { authorization: `Bearer ${res.body.token as string}` };
}
const fileRequest = async (body: unknown, role = 'admin') =>
  api(cloud, '/v1/privacy/requests', { method: 'POST', headers: await bearer('dpo-zhao', role), json: body });
const readRequest = async (id: string, role = 'admin') =>
  api(cloud, `/v1/privacy/requests/${id}`, { headers: await bearer('dpo-zhao', role) });
const busData = async (type: string) =>
  ((await api(cloud, `/dev/events?type=${type}&limit=500`)).body.events as { detail: { data: Json } }[]).map(
    (e) => e.detail.data,
  );
const complaint = { id: '', reference: '', team: '' };
const dueAlerts = async (requestId: string) =>
  (
    (await api(cloud, '/dev/events?type=privacy.request-due&limit=500')).body.events as {
      detail: { data: Json };
    }[]
  )
    .map((e) => e.detail.data)
    .filter((d) => d.requestId === requestId);

beforeAll(async () => {
  // faults: an erasure made to fail part-way, to see it retried to the end
  cloud = await startTestCloud(topology, { faults: true });
  await setClock('2026-12-07T01:00:00Z'); // Monday 09:00 in Shanghai
  const imported = await api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { ...(await bearer('dpo-zhao', 'admin')), 'content-type': 'application/x-ndjson' },
    body: JSON.stringify(CUSTOMER),
  });
  expect(imported.body).toMatchObject({ created: 1, rejected: [] });
  const filed = await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: {
      customer: { name: CUSTOMER.name, phone: CUSTOMER.phone, email: CUSTOMER.email },
      policyNumber: 'P2021000777',
      category: 'claims',
      description: '重疾险理赔材料交了三周没有回音，请尽快处理。',
      preferredChannel: 'email',
      consent: { dataProcessing: true },
    },
  });
  expect(filed.status).toBe(201);
  complaint.id = filed.body.complaintId as string;
  complaint.reference = filed.body.reference as string;
  complaint.team = await waitFor(async () => {
    const triaged = (await busData('complaint.triaged')).find((d) => d.complaintId === complaint.id);
    return triaged?.team as string | undefined;
  }, 'triage');
  await waitFor(
    async () =>
      (await busData('notification.sent')).some((d) => d.complaintId === complaint.id) ? true : undefined,
    'the acknowledgement',
  );
});
afterAll(async () => {
  await cloud?.stop();
});

const ids: Record<string, string> = {};

describe('privacy requests', () => {
  it('refuses bad input with every field error, and every role but admin', async () => {
    const invalid = await fileRequest({ kind: 'forget-me', regime: 'ccpa', receivedAt: 'yesterday' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((invalid.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(
      ['body.customerId', 'body.kind', 'body.receivedAt', 'body.regime', 'body.verification'].sort(),
    );
    const both = await fileRequest({
      customerId: CUSTOMER.customerId,
      contact: CUSTOMER.phone,
      kind: 'access',
      verification: 'ID card',
    });
    expect(both.status).toBe(400);
    const badContact = await fileRequest({
      contact: 'not a contact',
      kind: 'access',
      verification: 'ID card',
    });
    expect((badContact.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['body.contact']);

    for (const role of ['agent', 'lead']) {
      const refused = await fileRequest(
        { customerId: CUSTOMER.customerId, kind: 'access', verification: 'ID card' },
        role,
      );
      expect(refused.status).toBe(403);
    }
    expect((await api(cloud, '/v1/privacy/requests/nope')).status).toBe(401);
    expect((await readRequest('no-such-request')).status).toBe(404);
  });

  it('records a PIPL request with 15 working days on the CN calendar, found by the phone', async () => {
    const filed = await fileRequest({
      contact: '139 0021 2101',
      kind: 'access',
      verification: 'ID card checked at the Shanghai branch counter',
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      kind: 'access',
      regime: 'pipl',
      status: 'open',
      customerId: CUSTOMER.customerId,
      receivedAt: expect.stringMatching(/^2026-12-07T01:/),
      createdBy: 'dpo-zhao',
      // 15 working days after Monday 7 December: Monday 28 December, 24:00 in Shanghai
      deadline: { dueDate: '2026-12-28', dueAt: '2026-12-28T16:00:00.000Z', provisional: false },
    });
    // the request keeps the contact's keyed hash, never the number
    expect(JSON.stringify(filed.body)).not.toMatch(/139\s?0021\s?2101/);
    ids.pipl = filed.body.requestId as string;
    expect(filed.headers.get('location')).toBe(`/v1/privacy/requests/${ids.pipl}`);

    const gdpr = await fileRequest({
      customerId: CUSTOMER.customerId,
      kind: 'withdraw-consent',
      regime: 'gdpr',
      receivedAt: '2026-11-26T10:00:00Z',
      verification: 'Passport checked by video call',
    });
    // one month: 26 December is Boxing Day (a Saturday), the bank holiday is Monday 28th
    expect(gdpr.body).toMatchObject({
      deadline: { dueDate: '2026-12-29', dueAt: '2026-12-30T00:00:00.000Z' },
    });
    ids.gdpr = gdpr.body.requestId as string;

    const read = await readRequest(ids.pipl);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ requestId: ids.pipl, overdue: false, alerts: [] });
  });

  it('exports everything held about a seeded customer, as JSON and as a readable page', async () => {
    const filed = await fileRequest({
      customerId: CUSTOMER.customerId,
      kind: 'access',
      verification: 'ID card',
    });
    ids.access = filed.body.requestId as string;
    // a copy of the acknowledgement's log item past the log's 365 days, which DynamoDB has not
    // purged yet (the local cloud never does): the export passes over it
    const [ackEvent] = (await busData('notification.sent')).filter(
      (d) => d.complaintId === complaint.id && d.purpose === 'acknowledgement',
    );
    const ackItem = await cloud.dynamo.send(
      new GetItemCommand({
        TableName: cloud.tableNames.Messages,
        Key: marshall(messageKey(String(ackEvent!.key))),
      }),
    );
    const pastItsEnd = messageKey(`past-its-end-${newId()}`);
    await cloud.dynamo.send(
      new PutItemCommand({
        TableName: cloud.tableNames.Messages,
        Item: marshall({
          ...unmarshall(ackItem.Item!),
          ...pastItsEnd,
          providerId: 'past-its-end',
          expiresAt: 1_700_000_000,
        }),
      }),
    );
    const exported = await api(cloud, `/v1/privacy/requests/${ids.access}/export`, {
      headers: await bearer('dpo-zhao', 'admin'),
    });
    expect(exported.status).toBe(200);
    const data = exported.body as Json & {
      complaints: { complaint: Json; timeline: Json[] }[];
      messages: Json[];
      policies: Json[];
    };
    expect(data).toMatchObject({
      requestId: ids.access,
      customerId: CUSTOMER.customerId,
      profile: { name: CUSTOMER.name, phone: CUSTOMER.phone, email: CUSTOMER.email, birthDate: '1980-04-12' },
      consents: {
        current: { service: true, marketing: true, sms: true },
        imported: { service: true, marketing: true },
        lastChange: null,
        history: [],
      },
      policies: [expect.objectContaining({ policyNumber: 'P2021000777', product: 'critical-illness' })],
      claimsJourneys: { P2021000777: { events: [], states: [] } },
    });
    // the complaint the customer filed, found by their phone and email, with its timeline
    expect(data.complaints).toHaveLength(1);
    expect(data.complaints[0]!.complaint).toMatchObject({
      complaintId: complaint.id,
      reference: complaint.reference,
      customer: expect.objectContaining({ name: CUSTOMER.name }),
    });
    expect(data.complaints[0]!.timeline.length).toBeGreaterThan(0);
    // the acknowledgement as sent, re-rendered from what the log keeps (its data, not the address):
    // it names the complaint's reference, and its status link comes without the token
    const acknowledgement = data.messages.find(
      (m) => m.complaintId === complaint.id && m.type === 'acknowledgement',
    );
    expect(acknowledgement).toMatchObject({
      state: 'sent',
      content: {
        subject: expect.stringContaining(complaint.reference),
        text: expect.stringContaining(complaint.reference),
        templateVersion: expect.any(String),
      },
    });
    expect((acknowledgement!.content as Json).text).toContain(CUSTOMER.name);
    expect((acknowledgement!.content as Json).text).not.toMatch(/\?t=/);
    expect(JSON.stringify(acknowledgement)).not.toContain(CUSTOMER.email);
    expect(data.messages.map((m) => m.providerId)).not.toContain('past-its-end');
    await cloud.dynamo.send(
      new DeleteItemCommand({ TableName: cloud.tableNames.Messages, Key: marshall(pastItsEnd) }),
    );
    // no storage keys in what the customer reads
    expect(JSON.stringify(data)).not.toMatch(/"(pk|sk|gsi\d+pk)"/);

    const page = await api(cloud, `/v1/privacy/requests/${ids.access}/export?format=html`, {
      headers: await bearer('dpo-zhao', 'admin'),
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = String(page.body);
    for (const text of [CUSTOMER.name, complaint.reference, 'P2021000777', 'Claims journeys'])
      expect(html).toContain(text);
    // the request knows an export was produced (its completion needs one)
    expect((await readRequest(ids.access)).body).toMatchObject({
      status: 'open',
      exportedAt: expect.stringMatching(/^2026-12-07T01:/),
    });

    // exports answer access requests only; bad format and unknown requests are refused
    const erasure = await fileRequest({
      customerId: CUSTOMER.customerId,
      kind: 'erasure',
      verification: 'ID card',
    });
    const refused = await api(cloud, `/v1/privacy/requests/${erasure.body.requestId}/export`, {
      headers: await bearer('dpo-zhao', 'admin'),
    });
    expect(refused.status).toBe(409);
    const badFormat = await api(cloud, `/v1/privacy/requests/${ids.access}/export?format=pdf`, {
      headers: await bearer('dpo-zhao', 'admin'),
    });
    expect((badFormat.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['query.format']);
  });

  it('records each unmasked read in the access audit, and only those, without the personal data', async () => {
    const leadHeaders = await bearer('lead-li', 'lead');
    const teamLead = await api(cloud, '/dev/token', {
      method: 'POST',
      json: { sub: 'lead-li', role: 'lead', team: complaint.team },
    });
    const asLead = { authorization: `Bearer ${teamLead.body.token as string}` };
    const full = await api(cloud, `/v1/cases/${complaint.id}`, { headers: asLead });
    expect(full.status).toBe(200);
    expect((full.body.customer as Json).phone).toBe(CUSTOMER.phone); // the team's lead sees it in full
    const agent = await api(cloud, '/dev/token', {
      method: 'POST',
      json: { sub: 'agent-masked', role: 'agent', team: complaint.team },
    });
    const masked = await api(cloud, `/v1/cases/${complaint.id}`, {
      headers: { authorization: `Bearer ${agent.body.token as string}` },
    });
    expect((masked.body.customer as Json).phone).not.toBe(CUSTOMER.phone); // masked: not audited
    const search = await api(cloud, `/v1/cases?q=${CUSTOMER.phone}`, { headers: asLead });
    expect(search.status).toBe(200);

    const audit = await api(cloud, '/v1/privacy/audit?date=2026-12-07', {
      headers: await bearer('dpo-zhao', 'admin'),
    });
    expect(audit.status).toBe(200);
    const entries = audit.body.entries as Json[];
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          read: 'case-detail',
          by: { sub: 'lead-li', role: 'lead', team: complaint.team },
          subject: { complaintId: complaint.id },
          why: 'case work',
        }),
        expect.objectContaining({
          read: 'case-search',
          by: expect.objectContaining({ sub: 'lead-li' }),
          why: 'case search by phone',
        }),
        expect.objectContaining({
          read: 'privacy-export',
          by: { sub: 'dpo-zhao', role: 'admin' },
          subject: { customerId: CUSTOMER.customerId, requestId: ids.access },
        }),
      ]),
    );
    expect(entries.filter((e) => (e.by as Json).sub === 'agent-masked')).toEqual([]);
    for (const e of entries) expect(typeof e.at).toBe('string');
    const text = JSON.stringify(entries);
    for (const personal of [CUSTOMER.name, CUSTOMER.phone, CUSTOMER.email])
      expect(text).not.toContain(personal);

    const forCustomer = await api(
      cloud,
      `/v1/privacy/audit?date=2026-12-07&customerId=${CUSTOMER.customerId}`,
      {
        headers: await bearer('dpo-zhao', 'admin'),
      },
    );
    // the JSON and the HTML export; the refused export of an erasure request read nothing
    expect((forCustomer.body.entries as Json[]).map((e) => e.read)).toEqual([
      'privacy-export',
      'privacy-export',
    ]);
    expect(
      (await api(cloud, '/v1/privacy/audit?date=2026-13-45', { headers: await bearer('dpo-zhao', 'admin') }))
        .status,
    ).toBe(400);
    expect((await api(cloud, '/v1/privacy/audit', { headers: leadHeaders })).status).toBe(403);
  });

  it('alerts once when a request is due soon and once when it is overdue, however often the sweep runs', async () => {
    // three working days before the PIPL deadline: Wednesday 23 December in Shanghai
    await setClock('2026-12-23T01:00:00Z');
    await waitFor(async () => ((await dueAlerts(ids.pipl!)).length > 0 ? true : undefined), 'due-soon alert');
    // the GDPR request's alert fell due on the same jump
    await waitFor(async () => ((await dueAlerts(ids.gdpr!)).length > 0 ? true : undefined), 'gdpr alert');
    await api(cloud, '/dev/schedules/privacy-due-sweep/run', { method: 'POST' });
    await cloud.settle();
    expect(await dueAlerts(ids.pipl!)).toEqual([
      expect.objectContaining({ stage: 'due-soon', kind: 'access', regime: 'pipl' }),
    ]);

    await setClock('2026-12-29T01:00:00Z'); // the PIPL deadline has passed, the GDPR one has not
    await waitFor(
      async () => ((await dueAlerts(ids.pipl!)).length === 2 ? true : undefined),
      'overdue alert',
    );
    await api(cloud, '/dev/schedules/privacy-due-sweep/run', { method: 'POST' });
    await cloud.settle();
    expect((await dueAlerts(ids.pipl!)).map((d) => d.stage).sort()).toEqual(['due-soon', 'overdue']);
    expect((await dueAlerts(ids.gdpr!)).map((d) => d.stage)).toEqual(['due-soon']);
    expect((await readRequest(ids.pipl!)).body).toMatchObject({
      overdue: true,
      alerts: ['due-soon', 'overdue'],
    });
    expect((await readRequest(ids.gdpr!)).body).toMatchObject({ overdue: false, alerts: ['due-soon'] });
  });
});

/** A customer of their own for the completions, so the other stories keep their consents. */
const CONSENTER = {
  ...CUSTOMER,
  customerId: 'C2102',
  name: '同意测试赵敏',
  phone: '13900212102',
  email: 'zhao.min.2102@example.com',
  policies: [{ ...CUSTOMER.policies[0]!, policyNumber: 'P2021002102' }],
};

describe('completing requests', () => {
  const admin = () => bearer('dpo-zhao', 'admin');
  const complete = async (id: string, json?: unknown, role = 'admin') =>
    api(cloud, `/v1/privacy/requests/${id}/complete`, {
      method: 'POST',
      headers: await bearer('dpo-zhao', role),
      ...(json === undefined ? {} : { json }),
    });
  const errorPaths = (res: { body: Json }) =>
    (res.body.errors as { path: string }[]).map((e) => e.path).sort();
  const fileFor = async (kind: string, more: Json = {}) =>
    (await fileRequest({ customerId: CONSENTER.customerId, kind, verification: 'ID card', ...more })).body
      .requestId as string;
  const profileOf = async (customerId: string) => {
    const { Item } = await cloud.dynamo.send(
      new GetItemCommand({
        TableName: cloud.tableNames.Customers,
        Key: marshall(customerProfileKey(customerId)),
        ConsistentRead: true,
      }),
    );
    return unmarshall(Item!) as Json;
  };

  beforeAll(async () => {
    // the clock stands at 2026-12-29T01:00Z (Tuesday 09:00 in Shanghai): the access request of the
    // first story is overdue
    const imported = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { ...(await admin()), 'content-type': 'application/x-ndjson' },
      body: JSON.stringify(CONSENTER),
    });
    expect(imported.body).toMatchObject({ created: 1, rejected: [] });
  });

  it('completes an access request once its export was produced, with how it was delivered, and no earlier', async () => {
    const fresh = await fileFor('access');
    const early = await complete(fresh, { deliveredVia: 'email' });
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(early.body.detail).toMatch(/no export yet/);
    // every field error at once: a consent list is not an access request's, fax is no channel
    const bad = await complete(fresh, { deliveredVia: 'fax', note: '', consents: ['sms'] });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(errorPaths(bad)).toEqual(['body.consents', 'body.deliveredVia', 'body.note']);
    expect((await complete(fresh, ['email'])).status).toBe(400);
    for (const role of ['agent', 'lead']) expect((await complete(ids.access!, {}, role)).status).toBe(403);

    // the first story's request, exported (JSON and HTML) on 7 December and overdue since the 28th
    const before = (await readRequest(ids.access!)).body;
    expect(before).toMatchObject({
      status: 'open',
      overdue: true,
      exportedAt: expect.stringMatching(/^2026-12-07T/),
    });
    const done = await complete(ids.access!, { deliveredVia: 'email', note: 'Sent to the address on file' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      completedBy: 'dpo-zhao',
      completedAt: expect.stringMatching(/^2026-12-29T01:/),
      access: { exportedAt: before.exportedAt, deliveredVia: 'email', note: 'Sent to the address on file' },
    });
    const view = (await readRequest(ids.access!)).body;
    expect(view).toMatchObject({ status: 'completed', overdue: false, access: { deliveredVia: 'email' } });
    // kept six years after its completion, like an erasure request
    const [item] = (await partition(cloud, 'Privacy', privacyRequestKey(ids.access!).pk)).filter(
      (i) => i.kind === 'privacy-request',
    );
    expect(item!.expiresAt).toBe(Math.floor(Date.parse(view.completedAt as string) / 1000) + 2192 * 86_400);
    // done once
    const again = await complete(ids.access!, { deliveredVia: 'post' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('records a correction made in the core systems: what was corrected, where, and by whom', async () => {
    const id = await fileFor('correction', { detail: 'The address on the policy is outdated' });
    const missing = await complete(id);
    expect(missing.status).toBe(400);
    expect(errorPaths(missing)).toEqual(['body.corrected']);
    const bad = await complete(id, { corrected: [{ field: '' }], note: 7, deliveredVia: 'email' });
    expect(errorPaths(bad)).toEqual(
      ['body.corrected.0.field', 'body.corrected.0.note', 'body.deliveredVia', 'body.note'].sort(),
    );
    for (const role of ['agent', 'lead'])
      expect((await complete(id, { corrected: [{ field: 'address', note: 'x' }] }, role)).status).toBe(403);
    const corrected = [{ field: 'address', note: 'Corrected in the core policy system, ticket CS-2102' }];
    const done = await complete(id, { corrected });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await readRequest(id)).body).toMatchObject({
      status: 'completed',
      completedBy: 'dpo-zhao',
      correction: { corrected },
    });
    expect((await complete(id, { corrected })).status).toBe(409);
  });

  it('withdraws consents on the profile as the request, once however often it is retried; the history lists every change in order and the export shows it', async () => {
    // an admin records that the customer wants no SMS, then the customer unsubscribes from marketing
    const prefs = await api(cloud, `/v1/customers/${CONSENTER.customerId}/preferences`, {
      method: 'PUT',
      headers: await bearer('care-admin-sun', 'admin'),
      json: { consent: { sms: false } },
    });
    expect(prefs.status, JSON.stringify(prefs.body)).toBe(200);
    const secret =
      process.env[secretSources['unsubscribe-signing'].localEnvVar] ||
      secretSources['unsubscribe-signing'].localDefault;
    const token = await signUnsubscribeToken(
      { customerId: CONSENTER.customerId, consent: 'marketing', campaignId: 'festival' },
      secret,
      cloud.clock.now(),
    );
    const unsubscribed = await api(cloud, `/v1/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: 'POST',
    });
    expect(unsubscribed.status).toBe(200);

    const id = await fileFor('withdraw-consent');
    const bad = await complete(id, { consents: ['carrier-pigeon'], note: '', corrected: [] });
    expect(bad.status).toBe(400);
    expect(errorPaths(bad)).toEqual(['body.consents.0', 'body.corrected', 'body.note']);
    for (const role of ['agent', 'lead']) expect((await complete(id, undefined, role)).status).toBe(403);

    // the first attempt withdraws, then fails before the request records its completion
    const faults = cloud.faults!;
    const failedBefore = faults.counts.dynamoCallsFailed;
    faults.failDynamoCalls({ operation: 'Query', tableName: cloud.tableNames.Privacy! });
    const failed = await complete(id);
    faults.clear();
    expect(failed.status).toBe(500);
    expect(faults.counts.dynamoCallsFailed).toBe(failedBefore + 1);
    expect((await readRequest(id)).body).toMatchObject({ status: 'open' });

    // the retry withdraws nothing twice, and still says what the request withdrew
    const done = await complete(id);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      consentWithdrawal: {
        customerFound: true,
        withdrawn: ['service'],
        alreadyWithdrawn: ['marketing', 'sms'],
        summary: expect.stringMatching(/service/),
      },
    });
    expect((await readRequest(id)).body).toMatchObject({ consentWithdrawal: { withdrawn: ['service'] } });
    expect((await complete(id)).status).toBe(409);

    const preferences = await api(cloud, `/v1/customers/${CONSENTER.customerId}/preferences`, {
      headers: await admin(),
    });
    expect(preferences.body).toMatchObject({ consent: { service: false, marketing: false, sms: false } });
    const profile = await profileOf(CONSENTER.customerId);
    const history = [
      { consent: 'sms', given: false, by: 'care-admin-sun', via: 'preferences' },
      { consent: 'marketing', given: false, by: 'customer:unsubscribe', via: 'unsubscribe' },
      { consent: 'service', given: false, by: `privacy-request:${id}`, via: 'privacy-request' },
    ].map((change) => ({ ...change, at: expect.stringMatching(/^2026-12-29T01:/) }));
    expect(profile.consentHistory).toEqual(history);
    expect(profile.preferences).toMatchObject({ updatedBy: `privacy-request:${id}` });

    // a later care message needing the service consent is suppressed for lack of it
    const dedupeKey = `policy-review#2026-12-29#${CONSENTER.customerId}`;
    await cloud.bus.putEvents([
      {
        Source: EVENT_SOURCE,
        DetailType: 'care.message-requested',
        EventBusName: LOCAL_BUS_NAME,
        Detail: JSON.stringify({
          id: newId(),
          type: 'care.message-requested',
          version: 1,
          source: EVENT_SOURCE,
          occurredAt: cloud.clock.now().toISOString(),
          correlationId: 'privacy-test',
          data: {
            campaignId: 'policy-review',
            campaignVersion: '1',
            runId: 'run-2102',
            customerId: CONSENTER.customerId,
            consent: 'service',
            dedupeKey,
            occasionDate: '2026-12-29',
            content: { 'zh-CN': { headline: '保单检视', body: '请核对您的保障。' } },
            holdWhileComplaintOpen: false,
          },
        }),
      },
    ]);
    const outcome = await waitFor(async () => {
      for (const type of ['notification.sent', 'notification.suppressed', 'notification.failed']) {
        const found = (await busData(type)).find((d) => d.dedupeKey === dedupeKey);
        if (found) return { ...found, event: type };
      }
      return undefined;
    }, 'the care message');
    expect(outcome).toMatchObject({ event: 'notification.suppressed', reason: 'no-consent' });

    // the export lists the history, oldest first, beside the consents as they stand
    const access = await fileFor('access');
    const exported = await api(cloud, `/v1/privacy/requests/${access}/export`, { headers: await admin() });
    expect(exported.body.consents).toEqual({
      current: { service: false, marketing: false, sms: false },
      imported: { service: true, marketing: true },
      lastChange: { at: expect.stringMatching(/^2026-12-29T01:/), by: `privacy-request:${id}` },
      history,
    });
    expect(exported.body.profile).not.toHaveProperty('consentHistory');
    const page = String(
      (await api(cloud, `/v1/privacy/requests/${access}/export?format=html`, { headers: await admin() }))
        .body,
    );
    expect(page).toContain('Consent history');
    const rows = [...page.matchAll(/<tr><td>[^<]*<\/td><td>(\w+)<\/td><td>(\w+)<\/td>/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(rows).toEqual(['sms withdrawn', 'marketing withdrawn', 'service withdrawn']);
  });

  it('completes a withdrawal for a contact no customer is known by, saying there was nothing to withdraw', async () => {
    const filed = await fileRequest({
      contact: 'nobody.2103@example.com',
      kind: 'withdraw-consent',
      verification: 'Email reply from the address',
    });
    const done = await complete(filed.body.requestId as string, { consents: ['marketing'] });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      consentWithdrawal: {
        customerFound: false,
        withdrawn: [],
        alreadyWithdrawn: [],
        summary: expect.stringMatching(/no consent to withdraw/),
      },
    });
  });
});

describe('message keys', () => {
  type Sent = { key: string; complaintId?: string; purpose: string };
  const acknowledgements = async () =>
    ((await busData('notification.sent')) as unknown as Sent[]).filter(
      (d) => d.complaintId === complaint.id && d.purpose === 'acknowledgement',
    );
  /** The complaint's `complaint.received` delivered to notify's queue again, under another event id. */
  async function redeliverReceived(eventId: string) {
    const [received] = (
      (await api(cloud, '/dev/events?type=complaint.received&limit=500')).body.events as BusEvent[]
    ).filter((e) => e.detail.data.complaintId === complaint.id);
    const queue = cloud.queues.find((q) => q.subscription.queue === 'notify-events')!;
    await cloud.sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: JSON.stringify({ ...received, detail: { ...received!.detail, id: eventId } }),
      }),
    );
    await cloud.settle();
  }

  it('name the recipient by a keyed hash in the Messages table and the notification events, never the address', async () => {
    const [ack] = await acknowledgements();
    expect(ack!.key).toMatch(/#acknowledgement#[A-Za-z0-9_-]{43}$/);
    expect(ack!.key).not.toContain(CUSTOMER.email);
    const keys = (await everyItem()).filter((i) => i.table === 'Messages').map((i) => String(i.item.pk));
    expect(keys).toContain(messageKey(ack!.key).pk);
    for (const pk of keys.filter((k) => k.startsWith(messageKey('').pk))) expect(pk).not.toMatch(/@|\d{11}$/);
  });

  it('send nothing again for an event redelivered across the deploy: a message logged under the old key keeps it', async () => {
    const before = (await mailTo(cloud, CUSTOMER.email)).length;
    const legacy = newId();
    // as the notify of before this change logged it: the address in the key
    await cloud.dynamo.send(
      new PutItemCommand({
        TableName: cloud.tableNames.Messages,
        Item: marshall({
          ...messageKey(`${legacy}#acknowledgement#${CUSTOMER.email}`),
          kind: 'message',
          state: 'sent',
          since: '2026-12-07T01:00:05.000Z',
          type: 'acknowledgement',
          purpose: 'acknowledgement',
          channel: 'email',
          recipientKind: 'customer',
          complaintId: complaint.id,
        }),
      }),
    );
    await redeliverReceived(legacy);
    expect((await acknowledgements()).filter((a) => a.key.startsWith(legacy))).toEqual([]);
    expect((await mailTo(cloud, CUSTOMER.email)).length).toBe(before);
    // the control: the same event under an id nobody logged is sent, under the hashed key
    const fresh = newId();
    await redeliverReceived(fresh);
    const sent = (await acknowledgements()).filter((a) => a.key.startsWith(fresh));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.key).not.toContain(CUSTOMER.email);
    expect((await mailTo(cloud, CUSTOMER.email)).length).toBe(before + 1);
  });
});

/** The person erased: a customer of their own, so the earlier stories keep theirs. */
const ERASED = {
  ...CUSTOMER,
  customerId: 'ERASE-C2199',
  name: '抹除测试李娜',
  birthDate: '1975-09-30',
  phone: '13900219901',
  email: 'li.na.2199@example.com',
  policies: [{ ...CUSTOMER.policies[0]!, policyNumber: 'P2021009901' }],
};
/** Care records of a customer whose id has the erased one's as a prefix: an erasure must not take them. */
const NEIGHBOUR = `${ERASED.customerId}0`;
const NEIGHBOUR_RECORDS = [
  { ...articleClaimKey(NEIGHBOUR, 'claims-guide'), articleId: 'claims-guide' },
  {
    ...decisionKey(`birthday#2027-01-04#${NEIGHBOUR}`, 'planned'),
    kind: 'campaign-decision',
    customerId: NEIGHBOUR,
  },
];
type BusEvent = { source: string; 'detail-type': string; detail: { data: Json } };

/** Every item of every table, as JSON (sets as arrays), with its table. */
async function everyItem(): Promise<{ table: string; item: Json; text: string }[]> {
  const all: { table: string; item: Json; text: string }[] = [];
  for (const [table, name] of Object.entries(cloud.tableNames)) {
    let startKey: Record<string, never> | undefined;
    do {
      const page = await cloud.dynamo.send(new ScanCommand({ TableName: name, ExclusiveStartKey: startKey }));
      for (const raw of page.Items ?? []) {
        const item = unmarshall(raw) as Json;
        all.push({ table, item, text: JSON.stringify(item, (_k, v) => (v instanceof Set ? [...v] : v)) });
      }
      startKey = page.LastEvaluatedKey as typeof startKey;
    } while (startKey);
  }
  return all;
}

/** Every object of every bucket, with its content as text (raw emails, documents). */
async function everyObject(): Promise<{ bucket: string; key: string; text: string }[]> {
  const all: { bucket: string; key: string; text: string }[] = [];
  for (const bucket of Object.keys(cloud.bucketNames))
    all.push(...(await objectsIn(cloud, bucket)).map((o) => ({ bucket, ...o })));
  return all;
}

/**
 * Where the person is still found (name, phone, email, customer id), in any table or bucket,
 * outside what the erasure keeps by design: the request and its tombstones, and the access audit,
 * name the customer by id; outbox copies of events in transport may name them by id and expire
 * within a week (a claims notice's copy included: it names the core event, whose data the journey
 * holds and the erasure strips). Claims journeys' core events are outbox items too, kept: they
 * must hold nothing of the person.
 */
async function tracesOfErased() {
  const personal = [ERASED.name, ERASED.phone, ERASED.email, ERASED.customerId];
  const inTables = (await everyItem())
    .filter(({ table, item, text: whole }) => {
      const text = whole.replaceAll(NEIGHBOUR, ''); // their id contains the erased one's
      if (!personal.some((p) => text.includes(p))) return false;
      const byIdOnly = !personal.slice(0, 3).some((p) => text.includes(p));
      const recordOfErasure =
        table === 'AccessAudit' ||
        (table === 'Privacy' && (item.kind === 'privacy-request' || item.kind === 'erasure-tombstone'));
      const inTransport = item.kind === 'outbox' && typeof item.expiresAt === 'number';
      return !(byIdOnly && (recordOfErasure || inTransport));
    })
    .map(({ table, text }) => `${table}: ${text}`);
  const inBuckets = (await everyObject())
    .filter(({ text }) => personal.some((p) => text.includes(p)))
    .map(({ bucket, key }) => `${bucket}: ${key}`);
  return [...inTables, ...inBuckets];
}

const ERASED_CLAIM = 'CLM2027009901';

describe('erasure with retention holds', () => {
  const erased = { closed: '', open: '', closedRef: '', openRef: '', request: '', openVersion: 0 };
  const coreEvents: string[] = [];
  const admin = () => bearer('dpo-zhao', 'admin');
  const received: BusEvent[] = [];

  beforeAll(async () => {
    await setClock('2027-01-04T01:00:00Z'); // Monday 09:00 in Shanghai
    const imported = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { ...(await admin()), 'content-type': 'application/x-ndjson' },
      body: JSON.stringify(ERASED),
    });
    expect(imported.body).toMatchObject({ created: 1, rejected: [] });
    const file = async (description: string) => {
      const filed = await api(cloud, '/v1/complaints', {
        method: 'POST',
        json: {
          customer: { name: ERASED.name, phone: ERASED.phone, email: ERASED.email },
          policyNumber: ERASED.policies[0]!.policyNumber,
          category: 'claims',
          description,
          preferredChannel: 'email',
          consent: { dataProcessing: true },
        },
      });
      expect(filed.status).toBe(201);
      return { id: filed.body.complaintId as string, reference: filed.body.reference as string };
    };
    const first = await file(`我是${ERASED.name}，住在上海市浦东新区，理赔两个月没有结果。`);
    const second = await file(
      `保单 ${ERASED.policies[0]!.policyNumber} 续保通知寄错地址，请联系 ${ERASED.phone}。`,
    );
    Object.assign(erased, {
      closed: first.id,
      closedRef: first.reference,
      open: second.id,
      openRef: second.reference,
    });
    for (const id of [first.id, second.id]) {
      await waitFor(
        async () =>
          (await busData('complaint.triaged')).some((d) => d.complaintId === id) ? true : undefined,
        'triage',
      );
      await waitFor(
        async () =>
          (await busData('notification.sent')).some((d) => d.complaintId === id) ? true : undefined,
        'the acknowledgement',
      );
    }
    // a claim on the policy and a policy change naming the old phone, from the core systems
    coreEvents.push(
      JSON.stringify({
        eventId: 'erase-2199-claim',
        type: 'claim.registered',
        occurredAt: '2027-01-04T01:00:00Z',
        policyNumber: ERASED.policies[0]!.policyNumber,
        claimNumber: ERASED_CLAIM,
        data: { documents: [`${ERASED.name} 身份证复印件`] },
      }),
      JSON.stringify({
        eventId: 'erase-2199-change',
        type: 'policy.changed',
        occurredAt: '2027-01-04T01:00:00Z',
        policyNumber: ERASED.policies[0]!.policyNumber,
        data: { changes: [{ field: 'phone', from: ERASED.phone, to: '13900219902' }] },
      }),
    );
    for (const body of coreEvents) expect((await postCoreEvent(cloud, body)).status).toBe(202);
    await waitFor(async () => {
      const [state] = await partition(cloud, 'Customers', claimStateKey(ERASED_CLAIM).pk);
      return state?.customerId === ERASED.customerId ? true : undefined;
    }, 'the claim state');
    // an emailed reply with a document on the open complaint: a raw email and a file in S3
    const ack = await waitFor(
      async () =>
        ((await mailTo(cloud, ERASED.email)) as unknown as { subject: string; replyTo?: string[] }[]).find(
          (m) => m.subject.includes(second.reference),
        ),
      'the acknowledgement of the second complaint',
    );
    const reply = await api(cloud, '/dev/inbound/email', {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: [
        `From: ${ERASED.email}`,
        `To: ${ack.replyTo![0]}`,
        'Subject: Re',
        'Message-ID: <erase-2199-reply@mail.example.com>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        `${ERASED.name}: the renewal notice is attached.`,
        '--b1',
        'Content-Type: application/pdf; name="notice.pdf"',
        'Content-Disposition: attachment; filename="notice.pdf"',
        '',
        `%PDF-1.4 ${ERASED.name} ${ERASED.phone}`,
        '--b1--',
        '',
      ].join('\r\n'),
    });
    expect((reply.body.outcomes as Json[])[0]).toMatchObject({ outcome: 'recorded' });
    await cloud.settle();
    // the first is worked to closure, with the customer's name in a note and the response
    const act = async (id: string, action: string, json: Json) => {
      const { version } = (await api(cloud, `/v1/cases/${id}`, { headers: await admin() })).body;
      const res = await api(cloud, `/v1/cases/${id}/${action}`, {
        method: 'POST',
        headers: { ...(await admin()), 'if-match': `"${version as number}"` },
        json,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      await cloud.settle();
    };
    await act(first.id, 'assign', { assignee: 'agent-wu' });
    await act(first.id, 'notes', {
      text: `已致电${ERASED.name}（${ERASED.phone}）核实`,
      visibility: 'internal',
    });
    await act(first.id, 'resolve', {
      outcome: 'upheld',
      rootCause: 'claims/assessment-delay',
      responseToCustomer: `${ERASED.name}您好，理赔款已支付。`,
    });
    await act(first.id, 'close', {});
    received.push(
      ...(
        (await api(cloud, '/dev/events?type=complaint.received&limit=500')).body.events as BusEvent[]
      ).filter((e) => [first.id, second.id].includes(e.detail.data.complaintId as string)),
    );
    expect(received).toHaveLength(2);
    // and a question from the public form, which names them only by the contact they gave
    const question = await api(cloud, '/v1/feedback', {
      method: 'POST',
      json: {
        kind: 'question',
        text: '请问理赔进度可以用短信通知吗？',
        customer: { name: ERASED.name, email: ERASED.email },
      },
    });
    expect(question.body).toMatchObject({ status: 'received' });
    // the person is there before the erasure (the check below can find them)
    expect((await tracesOfErased()).length).toBeGreaterThan(5);

    const filed = await fileRequest({
      customerId: ERASED.customerId,
      kind: 'erasure',
      verification: 'ID card',
    });
    erased.request = filed.body.requestId as string;
    erased.openVersion = (await api(cloud, `/v1/cases/${second.id}`, { headers: await admin() })).body
      .version as number;
    // another customer whose id starts with the erased one's, with care records of their own
    for (const item of NEIGHBOUR_RECORDS) {
      await cloud.dynamo.send(
        new PutItemCommand({ TableName: cloud.tableNames.Campaigns, Item: marshall(item) }),
      );
    }
  });

  const complete = async (id: string, role = 'admin') =>
    api(cloud, `/v1/privacy/requests/${id}/complete`, {
      method: 'POST',
      headers: await bearer('dpo-zhao', role),
    });

  it('refuses other roles, bad input, unknown requests and requests that are not an open erasure', async () => {
    for (const role of ['agent', 'lead']) expect((await complete(erased.request, role)).status).toBe(403);
    expect(
      (await api(cloud, `/v1/privacy/requests/${erased.request}/complete`, { method: 'POST' })).status,
    ).toBe(401);
    const bad = await complete('x'.repeat(65));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['path.requestId']);
    expect((await complete('no-such-request')).status).toBe(404);
    // an access request completed already
    const access = await complete(ids.access!);
    expect(access.status).toBe(409);
    expect(access.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('erases the person in the background, a pass that fails part-way retried to the end, from every table but the complaint skeletons, and shows each hold', async () => {
    const [closing] = (await partition(cloud, 'Complaints', complaintKey(erased.closed).pk)).filter(
      (i) => i.kind === 'complaint',
    );
    const closedAt = closing!.closedAt as string;
    expect(closedAt).toMatch(/^2027-01-04T/);
    const sentAbout = (items: { table: string; item: Json }[], id: string) =>
      items.filter((i) => i.table === 'Messages' && i.item.complaintId === id && i.item.state === 'sent')
        .length;
    const sentBefore = sentAbout(await everyItem(), erased.closed);
    expect(sentBefore).toBeGreaterThanOrEqual(2);
    // each message sent to the customer keeps what renders it again, their name among its data
    const sentToCustomer = (await everyItem()).filter(
      (i) =>
        i.table === 'Messages' &&
        i.item.complaintId === erased.closed &&
        i.item.state === 'sent' &&
        i.item.recipientKind === 'customer',
    );
    expect(sentToCustomer.length).toBeGreaterThanOrEqual(2);
    for (const { item } of sentToCustomer)
      expect((item.renderedFrom as { data: Json }).data.name).toBe(ERASED.name);
    // the first pass dies part-way: complaints already skeletons, a message kept as evidence under
    // its new key but not yet deleted under its old one, care, claims and the profile untouched
    // a deadline alert given while the request was open: it ends with its request
    await cloud.dynamo.send(
      new PutItemCommand({
        TableName: cloud.tableNames.Privacy,
        Item: marshall({
          ...requestAlertKey(erased.request, 'due-soon'),
          kind: 'privacy-request-alert',
          stage: 'due-soon',
          at: '2027-01-04T01:00:00.000Z',
        }),
      }),
    );
    const faults = cloud.faults!;
    const failedBefore = faults.counts.dynamoCallsFailed;
    faults.failDynamoCalls({ operation: 'DeleteItem', tableName: cloud.tableNames.Messages! });
    const handed = await complete(erased.request);
    expect(handed.status, JSON.stringify(handed.body)).toBe(202);
    expect(handed.headers.get('location')).toBe(`/v1/privacy/requests/${erased.request}`);
    expect(handed.body).toMatchObject({ requestId: erased.request, status: 'erasing' });
    // while it is under way, it is not handed over twice
    expect((await complete(erased.request)).status).toBe(409);
    await waitFor(
      async () => ((await readRequest(erased.request)).body.status === 'completed' ? true : undefined),
      'the erasure, retried to its end',
    );
    faults.clear();
    expect(faults.counts.dynamoCallsFailed).toBe(failedBefore + 1);
    expect(
      (await busData('privacy.erasure-requested')).filter((d) => d.requestId === erased.request),
    ).toEqual([{ requestId: erased.request, requestedBy: 'dpo-zhao' }]);
    const closedEnd = `${Number((closedAt as string).slice(0, 4)) + 5}${(closedAt as string).slice(4)}`;
    const view = (await readRequest(erased.request)).body;
    expect(view).toMatchObject({
      status: 'completed',
      completedBy: 'dpo-zhao',
      erasure: {
        erased: { customerItems: expect.any(Number), complaints: 2, messages: expect.any(Number) },
        holds: expect.arrayContaining([
          expect.objectContaining({
            complaintId: erased.closed,
            reference: erased.closedRef,
            regime: 'cn-nfra',
            closedAt,
            endsAt: closedEnd,
            reason: expect.stringMatching(/5 years after closure/),
            source: expect.stringContaining('银行业保险业消费投诉处理管理办法'),
          }),
          expect.objectContaining({ complaintId: erased.open, reference: erased.openRef, endsAt: null }),
        ]),
      },
    });
    expect((view.erasure as { holds: unknown[] }).holds).toHaveLength(2);
    // the request is evidence for six years after its completion (2192 days), its alert with it
    const requestEnd = Math.floor(Date.parse(view.completedAt as string) / 1000) + 2192 * 86_400;
    const requestItems = await partition(cloud, 'Privacy', privacyRequestKey(erased.request).pk);
    expect(requestItems.map((i) => [i.kind, i.expiresAt]).sort()).toEqual([
      ['privacy-request', requestEnd],
      ['privacy-request-alert', requestEnd],
    ]);
    // past its end it is gone, though DynamoDB purges it days later (and the local cloud never)
    const [requestItem] = requestItems.filter((i) => i.kind === 'privacy-request');
    const pastItsEnd = newId();
    await cloud.dynamo.send(
      new PutItemCommand({
        TableName: cloud.tableNames.Privacy,
        Item: marshall({ ...requestItem, ...privacyRequestKey(pastItsEnd), expiresAt: 1_700_000_000 }),
      }),
    );
    expect((await readRequest(pastItsEnd)).status).toBe(404);
    expect((view.erasure as { erased: Json }).erased.messages).toBeGreaterThanOrEqual(2);
    // done once: a second completion is refused
    expect((await complete(erased.request)).status).toBe(409);

    expect(await tracesOfErased()).toEqual([]);

    const items = await everyItem();
    const skeleton = (id: string) =>
      items.find(
        (i) => i.table === 'Complaints' && i.item.pk === complaintKey(id).pk && i.item.kind === 'complaint',
      )!.item;
    expect(skeleton(erased.closed)).toMatchObject({
      reference: erased.closedRef,
      status: 'closed',
      category: expect.any(String),
      regime: 'cn-nfra',
      resolution: { outcome: 'upheld', rootCause: 'claims/assessment-delay' },
      description: expect.stringMatching(/^Erased on 2027-01-04/),
      expiresAt: Math.ceil(Date.parse(closedEnd) / 1000),
    });
    expect(skeleton(erased.open)).toMatchObject({
      reference: erased.openRef,
      description: expect.any(String),
    });
    expect(skeleton(erased.open).expiresAt).toBeUndefined();
    // every item left of the closed complaint expires with its hold; its messages stay as evidence
    const closedItems = items.filter(
      (i) => i.table === 'Complaints' && i.item.pk === complaintKey(erased.closed).pk,
    );
    expect(closedItems.length).toBeGreaterThan(3);
    for (const { item } of closedItems) expect(item.expiresAt).toBeDefined();
    // nothing doubled by the retried pass: one piece of evidence per message sent, one skeleton each
    expect(sentAbout(items, erased.closed)).toBe(sentBefore);
    // the evidence is what was sent, how and when: no template data to render it again, no address
    const evidenceFields = [
      ...['pk', 'sk', 'kind', 'state', 'since', 'type', 'purpose', 'channel', 'recipientKind'],
      ...['complaintId', 'expiresAt', 'gsi1pk', 'gsi1sk'],
    ];
    for (const { item } of items.filter(
      (i) => i.table === 'Messages' && i.item.complaintId === erased.closed && i.item.state === 'sent',
    ))
      expect(Object.keys(item).filter((name) => !evidenceFields.includes(name))).toEqual([]);
    expect(
      items.filter(
        (i) =>
          i.table === 'Complaints' && i.item.kind === 'complaint' && i.item.reference === erased.closedRef,
      ),
    ).toHaveLength(1);
    // case work still reads the skeleton (no contact left to show)
    const detail = await api(cloud, `/v1/cases/${erased.closed}`, { headers: await admin() });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ reference: erased.closedRef, status: 'closed' });
    expect((detail.body.customer as Json).phone).toBeUndefined();
    expect(
      items.some(
        (i) => i.table === 'Messages' && i.item.complaintId === erased.closed && i.item.state === 'sent',
      ),
    ).toBe(true);
    // the claims journey: the claim's state is gone, each core event keeps its step without its data
    expect(await partition(cloud, 'Customers', claimStateKey(ERASED_CLAIM).pk)).toEqual([]);
    const journey = items.filter(
      (i) =>
        i.table === 'Customers' &&
        String(i.item.gsi6pk) === journeyPartition(ERASED.policies[0]!.policyNumber),
    );
    expect(journey.map((i) => (i.item.event as { data: Json }).data.type).sort()).toEqual([
      'claim.registered',
      'policy.changed',
    ]);
    for (const { item } of journey) expect((item.event as { data: Json }).data.data).toBeUndefined();
    // the claims notices in transport (the policy change's notice named the old phone when it
    // carried its facts): kept for their week, they name the core event only
    const notices = items.filter(
      (i) => i.item.kind === 'outbox' && (i.item.event as Json).type === 'journey.notice-requested',
    );
    expect(notices.map((i) => ((i.item.event as Json).data as Json).coreEventId).sort()).toEqual(
      expect.arrayContaining(['erase-2199-change', 'erase-2199-claim']),
    );
    for (const { item } of notices) expect(((item.event as Json).data as Json).facts).toBeUndefined();
    // the files: the document and the raw email are gone from S3 (deleted by the first pass: the
    // counts are those of the pass that finished)
    expect(view.erasure).toMatchObject({ erased: { files: 0, claimsRecords: 3 } });
    expect((await everyObject()).filter((o) => o.key.includes(erased.open))).toEqual([]);
  });

  it("leaves other customers' records, and refuses a case action prepared before the erasure", async () => {
    for (const item of NEIGHBOUR_RECORDS) {
      const [kept] = (await partition(cloud, 'Campaigns', item.pk)).filter((i) => i.sk === item.sk);
      expect(kept, `${item.pk} ${item.sk}`).toBeDefined();
    }
    const stale = await api(cloud, `/v1/cases/${erased.open}/assign`, {
      method: 'POST',
      headers: { ...(await admin()), 'if-match': `"${erased.openVersion}"` },
      json: { assignee: 'agent-wu' },
    });
    expect(stale.status).toBe(412);
    expect(await tracesOfErased()).toEqual([]);
  });

  it('reports what the TTL purges next, per item kind with its rule, and the skeletons by reference', async () => {
    const month = await api(cloud, '/v1/privacy/retention/expiring', { headers: await admin() });
    expect(month.status).toBe(200);
    expect(month.body).toMatchObject({ days: 30, complaints: [] });
    // events in transport expire within a week: their rule comes with the count
    expect(month.body.byKind).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          table: 'Complaints',
          kind: 'outbox',
          count: expect.any(Number),
          rule: expect.objectContaining({ period: '7 days', ttl: 'expiresAt' }),
        }),
      ]),
    );
    const holds = await api(cloud, '/v1/privacy/retention/expiring?days=1900', { headers: await admin() });
    const { endsAt } = (
      (await readRequest(erased.request)).body.erasure as { holds: { complaintId: string; endsAt: string }[] }
    ).holds.find((h) => h.complaintId === erased.closed)!;
    expect(holds.body.complaints).toEqual([
      // the TTL attribute holds whole seconds, rounded up
      {
        complaintId: erased.closed,
        reference: erased.closedRef,
        expiresAt: new Date(Math.ceil(Date.parse(endsAt) / 1000) * 1000).toISOString(),
      },
    ]);
    for (const personal of [ERASED.name, ERASED.phone, ERASED.email, ERASED.customerId])
      expect(JSON.stringify(holds.body)).not.toContain(personal);
    const bad = await api(cloud, '/v1/privacy/retention/expiring?days=0', { headers: await admin() });
    expect((bad.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['query.days']);
    expect(
      (await api(cloud, '/v1/privacy/retention/expiring', { headers: await bearer('lead-li', 'lead') }))
        .status,
    ).toBe(403);
  });

  it('finds nothing personal in a later access export, by id or by phone', async () => {
    for (const body of [{ customerId: ERASED.customerId }, { contact: ERASED.phone }]) {
      const filed = await fileRequest({ ...body, kind: 'access', verification: 'ID card' });
      const exported = await api(cloud, `/v1/privacy/requests/${filed.body.requestId}/export`, {
        headers: await admin(),
      });
      expect(exported.body).toMatchObject({ profile: null, policies: [], complaints: [], messages: [] });
      for (const personal of [ERASED.name, ERASED.phone, ERASED.email])
        expect(JSON.stringify(exported.body)).not.toContain(personal);
    }
  });

  it('does not bring the person back when the old import line and complaint events are replayed', async () => {
    const again = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { ...(await admin()), 'content-type': 'application/x-ndjson' },
      body: JSON.stringify(ERASED),
    });
    expect(again.body).toMatchObject({ created: 0, updated: 0, rejected: [] });
    // the core events again: duplicates of the steps kept, nothing stored
    for (const body of coreEvents)
      expect((await postCoreEvent(cloud, body)).body).toMatchObject({ status: 'duplicate' });
    await cloud.bus.putEvents(
      received.map((e) => ({
        Source: e.source,
        DetailType: e['detail-type'],
        Detail: JSON.stringify(e.detail),
        EventBusName: LOCAL_BUS_NAME,
      })),
    );
    await cloud.settle();
    expect(await tracesOfErased()).toEqual([]);
  });

  it('ends the hold of an erased complaint closed later, and takes the end away when it is reopened', async () => {
    const act = async (action: string, json: Json) => {
      const { version } = (await api(cloud, `/v1/cases/${erased.open}`, { headers: await admin() })).body;
      const res = await api(cloud, `/v1/cases/${erased.open}/${action}`, {
        method: 'POST',
        headers: { ...(await admin()), 'if-match': `"${version as number}"` },
        json,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      await cloud.settle();
    };
    await setClock('2027-01-11T02:00:00Z');
    await act('assign', { assignee: 'agent-wu' });
    await act('resolve', {
      outcome: 'rejected',
      rootCause: 'claims/assessment-delay',
      responseToCustomer: 'The renewal notice went to the address on file.',
    });
    await act('close', {});
    const itemsOf = async () => {
      const items: Json[] = [];
      for (const pk of [complaintKey(erased.open).pk, referenceKey(erased.openRef).pk]) {
        const { Items } = await cloud.dynamo.send(
          new QueryCommand({
            TableName: cloud.tableNames.Complaints,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': { S: pk } },
            ConsistentRead: true,
          }),
        );
        items.push(...(Items ?? []).map((i) => unmarshall(i) as Json));
      }
      return items;
    };
    const [closed] = (await itemsOf()).filter((i) => i.kind === 'complaint') as Json[];
    const endsAt = `2032${(closed!.closedAt as string).slice(4)}`;
    const expiresAt = Math.ceil(Date.parse(endsAt) / 1000);
    expect(closed).toMatchObject({
      status: 'closed',
      expiresAt,
      retentionHold: { endsAt, regime: 'cn-nfra', reason: expect.stringMatching(/5 years after closure/) },
    });
    // the rest of the record follows (the SLA consumer of complaint.closed); outbox copies keep their week
    const kept = (await itemsOf()).filter((i) => i.kind !== 'outbox');
    expect(kept.length).toBeGreaterThan(3);
    for (const item of kept) expect(item.expiresAt, String(item.sk)).toBe(expiresAt);
    // the request shows the hold's end as the skeleton holds it now
    const holdOfOpen = async () =>
      ((await readRequest(erased.request)).body.erasure as { holds: Json[] }).holds.find(
        (h) => h.complaintId === erased.open,
      );
    expect(await holdOfOpen()).toMatchObject({
      closedAt: closed!.closedAt,
      endsAt,
      reason: expect.stringMatching(/5 years after closure/),
    });
    const report = await api(cloud, '/v1/privacy/retention/expiring?days=3000', { headers: await admin() });
    expect(report.body.complaints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ complaintId: erased.open, reference: erased.openRef }),
      ]),
    );

    await act('reopen', { reason: 'The customer sent the correct address after all.' });
    const reopened = await itemsOf();
    expect(reopened.find((i) => i.kind === 'complaint')).toMatchObject({
      status: 'in-progress',
      retentionHold: { endsAt: null },
    });
    for (const item of reopened.filter((i) => i.kind !== 'outbox'))
      expect(item.expiresAt, String(item.sk)).toBeUndefined();
    expect(await holdOfOpen()).toMatchObject({
      closedAt: null,
      endsAt: null,
      reason: expect.stringMatching(/open; kept until closure/),
    });
  });
});

describe('retention of a complaint never erased', () => {
  const admin = () => bearer('dpo-zhao', 'admin');
  const act = async (action: string, json: Json) => {
    const { version } = (await api(cloud, `/v1/cases/${complaint.id}`, { headers: await admin() })).body;
    const res = await api(cloud, `/v1/cases/${complaint.id}/${action}`, {
      method: 'POST',
      headers: { ...(await admin()), 'if-match': `"${version as number}"` },
      json,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await cloud.settle();
  };
  /** The complaint's record: its partition and its reference item, outbox copies apart (their own week). */
  const record = async () =>
    [
      ...(await partition(cloud, 'Complaints', complaintKey(complaint.id).pk)),
      ...(await partition(cloud, 'Complaints', referenceKey(complaint.reference).pk)),
    ].filter((i) => i.kind !== 'outbox');
  const resolve = () =>
    act('resolve', {
      outcome: 'upheld',
      rootCause: 'claims/assessment-delay',
      responseToCustomer: '理赔款已支付。',
    });

  it('expires the whole record its regime’s period after closure, a note added later too, and keeps it again once reopened', async () => {
    await act('assign', { assignee: 'agent-wu' });
    await resolve();
    await act('close', {});
    const [closed] = (await record()).filter((i) => i.kind === 'complaint');
    // both regimes a Shanghai customer's complaint may take keep it five years
    expect(['cn-nfra', 'uk-fca']).toContain(closed!.regime);
    expect(closed).not.toHaveProperty('retentionHold');
    const expiresAt = Math.ceil(Date.parse(`2032${String(closed!.closedAt).slice(4)}`) / 1000);
    expect(closed!.expiresAt).toBe(expiresAt);
    await act('notes', { text: 'Closure letter filed.', visibility: 'internal' });
    const items = await record();
    expect(items.filter((i) => i.kind === 'timeline').length).toBeGreaterThan(3);
    for (const item of items) expect(item.expiresAt, String(item.sk)).toBe(expiresAt);
    // messages about it keep their own, shorter life (notify's 365 days)
    const messages = await cloud.dynamo.send(
      new ScanCommand({
        TableName: cloud.tableNames.Messages,
        FilterExpression: 'complaintId = :id AND begins_with(pk, :msg)',
        ExpressionAttributeValues: { ':id': { S: complaint.id }, ':msg': { S: messageKey('').pk } },
      }),
    );
    // (but the one the message keys story put as a notify of before December 2026 logged it, without expiry)
    const logged = (messages.Items ?? [])
      .map((i) => unmarshall(i))
      .filter((m) => !m.pk.includes(CUSTOMER.email));
    expect(logged.length).toBeGreaterThan(0);
    for (const m of logged) expect(m.expiresAt, m.state).toBeLessThan(expiresAt);
    const report = await api(cloud, '/v1/privacy/retention/expiring?days=3000', { headers: await admin() });
    expect(report.body.complaints).toEqual(
      expect.arrayContaining([expect.objectContaining({ complaintId: complaint.id })]),
    );

    await act('reopen', { reason: 'The customer disputes the amount paid.' });
    for (const item of await record()) expect(item.expiresAt, String(item.sk)).toBeUndefined();
  });

  it('leaves the customer’s link to a purged complaint, which the access export passes over', async () => {
    await resolve();
    await act('close', {});
    // what DynamoDB's TTL does at the end (the local cloud turns no TTL on: infra/local/resources.ts)
    for (const item of await partition(cloud, 'Complaints', complaintKey(complaint.id).pk))
      await cloud.dynamo.send(
        new DeleteItemCommand({
          TableName: cloud.tableNames.Complaints,
          Key: marshall({ pk: item.pk, sk: item.sk }),
        }),
      );
    expect(
      await partition(cloud, 'Customers', complaintLinkKey(CUSTOMER.customerId, complaint.id).pk),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sk: complaintLinkKey(CUSTOMER.customerId, complaint.id).sk }),
      ]),
    );
    const filed = await fileRequest({
      customerId: CUSTOMER.customerId,
      kind: 'access',
      verification: 'ID card',
    });
    const exported = await api(cloud, `/v1/privacy/requests/${filed.body.requestId}/export`, {
      headers: await admin(),
    });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ complaints: [] });
  });
});

describe('item kinds', () => {
  it('stores no item of a kind without a retention rule, in any table, after the whole story', async () => {
    const unknown = (await everyItem())
      .filter(({ table, item }) => !kindOfItem(itemCatalog, table, { pk: item.pk, sk: item.sk }))
      .map(({ table, item }) => `${table}: ${String(item.pk)} / ${String(item.sk)}`);
    // declare the kind in its table module (shared/tables) and give it a rule in rules/retention.json
    expect(unknown).toEqual([]);
  });
});
