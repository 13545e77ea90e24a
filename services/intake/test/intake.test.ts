/**
 * Intake on the local cloud, through the real routes: validation, idempotency, persistence,
 * duplicates, customer linking, the hotline signature, status lookup and the outbox event. A
 * customer whose records have expired is unknown to intake and to every other reader of their
 * profile, policies and lookups, though the local cloud (like DynamoDB for days) still holds them.
 */
import { randomUUID } from 'node:crypto';
import { GetItemCommand, PutItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_HOTLINE_SECRET, signHotlineBody } from '#shared/http/hotline-signature';
import { keyedHash } from '#shared/pii';
import { customerLookupKey } from '#shared/tables/customers';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { loadComplaintContext } from '../../notify/adapters/complaint-context';
import { readEffectiveProfile, withdrawConsent } from '../../notify/adapters/customer-profiles';
import { contactDirectory } from '../../privacy/adapters/contact-directory';
import { recordAttendance } from '../../relationship/adapters/attendance';
import { healthInputs } from '../../relationship/adapters/health-inputs';
import { customerOfPolicy } from '../../relationship/adapters/policy-holder';
import { customerRegimeFacts } from '../../sla/adapters/regime-facts';
import { dynamoTriageStore } from '../../triage/adapters/dynamo-triage-store';
import { dynamoCustomerDirectory } from '../adapters/dynamo-customer-directory';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

const VALID_ID = '110101199003074514';
const REFERENCE = /^CMP-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;

function complaint(overrides: Record<string, unknown> = {}) {
  return {
    customer: { name: '李四', phone: '13900139000', email: 'li.si@example.com' },
    policyNumber: 'P2024000123',
    description: `理赔申请被拒绝，理由不充分，请尽快复核。 ${randomUUID()}`,
    consent: { dataProcessing: true },
    ...overrides,
  };
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  api(cloud, '/v1/complaints', { method: 'POST', json: body, headers });

async function storedComplaints(marker: string) {
  const result = await cloud.dynamo.send(
    new ScanCommand({
      TableName: cloud.tableNames.Complaints,
      FilterExpression: 'kind = :k AND contains(description, :m)',
      ExpressionAttributeValues: { ':k': { S: 'complaint' }, ':m': { S: marker } },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

/** The complaint.received events of a complaint: once the first is on the bus and everything has settled. */
async function receivedEvents(complaintId: string) {
  const find = async () => {
    const log = await api(cloud, '/dev/events?type=complaint.received&limit=1000');
    return (log.body.events as { detail: { data: { complaintId: string } } }[]).filter(
      (e) => e.detail.data.complaintId === complaintId,
    );
  };
  // the stream poller may not have seen the commit yet: wait for the first, then for any duplicates
  await waitFor(
    async () => ((await find()).length > 0 ? true : undefined),
    `complaint.received of ${complaintId}`,
  );
  await cloud.settle();
  return find();
}

function expectProblem(res: Awaited<ReturnType<typeof api>>, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
}

describe('POST /v1/complaints', () => {
  it('files a complaint: 201 with id, reference, status and receipt time; one complaint.received event', async () => {
    const body = complaint({ customer: { name: '  李四 ', phone: '139 0013 9000', idNumber: VALID_ID } });
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      complaintId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      reference: expect.stringMatching(REFERENCE),
      status: 'received',
      receivedAt: expect.any(String),
    });
    const [item] = await storedComplaints(body.description.slice(-36));
    expect(item?.status?.S).toBe('received');
    expect(item?.channel?.S).toBe('web');
    expect(item?.customer?.M?.name?.S).toBe('李四');
    expect(item?.customer?.M?.phone?.S).toBe('13900139000');
    expect(item?.customer?.M?.idNumberMasked?.S).toBe('110***********4514');
    expect(item?.customer?.M?.birthDate?.S).toBe('1990-03-07');
    expect(JSON.stringify(item)).not.toContain(VALID_ID);
    expect(await receivedEvents(res.body.complaintId as string)).toHaveLength(1);
  });

  it('lists every field error at once', async () => {
    const res = await post({
      customer: { name: '', idNumber: '110101199003074513', phone: '12345' },
      description: 'short',
      consent: { dataProcessing: false },
      preferredChannel: 'email',
      colour: 'red',
    });
    expectProblem(res, 400);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(
      [
        'body.colour',
        'body.consent.dataProcessing',
        'body.customer.idNumber',
        'body.customer.name',
        'body.customer.phone',
        'body.description',
        'body.preferredChannel',
      ].sort(),
    );
  });

  it('requires a phone or an email', async () => {
    const res = await post(complaint({ customer: { name: 'Ann Lee' } }));
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      { path: 'body.customer.phone', message: expect.stringContaining('phone') },
    ]);
  });

  it('accepts E.164 numbers and email-only complaints', async () => {
    const res = await post(
      complaint({ customer: { name: 'Ann Lee', phone: '+447700900123' }, language: 'en' }),
    );
    expect(res.status).toBe(201);
    expect(
      (await post(complaint({ customer: { name: 'Ann Lee', email: 'ann@example.co.uk' } }))).status,
    ).toBe(201);
  });

  it('answers malformed JSON 400, another media type 415 and more than 64 KB 413', async () => {
    const raw = (body: string, type: string) =>
      api(cloud, '/v1/complaints', { method: 'POST', body, headers: { 'content-type': type } });
    expectProblem(await raw('{"customer":', 'application/json'), 400);
    expectProblem(await raw('customer=x', 'application/x-www-form-urlencoded'), 415);
    expectProblem(await post(complaint({ description: 'x'.repeat(70_000) })), 413);
  });

  it('never answers a bad body with a 5xx', async () => {
    const anyJson = fc.oneof(
      fc.jsonValue(),
      fc.record({ customer: fc.jsonValue(), description: fc.jsonValue(), consent: fc.jsonValue() }),
      fc.record(
        {
          customer: fc.record(
            { name: fc.string(), phone: fc.string(), email: fc.string(), idNumber: fc.string() },
            { requiredKeys: [] },
          ),
          description: fc.string({ maxLength: 20 }),
          consent: fc.record({ dataProcessing: fc.jsonValue() }),
          category: fc.string(),
          language: fc.string(),
          preferredChannel: fc.string(),
          policyNumber: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    let count = 0;
    await fc.assert(
      fc.asyncProperty(anyJson, async (body) => {
        count++;
        const res = await post(body);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }),
      { numRuns: 520 },
    );
    expect(count).toBeGreaterThanOrEqual(500);
  });
});

describe('idempotency', () => {
  it('answers the same key and body with the same 201 and files one complaint', async () => {
    const body = complaint();
    const key = randomUUID();
    const first = await post(body, { 'idempotency-key': key });
    const second = await post(body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await storedComplaints(body.description.slice(-36))).toHaveLength(1);
    expect(await receivedEvents(first.body.complaintId as string)).toHaveLength(1);
  });

  it('answers the same key with another body 409', async () => {
    const key = randomUUID();
    expect((await post(complaint(), { 'idempotency-key': key })).status).toBe(201);
    expectProblem(await post(complaint(), { 'idempotency-key': key }), 409);
  });

  it('files one complaint for 20 concurrent posts with one key', async () => {
    const body = complaint();
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(body, { 'idempotency-key': key })),
    );
    // one files it; each twin replays its answer, or (still in flight) asks to retry: never a 5xx
    const filed = answers.filter((a) => a.status === 201 && !a.headers.get('idempotent-replayed'));
    expect(filed).toHaveLength(1);
    for (const a of answers.filter((x) => !filed.includes(x))) {
      if (a.status === 409) {
        expect(a.body.type).toMatch(/idempotency-in-progress$/);
        expect(a.headers.get('retry-after')).toBe('1');
      } else {
        expect(a.status).toBe(201);
        expect(a.headers.get('idempotent-replayed')).toBe('true');
      }
    }
    expect(new Set(answers.filter((a) => a.status === 201).map((a) => a.body.complaintId)).size).toBe(1);
    expect(await storedComplaints(body.description.slice(-36))).toHaveLength(1);
    expect(await receivedEvents(answers[0]!.body.complaintId as string)).toHaveLength(1);
  });

  it('rejects an unusable Idempotency-Key', async () => {
    expectProblem(await post(complaint(), { 'idempotency-key': 'x'.repeat(201) }), 400);
  });
});

describe('customers and duplicates', () => {
  it('links the complaint to the customer of the policy number, or of the phone', async () => {
    const put = (key: { pk: string; sk: string }, customerId: string) =>
      cloud.dynamo.send(
        new PutItemCommand({
          TableName: cloud.tableNames.Customers,
          Item: { pk: { S: key.pk }, sk: { S: key.sk }, customerId: { S: customerId } },
        }),
      );
    await put(customerLookupKey.policy('P2099000001'), 'C-POLICY');
    await put(customerLookupKey.phone(await keyedHash('phone', '13800138000')), 'C-PHONE');

    const byPolicy = complaint({
      policyNumber: 'p2099000001',
      customer: { name: '王五', phone: '13800138000' },
    });
    await post(byPolicy);
    const [a] = await storedComplaints(byPolicy.description.slice(-36));
    expect(a?.customerId?.S).toBe('C-POLICY');

    const byPhone = complaint({
      policyNumber: undefined,
      customer: { name: '王五', phone: '+8613800138000' },
    });
    await post(byPhone);
    const [b] = await storedComplaints(byPhone.description.slice(-36));
    expect(b?.customerId?.S).toBe('C-PHONE');
  });

  it('marks a near-identical complaint from the same customer and policy within 24 hours', async () => {
    const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const text = '我的理赔申请已经提交两个月了，至今没有任何答复，客服电话也打不通，请尽快处理。';
    const first = await post(complaint({ customer: { name: '赵六', phone }, description: text }));
    const again = await post(complaint({ customer: { name: '赵六', phone }, description: `${text}!!` }));
    const otherPolicy = await post(
      complaint({ customer: { name: '赵六', phone }, description: text, policyNumber: 'P2024999999' }),
    );
    const all = await storedComplaints('两个月了');
    const byId = (id: unknown) => all.find((c) => c.complaintId?.S === id);
    expect(byId(first.body.complaintId)?.possibleDuplicateOf).toBeUndefined();
    expect(byId(again.body.complaintId)?.possibleDuplicateOf?.S).toBe(first.body.complaintId);
    expect(byId(otherPolicy.body.complaintId)?.possibleDuplicateOf).toBeUndefined();

    await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'PT25H' } });
    const later = await post(complaint({ customer: { name: '赵六', phone }, description: text }));
    expect(byId(later.body.complaintId)).toBeUndefined();
    const [stored] = (await storedComplaints('两个月了')).filter(
      (c) => c.complaintId?.S === later.body.complaintId,
    );
    expect(stored?.possibleDuplicateOf).toBeUndefined();
  });
});

/** An import line of a London customer with one policy, ended in June 2010 or in force. */
const customerLine = (customerId: string, phone: string, policyNumber: string, ended: boolean) =>
  JSON.stringify({
    customerId,
    name: '周七',
    birthDate: '1950-04-04',
    phone,
    language: 'zh-CN',
    timeZone: 'Europe/London',
    preferredChannel: 'sms',
    tier: 'gold',
    consent: { service: true, marketing: true },
    policies: [
      {
        policyNumber,
        product: 'critical-illness',
        startDate: '2005-01-01',
        ...(ended ? { status: 'lapsed', endDate: '2010-06-30' } : { status: 'in-force' }),
      },
    ],
  });
async function importLine(line: string) {
  const token = await api(cloud, '/dev/token', {
    method: 'POST',
    json: { sub: 'admin-intake', role: 'admin' },
  });
  const res = await api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { authorization: `Bearer ${token.body.token}`, 'content-type': 'application/x-ndjson' },
    body: `${line}\n`,
  });
  expect(res.body).toMatchObject({ rejected: [] });
}

describe('a known customer', () => {
  const unique = () => String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  const lookupFacts = async (key: { pk: string; sk: string }) =>
    (
      await cloud.dynamo.send(
        new GetItemCommand({
          TableName: cloud.tableNames.Customers,
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
        }),
      )
    ).Item?.regimeFacts;

  it("is filed under the regime of their lookup's facts, and a repeat on their policy is marked", async () => {
    const [id, phone, policyNumber] = [`C-KNOWN-${unique()}`, `1360${unique()}`, `P2006${unique()}`];
    await importLine(customerLine(id, phone, policyNumber, false));
    // the import wrote the facts on the lookups: intake reads nothing more before its transaction
    expect(await lookupFacts(customerLookupKey.policy(policyNumber))).toEqual({
      M: { timeZone: { S: 'Europe/London' }, product: { S: 'critical-illness' } },
    });
    expect(await lookupFacts(customerLookupKey.phone(await keyedHash('phone', phone)))).toEqual({
      M: { timeZone: { S: 'Europe/London' } },
    });

    const text = `保单${policyNumber}的重疾理赔已经提交六周，没有任何进展，请尽快处理并回复。`;
    const first = await post(
      complaint({ policyNumber, customer: { name: '周七', phone }, description: text }),
    );
    const again = await post(
      complaint({ policyNumber, customer: { name: '周七', phone }, description: `${text}!!` }),
    );
    const all = await storedComplaints(policyNumber);
    const byId = (id: unknown) => all.find((c) => c.complaintId?.S === id);
    expect(byId(first.body.complaintId)).toMatchObject({ customerId: { S: id }, regime: { S: 'uk-fca' } });
    expect(byId(first.body.complaintId)?.possibleDuplicateOf).toBeUndefined();
    expect(byId(again.body.complaintId)).toMatchObject({
      regime: { S: 'uk-fca' },
      possibleDuplicateOf: { S: first.body.complaintId },
    });
  });

  it('is filed under the same regime when their lookups carry no facts (written before them)', async () => {
    const [id, phone, policyNumber] = [`C-OLDLOOKUP-${unique()}`, `1350${unique()}`, `P2007${unique()}`];
    await importLine(customerLine(id, phone, policyNumber, false));
    for (const key of [
      customerLookupKey.policy(policyNumber),
      customerLookupKey.phone(await keyedHash('phone', phone)),
    ])
      await cloud.dynamo.send(
        new UpdateItemCommand({
          TableName: cloud.tableNames.Customers,
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
          UpdateExpression: 'REMOVE regimeFacts',
        }),
      );
    const text = `保单${policyNumber}的理赔被拒，理由说明不清楚，请重新审核并给出书面答复。`;
    const first = await post(
      complaint({ policyNumber, customer: { name: '周七', phone }, description: text }),
    );
    const again = await post(
      complaint({ policyNumber, customer: { name: '周七', phone }, description: `${text}!!` }),
    );
    const all = await storedComplaints(policyNumber);
    const byId = (id: unknown) => all.find((c) => c.complaintId?.S === id);
    expect(byId(first.body.complaintId)).toMatchObject({ customerId: { S: id }, regime: { S: 'uk-fca' } });
    expect(byId(again.body.complaintId)?.possibleDuplicateOf?.S).toBe(first.body.complaintId);
  });

  it("takes the facts off a dropped policy's lookup, so its product is no longer read from it", async () => {
    const [id, phone] = [`C-DROPPED-${unique()}`, `1340${unique()}`];
    const [kept, dropped] = [`P2008${unique()}`, `P2009${unique()}`];
    const line = (policies: string[]) =>
      JSON.stringify({
        ...JSON.parse(customerLine(id, phone, kept, false)),
        policies: policies.map((policyNumber) => ({
          policyNumber,
          product: 'critical-illness',
          startDate: '2005-01-01',
          status: 'in-force',
        })),
      });
    await importLine(line([kept, dropped]));
    expect(await lookupFacts(customerLookupKey.policy(dropped))).toBeDefined();
    await importLine(line([kept]));
    expect(await lookupFacts(customerLookupKey.policy(dropped))).toBeUndefined();
    expect(await lookupFacts(customerLookupKey.policy(kept))).toBeDefined();
  });
});

describe('a customer whose records have expired', () => {
  it('files their complaint as from an unknown customer, found neither by policy nor by phone', async () => {
    // every policy ended in June 2010: the import ends the lookups' retention 10 years later, and
    // the local cloud, like DynamoDB for days after, still holds them
    await importLine(customerLine('C-ENDED', '13700137001', 'P2005000001', true));
    const body = complaint({ policyNumber: 'P2005000001', customer: { name: '周七', phone: '13700137001' } });
    expect((await post(body)).status).toBe(201);
    const [stored] = await storedComplaints(body.description.slice(-36));
    expect(stored).toBeDefined();
    expect(stored?.customerId).toBeUndefined();
  });

  it('is unknown to every reader of their profile, policies and lookups, as if purged', async () => {
    const [id, phone, policyNumber] = ['C-LATER', '13700137002', 'P2005000002'];
    await importLine(customerLine(id, phone, policyNumber, false));
    const body = complaint({ policyNumber, customer: { name: '周七', phone } });
    const complaintId = (await post(body)).body.complaintId as string;
    await cloud.settle();
    const phoneHash = await keyedHash('phone', phone);
    // each reader as its service calls it; the writes last, as they change the profile
    const readers = {
      'intake, by the policy': async () =>
        (await dynamoCustomerDirectory.findCustomer(policyNumber, undefined))?.customerId,
      'intake, by the phone': async () =>
        (await dynamoCustomerDirectory.findCustomer(undefined, phoneHash))?.customerId,
      'privacy, by the phone': async () => (await contactDirectory.resolve(phone)).customerId,
      'notify, the profile': async () => (await readEffectiveProfile(id))?.customerId,
      'notify, the zone of a complaint': async () => (await loadComplaintContext(complaintId))?.timeZone,
      'relationship, the policy holder': () => customerOfPolicy(policyNumber, cloud.clock.now()),
      'relationship, the health inputs': async () =>
        (await healthInputs(id, cloud.clock.now()))?.openComplaints,
      'sla, the regime facts': () => customerRegimeFacts(id, policyNumber),
      'triage, the customer facts': async () => (await dynamoTriageStore.customerFacts(id))?.tier,
      'relationship, an attendance': () => recordAttendance(id, cloud.clock.now().toISOString()),
      'notify, a consent withdrawn': () => withdrawConsent(id, 'marketing', cloud.clock.now()),
    };
    const readAll = async () => {
      const read: Record<string, unknown> = {};
      for (const [name, reader] of Object.entries(readers)) read[name] = await reader();
      return read;
    };
    expect(await readAll()).toEqual({
      'intake, by the policy': id,
      'intake, by the phone': id,
      'privacy, by the phone': id,
      'notify, the profile': id,
      'notify, the zone of a complaint': 'Europe/London',
      'relationship, the policy holder': id,
      'relationship, the health inputs': 1,
      'sla, the regime facts': { jurisdiction: 'GB', product: 'critical-illness' },
      'triage, the customer facts': 'gold',
      'relationship, an attendance': true,
      'notify, a consent withdrawn': 'withdrawn',
    });

    // the policy ended in June 2010: the import ends the records' retention in 2020
    await importLine(customerLine(id, phone, policyNumber, true));
    expect(await readAll()).toEqual({
      'intake, by the policy': undefined,
      'intake, by the phone': undefined,
      'privacy, by the phone': undefined,
      'notify, the profile': undefined,
      // the zone of an unknown customer: the company's
      'notify, the zone of a complaint': 'Asia/Shanghai',
      'relationship, the policy holder': undefined,
      'relationship, the health inputs': undefined,
      'sla, the regime facts': { jurisdiction: undefined, product: undefined },
      'triage, the customer facts': undefined,
      'relationship, an attendance': false,
      'notify, a consent withdrawn': 'unknown-customer',
    });
  });
});

describe('POST /v1/integrations/hotline/complaints', () => {
  const hotlineBody = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      ...complaint({ customer: { name: 'Chen Jie' } }),
      callId: `CALL-${randomUUID()}`,
      agentId: 'A-017',
      callerPhone: '13700137000',
      summary: 'Caller says the claim was refused without reason and threatens to go to the media.',
      flags: { mediaThreat: true },
      ...overrides,
    });
  const send = (raw: string, signature?: string) =>
    api(cloud, '/v1/integrations/hotline/complaints', {
      method: 'POST',
      body: raw,
      headers: {
        'content-type': 'application/json',
        ...(signature !== undefined ? { 'x-signature': signature } : {}),
      },
    });
  const now = () => Math.floor(cloud.clock.now().getTime() / 1000);

  it('files a signed call with its metadata, once per callId', async () => {
    const raw = hotlineBody();
    const sig = signHotlineBody(LOCAL_HOTLINE_SECRET, now(), raw);
    const first = await send(raw, sig);
    expect(first.status).toBe(201);
    const again = await send(raw, signHotlineBody(LOCAL_HOTLINE_SECRET, now(), raw));
    expect(again.body).toEqual(first.body);
    const [item] = await storedComplaints(JSON.parse(raw).description.slice(-36));
    expect(item?.channel?.S).toBe('hotline');
    expect(item?.hotline?.M?.flags?.M?.mediaThreat?.BOOL).toBe(true);
    expect(item?.hotline?.M?.agentId?.S).toBe('A-017');
    expect(item?.customer?.M?.phone?.S).toBe('13700137000');
    expect(await receivedEvents(first.body.complaintId as string)).toHaveLength(1);

    const changed = JSON.stringify({ ...JSON.parse(raw), summary: 'Something else entirely, same call id.' });
    expectProblem(await send(changed, signHotlineBody(LOCAL_HOTLINE_SECRET, now(), changed)), 409);
  });

  it('answers a missing, malformed, wrong or stale signature 401', async () => {
    const raw = hotlineBody();
    expectProblem(await send(raw), 401);
    expectProblem(await send(raw, 'v1=abc'), 401);
    expectProblem(await send(raw, signHotlineBody('not-the-secret', now(), raw)), 401);
    expectProblem(await send(raw, signHotlineBody(LOCAL_HOTLINE_SECRET, now() - 600, raw)), 401);
  });

  it('validates the call fields like the web form', async () => {
    const raw = hotlineBody({ callerPhone: 'unknown', agentId: '' });
    const res = await send(raw, signHotlineBody(LOCAL_HOTLINE_SECRET, now(), raw));
    expectProblem(res, 400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'body.agentId',
      'body.callerPhone',
    ]);
  });
});

describe('GET /v1/complaints/{reference}/status', () => {
  it('answers the status to the email or the last four phone digits, and 404 alike otherwise', async () => {
    const filed = await post(
      complaint({ customer: { name: 'Li', phone: '13912345678', email: 'Status@Example.com' } }),
    );
    const reference = filed.body.reference as string;
    const status = (ref: string, contact: string) =>
      api(cloud, `/v1/complaints/${ref}/status?contact=${encodeURIComponent(contact)}`);

    const byEmail = await status(reference, 'status@example.com');
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toEqual({
      reference,
      status: 'received',
      receivedAt: filed.body.receivedAt,
      // written with the complaint (intake, by the SLA rules): never null, even before the SLA service ran
      nextDeadline: { name: expect.stringMatching(/^(acknowledge|resolve)$/), dueAt: expect.any(String) },
      language: 'zh-CN',
      requests: [],
      decision: null,
    });
    expect((await status(reference, '5678')).status).toBe(200);

    const wrong = await status(reference, '0000');
    const unknown = await status('CMP-20200101-ABCDEF', '5678');
    expectProblem(wrong, 404);
    expectProblem(unknown, 404);
    expect(wrong.body).toEqual(unknown.body);
    expectProblem(await status(reference, 'other@example.com'), 404);
    expectProblem(await status('nonsense', '5678'), 400);
  });
});
