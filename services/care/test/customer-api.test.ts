/**
 * The admin customer routes on the local cloud: NDJSON import (line-numbered rejections, 413 for
 * too many lines, 415 for another media type, 400 when no line is valid, 401/403 for everyone but
 * an admin), and preferences (effective values, overrides, merge, If-Match, 404, 400 with every
 * field error) including a time zone change moving the customer in every date index; the end of a
 * customer's relationship from the policies' end dates, and the retention end it gives their items.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import {
  anniversaryPartition,
  birthdayPartition,
  customerLookupKey,
  customerProfileKey,
  healthPartition,
  lastContactPartition,
  npsPartition,
  policyKey,
  premiumDuePartition,
  rosterPartition,
  timeZonesKey,
} from '#shared/tables/customers';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud } from '../../../test/support/local-cloud';
import { periodRule } from '../../privacy/domain/retention-rules';
import { customerLine } from './care-fixtures';

let cloud: LocalCloud;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  cloud = await startTestCloud(topology);
  // a frozen clock: the preferences record when they changed
  cloud.clock.freeze(new Date('2026-06-01T01:00:00Z'));
  for (const [role, team] of [
    ['admin', undefined],
    ['lead', 'claims'],
    ['agent', 'claims'],
  ] as const) {
    const res = await api(cloud, '/dev/token', {
      method: 'POST',
      json: { sub: `${role}-care`, role, ...(team ? { team } : {}) },
    });
    tokens[role] = res.body.token as string;
  }
});
afterAll(async () => {
  await cloud?.stop();
});

function importFile(body: string, role = 'admin', contentType = 'application/x-ndjson') {
  return api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { 'content-type': contentType, ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}) },
    body,
  });
}

const asAdmin = (headers: Record<string, string> = {}) => ({
  authorization: `Bearer ${tokens.admin}`,
  ...headers,
});

function expectProblem(
  res: { status: number; headers: Headers; body: Record<string, unknown> },
  status: number,
) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
}

async function indexSortKeys(index: string, pk: string): Promise<string[]> {
  const result = await cloud.dynamo.send(
    new QueryCommand({
      TableName: cloud.tableNames.Customers,
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${index}pk` },
      ExpressionAttributeValues: { ':pk': { S: pk } },
    }),
  );
  return (result.Items ?? []).map((i) => i[`${index}sk`]!.S!);
}

describe('POST /v1/customers/import', () => {
  it('imports the valid lines, names each rejected line with every field error, and changes nothing the second time', async () => {
    const file = `${[
      customerLine(),
      '{not json',
      '',
      customerLine({ customerId: 'C0002', phone: '123', birthDate: '1990-02-30', tier: 'diamond' }),
      customerLine({ customerId: 'C0003', phone: '13900139003', policies: [] }),
    ].join('\n')}\n`;
    const first = await importFile(file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const rejected = first.body.rejected as { line: number; errors: { path: string; message: string }[] }[];
    expect(rejected.map((r) => r.line)).toEqual([2, 4]);
    expect(rejected[1]!.errors.map((e) => e.path).sort()).toEqual(['birthDate', 'phone', 'tier']);

    const again = await importFile(file);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = await importFile(
      customerLine({ customerId: 'C0003', phone: '13900139003', tier: 'silver', policies: [] }),
    );
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejected: [] });
  });

  it('answers 400 with every line when no line is valid, and writes nothing', async () => {
    const res = await importFile([customerLine({ customerId: 'C0900', phone: 'x' }), 'oops'].join('\n'));
    expectProblem(res, 400);
    expect((res.body.rejected as { line: number }[]).map((r) => r.line)).toEqual([1, 2]);
    expect((res.body.errors as { path: string }[]).map((e) => e.path)).toEqual([
      'line 1: phone',
      'line 2: (line)',
    ]);
    const view = await api(cloud, '/v1/customers/C0900/preferences', { headers: asAdmin() });
    expect(view.status).toBe(404);
  });

  it('refuses more than 10,000 lines with 413, another media type with 415, an empty body with 400', async () => {
    const tooMany = await importFile(Array.from({ length: 10_001 }, () => '{}').join('\n'));
    expectProblem(tooMany, 413);
    expect(tooMany.body.detail).toMatch(/at most 10,000 lines; this one has 10,001/);
    const exactly = await importFile(Array.from({ length: 10_000 }, () => '{}').join('\n'));
    expectProblem(exactly, 400); // taken, every line rejected
    expect((exactly.body.rejected as unknown[]).length).toBe(10_000);
    // the problem lists the first 200 field errors; `rejected` has every line
    expect((exactly.body.errors as unknown[]).length).toBe(200);

    expectProblem(await importFile(customerLine(), 'admin', 'application/json'), 415);
    expectProblem(await importFile(customerLine(), 'admin', 'text/csv'), 415);
    expectProblem(await importFile(''), 400);
  });

  it('is for admins only: 401 without a token, 403 for agents and leads', async () => {
    expectProblem(await importFile(customerLine(), ''), 401);
    expectProblem(await importFile(customerLine(), 'agent'), 403);
    expectProblem(await importFile(customerLine(), 'lead'), 403);
  });
});

describe('POST /v1/customers/import: the end of the relationship', () => {
  type Key = { pk: string; sk: string };
  const item = async (key: Key) =>
    (
      await dynamo().send(
        new GetCommand({ TableName: tableName('Customers'), Key: key, ConsistentRead: true }),
      )
    ).Item;
  const policy = (policyNumber: string, status: string, startDate: string, endDate?: string) => ({
    policyNumber,
    product: 'term-life',
    startDate,
    status,
    ...(endDate ? { endDate } : {}),
  });
  const numbers = ['P2010000501', 'P2012000502'];
  /** The customer's items the import writes, by the kind their retention rule names. */
  async function itemsOf(customerId: string) {
    const profile = await item(customerProfileKey(customerId));
    expect(profile?.phoneHash, 'the profile names its phone lookup').toEqual(expect.any(String));
    const keys: [string, Key][] = [
      ['customer', customerProfileKey(customerId)],
      ...numbers.map((n): [string, Key] => ['policy', policyKey(customerId, n)]),
      ...numbers.map((n): [string, Key] => ['policy-lookup', customerLookupKey.policy(n)]),
      ['phone-lookup', customerLookupKey.phone(profile!.phoneHash as string)],
    ];
    return Promise.all(
      keys.map(async ([kind, key]) => {
        const stored = await item(key);
        expect(stored, `${kind} ${key.pk} ${key.sk}`).toBeDefined();
        return { kind, key: `${key.pk} ${key.sk}`, stored: stored! };
      }),
    );
  }
  const ends = async (customerId: string) =>
    (await itemsOf(customerId)).map(({ key, stored }) => ({
      key,
      relationshipEndedAt: stored.relationshipEndedAt,
      expiresAt: stored.expiresAt,
    }));

  it('ends on the last policy’s end date once all ended, expires every item 10 years on, and un-ends on a policy back in force', async () => {
    const ended = customerLine({
      customerId: 'C0500',
      phone: '13900139500',
      policies: [
        policy(numbers[0]!, 'lapsed', '2010-01-01', '2015-03-31'),
        policy(numbers[1]!, 'matured', '2012-06-01', '2022-05-31'),
      ],
    });
    expect((await importFile(ended)).body).toMatchObject({ created: 1, rejected: [] });
    const stored = await itemsOf('C0500');
    const endedAt = Date.parse('2022-05-31T00:00:00Z') / 1000;
    expect(stored.map(({ key, stored: s }) => [key, s.relationshipEndedAt, s.expiresAt])).toEqual(
      stored.map(({ key, kind }) => [
        key,
        '2022-05-31',
        endedAt + periodRule('Customers', kind).days * 86_400,
      ]),
    );
    expect(stored.map(({ kind }) => kind)).toEqual([
      'customer',
      'policy',
      'policy',
      'policy-lookup',
      'policy-lookup',
      'phone-lookup',
    ]);
    // the same line again writes nothing and moves no end
    expect((await importFile(ended)).body).toMatchObject({ unchanged: 1 });

    const renewed = customerLine({
      customerId: 'C0500',
      phone: '13900139500',
      policies: [
        policy(numbers[0]!, 'lapsed', '2010-01-01', '2015-03-31'),
        policy(numbers[1]!, 'in-force', '2012-06-01'),
      ],
    });
    expect((await importFile(renewed)).body).toMatchObject({ updated: 1, rejected: [] });
    for (const end of await ends('C0500'))
      expect(end).toEqual({ key: end.key, relationshipEndedAt: undefined, expiresAt: undefined });
    // and the import's other work is done as before: the profile's facts follow the policies
    expect(await item(customerProfileKey('C0500'))).toMatchObject({ products: ['term-life'] });
  });

  it('keeps a customer whose ended policy has no end date (an older feed): no end is known', async () => {
    const line = customerLine({
      customerId: 'C0501',
      phone: '13900139501',
      policies: [
        policy(numbers[0]!, 'lapsed', '2010-01-01', '2015-03-31'),
        policy(numbers[1]!, 'surrendered', '2012-06-01'),
      ],
    });
    expect((await importFile(line)).body).toMatchObject({ created: 1, rejected: [] });
    for (const end of await ends('C0501'))
      expect(end).toEqual({ key: end.key, relationshipEndedAt: undefined, expiresAt: undefined });
  });

  it('answers 400 with the field for an end date on a policy in force or before its start', async () => {
    const res = await importFile(
      [
        customerLine({
          customerId: 'C0502',
          policies: [policy('P2010000503', 'in-force', '2010-01-01', '2020-01-01')],
        }),
        customerLine({
          customerId: 'C0503',
          policies: [policy('P2010000504', 'cancelled', '2010-01-01', '2009-12-31')],
        }),
      ].join('\n'),
    );
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([
      { path: 'line 1: policies.0.endDate', message: expect.stringMatching(/not in force/) },
      { path: 'line 2: policies.0.endDate', message: 'Must not be before the start date' },
    ]);
    expect(await item(customerProfileKey('C0502'))).toBeUndefined();
    expect(await item(customerProfileKey('C0503'))).toBeUndefined();
  });
});

describe('GET|PUT /v1/customers/{customerId}/preferences', () => {
  const url = '/v1/customers/C0001/preferences';
  const put = (json: unknown, headers: Record<string, string> = {}) =>
    api(cloud, url, { method: 'PUT', headers: asAdmin(headers), json });

  it('shows the imported values with nothing overridden before any change', async () => {
    const res = await api(cloud, url, { headers: asAdmin() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      customerId: 'C0001',
      preferredChannel: 'sms',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      consent: { service: true, marketing: true, sms: true },
      quietHours: null,
      overridden: [],
      version: 0,
    });
    expect(res.headers.get('etag')).toBe('"0"');
  });

  it('merges an update, records who and when, and a re-import does not undo it', async () => {
    const res = await put({ consent: { marketing: false }, quietHours: { start: '22:00', end: '07:30' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      consent: { service: true, marketing: false },
      quietHours: { start: '22:00', end: '07:30' },
      overridden: ['consent.marketing', 'quietHours'],
      updatedBy: 'admin-care',
      updatedAt: '2026-06-01T01:00:00.000Z',
      version: 1,
    });
    expect(res.headers.get('etag')).toBe('"1"');

    const second = await put({ preferredChannel: 'email', language: 'en' });
    expect(second.body).toMatchObject({
      preferredChannel: 'email',
      language: 'en',
      consent: { service: true, marketing: false },
      overridden: ['preferredChannel', 'language', 'consent.marketing', 'quietHours'],
      version: 2,
    });

    await importFile(customerLine({ tier: 'platinum' }));
    const read = await api(cloud, url, { headers: asAdmin() });
    expect(read.body).toMatchObject({ preferredChannel: 'email', consent: { marketing: false }, version: 2 });

    const cleared = await put({ quietHours: null });
    expect(cleared.body).toMatchObject({
      quietHours: null,
      overridden: ['preferredChannel', 'language', 'consent.marketing'],
    });
  });

  it('checks If-Match when sent: a stale ETag is 412, the current one is taken', async () => {
    const current = await api(cloud, url, { headers: asAdmin() });
    const etag = current.headers.get('etag')!;
    expectProblem(await put({ language: 'zh-CN' }, { 'if-match': '"0"' }), 412);
    const ok = await put({ language: 'zh-CN' }, { 'if-match': etag });
    expect(ok.status).toBe(200);
    expectProblem(await put({ language: 'en' }, { 'if-match': etag }), 412);
    expectProblem(await put({ language: 'en' }, { 'if-match': 'yesterday' }), 400);
  });

  it('answers 400 with every field error, 404 for an unknown customer, 401/403 for non-admins', async () => {
    const bad = await put({
      preferredChannel: 'fax',
      timeZone: 'Mars/Olympus',
      quietHours: { start: '25:00' },
      colour: 'red',
    });
    expectProblem(bad, 400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'body.colour',
      'body.preferredChannel',
      'body.quietHours.end',
      'body.quietHours.start',
      'body.timeZone',
    ]);
    expectProblem(await api(cloud, '/v1/customers/NOBODY/preferences', { headers: asAdmin() }), 404);
    expectProblem(
      await api(cloud, '/v1/customers/NOBODY/preferences', {
        method: 'PUT',
        headers: asAdmin(),
        json: { language: 'en' },
      }),
      404,
    );
    expectProblem(await api(cloud, '/v1/customers/bad%20id/preferences', { headers: asAdmin() }), 400);
    expectProblem(await api(cloud, url), 401);
    for (const role of ['agent', 'lead']) {
      expectProblem(await api(cloud, url, { headers: { authorization: `Bearer ${tokens[role]}` } }), 403);
      expectProblem(
        await api(cloud, url, {
          method: 'PUT',
          headers: { authorization: `Bearer ${tokens[role]}` },
          json: { language: 'en' },
        }),
        403,
      );
    }
  });

  it('moves the customer to the new time zone in every date index, and only there', async () => {
    const before = {
      bday: await indexSortKeys('gsi1', birthdayPartition('03-02')),
      due: await indexSortKeys('gsi2', premiumDuePartition('2026-12-05')),
      anniv: await indexSortKeys('gsi3', anniversaryPartition('05-10')),
      contact: await indexSortKeys('gsi4', lastContactPartition('2026-01-15')),
      roster: await indexSortKeys('gsi5', rosterPartition('Asia/Shanghai')),
    };
    expect(before.bday).toContain('Asia/Shanghai#C0001');
    expect(before.due).toContain('Asia/Shanghai#C0001#P2024000123');
    expect(before.roster).toContain('1958-03-02#C0001');
    // the NPS and health indexes' sort keys start with the zone (no score yet: the sentinels)
    expect(await indexSortKeys('gsi9', npsPartition())).toContain('Asia/Shanghai#C0001');
    expect(await indexSortKeys('gsi10', healthPartition())).toContain('Asia/Shanghai#C0001');

    const res = await put({ timeZone: 'Europe/London' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      timeZone: 'Europe/London',
      overridden: expect.arrayContaining(['timeZone']),
    });

    const onlyNew = (keys: string[], customerKey: string) => {
      expect(keys).toContain(`Europe/London#${customerKey}`);
      expect(keys).not.toContain(`Asia/Shanghai#${customerKey}`);
    };
    onlyNew(await indexSortKeys('gsi1', birthdayPartition('03-02')), 'C0001');
    onlyNew(await indexSortKeys('gsi2', premiumDuePartition('2026-12-05')), 'C0001#P2024000123');
    onlyNew(await indexSortKeys('gsi3', anniversaryPartition('05-10')), 'C0001#P2024000123');
    onlyNew(await indexSortKeys('gsi4', lastContactPartition('2026-01-15')), 'C0001');
    onlyNew(await indexSortKeys('gsi9', npsPartition()), 'C0001');
    onlyNew(await indexSortKeys('gsi10', healthPartition()), 'C0001');
    expect(await indexSortKeys('gsi5', rosterPartition('Europe/London'))).toContain('1958-03-02#C0001');
    expect(await indexSortKeys('gsi5', rosterPartition('Asia/Shanghai'))).not.toContain('1958-03-02#C0001');

    const zones = await cloud.dynamo.send(
      new QueryCommand({
        TableName: cloud.tableNames.Customers,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: timeZonesKey.pk } },
      }),
    );
    expect(zones.Items?.[0]?.zones?.SS).toEqual(expect.arrayContaining(['Asia/Shanghai', 'Europe/London']));

    // a re-import with a changed line keeps the customer's zone (the import writes under it)
    await importFile(customerLine({ tier: 'silver' }));
    onlyNew(await indexSortKeys('gsi3', anniversaryPartition('05-10')), 'C0001#P2024000123');
    onlyNew(await indexSortKeys('gsi1', birthdayPartition('03-02')), 'C0001');
    onlyNew(await indexSortKeys('gsi9', npsPartition()), 'C0001');
    onlyNew(await indexSortKeys('gsi10', healthPartition()), 'C0001');
  });
});
