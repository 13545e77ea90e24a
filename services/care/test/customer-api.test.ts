/**
 * The admin customer routes on the local cloud: NDJSON import (line-numbered rejections, 413 for
 * too many lines, 415 for another media type, 400 when no line is valid, 401/403 for everyone but
 * an admin), and preferences (effective values, overrides, merge, If-Match, 404, 400 with every
 * field error) including a time zone change moving the customer in every date index; the end of a
 * customer's relationship from the policies' end dates, and the retention end it gives their items;
 * `customer.relationship-changed` published with the import's write when the end moves, and the
 * customer's complaint links and article claims following the profile's end (redelivered or late
 * events included), those written after the end carrying it from the start.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo, GetCommand, PutCommand, tableName } from '#shared/aws/dynamo';
import { articleClaimKey, readerPartition } from '#shared/tables/campaigns';
import {
  anniversaryPartition,
  birthdayPartition,
  complaintLinkKey,
  customerItemsPartition,
  customerLookupKey,
  customerProfileKey,
  healthPartition,
  isComplaintLinkKey,
  isPolicyKey,
  lastContactPartition,
  npsPartition,
  policyKey,
  premiumDuePartition,
  rosterPartition,
  timeZonesKey,
} from '#shared/tables/customers';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { publishEnvelope } from '../../../test/support/bus';
import { api, partition, startTestCloud } from '../../../test/support/local-cloud';
import { periodRule } from '../../privacy/domain/retention-rules';
import { announceRelationshipEnds } from '../adapters/announce-relationship-ends';
import { dynamoCampaignStore } from '../adapters/dynamo-campaign-store';
import { setComplaintOpen } from '../adapters/dynamo-care-records';
import { dynamoRelationshipRecords } from '../adapters/dynamo-relationship-records';
import { dynamoCandidateSource } from '../adapters/dynamo-segment-members';
import { type CampaignDefinition, campaignCatalog } from '../domain/campaign-definitions';
import { decide } from '../domain/campaign-planner';
import { newArticle } from '../domain/knowledge/articles';
import type { SegmentProfileItem } from '../domain/segments/segment-members';
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

describe('customer.relationship-changed: the records naming the customer follow the end', () => {
  const CUSTOMER = 'C0510';
  const policy = (status: string, endDate?: string) => ({
    policyNumber: 'P2016000510',
    product: 'term-life',
    startDate: '2016-01-01',
    status,
    ...(endDate ? { endDate } : {}),
  });
  const line = (...policies: ReturnType<typeof policy>[]) =>
    customerLine({ customerId: CUSTOMER, phone: '13900139510', policies });
  type Changed = { id: string; type: string; data: { customerId: string; endedAt: string | null } };
  /** The customer's events, oldest first, each once (the test redelivers some). */
  const changes = async (customerId = CUSTOMER) =>
    (
      (await api(cloud, '/dev/events?type=customer.relationship-changed&limit=1000')).body.events as {
        detail: Changed;
      }[]
    )
      .map((e) => e.detail)
      .filter((e) => e.data.customerId === customerId)
      .reverse()
      .filter((e, i, all) => all.findIndex((other) => other.id === e.id) === i);
  const importAndSettle = async (body: string) => {
    const res = await importFile(body);
    await cloud.settle();
    return res.body;
  };
  /** Each complaint link and article claim of the customer: its end and expiry. */
  const records = async () => [
    ...(await partition(cloud, 'Customers', customerItemsPartition(CUSTOMER)))
      .filter((item) => isComplaintLinkKey(item.sk))
      .map((item) => ['Customers', 'complaint-link', item.sk, item.relationshipEndedAt, item.expiresAt]),
    ...(await partition(cloud, 'Campaigns', readerPartition(CUSTOMER))).map((item) => [
      'Campaigns',
      'article-claim',
      item.sk,
      item.relationshipEndedAt,
      item.expiresAt,
    ]),
  ];
  /** What every record should carry once it follows an end on `day` (nothing for undefined). */
  const following = async (day: string | undefined) =>
    (await records()).map(([table, kind, sk]) => [
      table,
      kind,
      sk,
      day,
      day === undefined
        ? undefined
        : Date.parse(`${day}T00:00:00Z`) / 1000 + periodRule(String(table), String(kind)).days * 86_400,
    ]);
  const claimArticle = async (articleId: string) =>
    dynamo().send(
      new PutCommand({
        TableName: tableName('Campaigns'),
        Item: {
          ...articleClaimKey(CUSTOMER, articleId),
          kind: 'article-claim',
          articleId,
          customerId: CUSTOMER,
          dedupeKey: `knowledge#2026-05-04#${CUSTOMER}`,
          campaignId: 'knowledge',
          claimedAt: '2026-05-04T01:00:00.000Z',
        },
      }),
    );

  it('publishes the end with the import’s write when it moves, and the links and claims follow it', async () => {
    expect(await importAndSettle(line(policy('in-force')))).toMatchObject({ created: 1 });
    // a new customer whose relationship goes on: nothing moved
    expect(await changes()).toEqual([]);
    expect(await setComplaintOpen(CUSTOMER, '01JLINK0510A000000000000000', true, 1)).toBe(true);
    expect(await setComplaintOpen(CUSTOMER, '01JLINK0510B000000000000000', false, 4)).toBe(true);
    await claimArticle('kb-001-claims-guide');
    expect(await records()).toHaveLength(3);
    expect(await records()).toEqual(await following(undefined));

    expect(await importAndSettle(line(policy('lapsed', '2025-12-31')))).toMatchObject({ updated: 1 });
    const [ended] = await changes();
    expect(ended?.data).toEqual({
      customerId: CUSTOMER,
      endedAt: '2025-12-31',
      expiresAt:
        Date.parse('2025-12-31T00:00:00Z') / 1000 + periodRule('Customers', 'customer').days * 86_400,
    });
    expect(await records()).toEqual(await following('2025-12-31'));

    // the same line again moves nothing and publishes nothing
    expect(await importAndSettle(line(policy('lapsed', '2025-12-31')))).toMatchObject({ unchanged: 1 });
    expect(await changes()).toHaveLength(1);
    // another line with the same end (a changed tier) publishes nothing either
    expect(
      await importAndSettle(
        customerLine({
          customerId: CUSTOMER,
          phone: '13900139510',
          tier: 'silver',
          policies: [policy('lapsed', '2025-12-31')],
        }),
      ),
    ).toMatchObject({ updated: 1 });
    expect(await changes()).toHaveLength(1);

    // a later end date (a corrected feed) moves it
    expect(await importAndSettle(line(policy('surrendered', '2026-03-31')))).toMatchObject({ updated: 1 });
    expect((await changes()).map((e) => e.data.endedAt)).toEqual(['2025-12-31', '2026-03-31']);
    expect(await records()).toEqual(await following('2026-03-31'));

    // the older event delivered again (or late) does not put its end back: the profile's is read
    await redeliver(ended!);
    expect(await records()).toEqual(await following('2026-03-31'));

    // a link and a claim written after the end carry it from the start
    expect(await setComplaintOpen(CUSTOMER, '01JLINK0510C000000000000000', true, 1)).toBe(true);
    await planArticle('kb-002-after-the-end');
    expect(await records()).toHaveLength(5);
    expect(await records()).toEqual(await following('2026-03-31'));

    // a policy back in force: the end is gone from every record, the new ones too
    expect(await importAndSettle(line(policy('in-force')))).toMatchObject({ updated: 1 });
    expect((await changes()).map((e) => e.data)).toEqual([
      expect.objectContaining({ endedAt: '2025-12-31' }),
      expect.objectContaining({ endedAt: '2026-03-31' }),
      { customerId: CUSTOMER, endedAt: null, expiresAt: null },
    ]);
    expect(await records()).toEqual(await following(undefined));
    // a claim released (or a link erased) while a pass runs is not written back by it
    await dynamoRelationshipRecords.setEnd(
      { kind: 'article-claim', key: articleClaimKey(CUSTOMER, 'kb-003-released') },
      { relationshipEndedAt: '2026-03-31', expiresAt: 2_090_534_400 },
    );
    expect(await records()).toHaveLength(5);
    // and an event of the ended relationship arriving late finds it going on
    await redeliver(ended!);
    expect(await records()).toEqual(await following(undefined));
    expect(await setComplaintOpen(CUSTOMER, '01JLINK0510C000000000000000', false, 2)).toBe(true);
    expect(await records()).toEqual(await following(undefined));
  });

  it('publishes for a new customer whose relationship has ended, and fits a line replacing 40 policies', async () => {
    const policies = (prefix: string, status: string) =>
      Array.from({ length: 40 }, (_, i) => ({
        policyNumber: `P${prefix}${String(i).padStart(6, '0')}`,
        product: 'term-life',
        startDate: '2010-01-01',
        status,
        ...(status === 'in-force' ? {} : { endDate: '2024-06-30' }),
      }));
    const customer = (list: unknown[]) =>
      customerLine({ customerId: 'C0511', phone: '13900139511', policies: list });
    expect(await importAndSettle(customer(policies('2010', 'matured')))).toMatchObject({ created: 1 });
    expect((await changes('C0511')).map((e) => e.data.endedAt)).toEqual(['2024-06-30']);
    // 40 policies dropped and 40 others written, with the event: more than one transaction holds
    expect(await importAndSettle(customer(policies('2011', 'in-force')))).toMatchObject({
      updated: 1,
      rejected: [],
    });
    expect((await changes('C0511')).map((e) => e.data.endedAt)).toEqual(['2024-06-30', null]);
    const held = (await partition(cloud, 'Customers', customerItemsPartition('C0511')))
      .map((item) => String(item.sk))
      .filter(isPolicyKey);
    expect(held.sort()).toEqual(
      policies('2011', 'in-force').map((p) => policyKey('C0511', p.policyNumber).sk),
    );
  });

  it('announces the ends the import wrote before anything followed them (npm run customers:announce-ends)', async () => {
    const ended = customerLine({
      customerId: 'C0512',
      phone: '13900139512',
      policies: [{ ...policy('lapsed', '2024-09-30'), policyNumber: 'P2016000512' }],
    });
    expect(await importAndSettle(ended)).toMatchObject({ created: 1 });
    // a link written before the end had followers, as the release before this one left it
    const link = complaintLinkKey('C0512', '01JLINK0512A');
    await dynamo().send(
      new PutCommand({
        TableName: tableName('Customers'),
        Item: { ...link, kind: 'complaint-link', complaintId: '01JLINK0512A', open: false, version: 3 },
      }),
    );
    const announcedBefore = (await changes('C0512')).length;
    const { announced } = await announceRelationshipEnds();
    expect(announced).toBeGreaterThanOrEqual(1);
    await cloud.settle();
    expect((await changes('C0512')).length).toBe(announcedBefore + 1);
    const stored = await dynamo().send(
      new GetCommand({ TableName: tableName('Customers'), Key: link, ConsistentRead: true }),
    );
    expect(stored.Item).toMatchObject({
      relationshipEndedAt: '2024-09-30',
      expiresAt:
        Date.parse('2024-09-30T00:00:00Z') / 1000 + periodRule('Customers', 'complaint-link').days * 86_400,
    });
  });

  /** Puts the event on the bus again, as a redelivery or a replay from the archive would. */
  async function redeliver(event: Changed) {
    await publishEnvelope(cloud, event);
    await cloud.settle();
  }

  /**
   * A content campaign's decision for the customer, made as the planner makes it: from the profile
   * the segment index gives (the whole item), recorded with the planner's store.
   */
  async function planArticle(articleId: string) {
    const birthDate = '1958-03-02'; // customerLine's
    const member: SegmentProfileItem[] = [];
    for await (const page of dynamoCandidateSource.pages(
      {
        index: 'gsi5',
        partition: rosterPartition('Asia/Shanghai'),
        between: [`${birthDate}#${CUSTOMER}`, `${birthDate}#${CUSTOMER}`],
      },
      cloud.clock.now(),
    ))
      member.push(...page.items);
    expect(member).toHaveLength(1);
    const occasion = { date: '2026-06-01', timeZone: 'Asia/Shanghai' };
    const definition: CampaignDefinition = {
      id: 'knowledge-ended',
      title: 'Knowledge',
      consent: 'service',
      holdWhileComplaintOpen: false,
      enabled: true,
      audience: { kind: 'knowledge', segmentId: '01JEXAMPLE0000000000000000', cadence: 'weekly' },
      content: {
        'zh-CN': { headline: '{{articleTitle}}', body: '{{articleSummary}}' },
        en: { headline: '{{articleTitle}}', body: '{{articleSummary}}' },
      },
    };
    const article = newArticle(
      articleId,
      {
        topic: 'insurance-knowledge',
        productTags: [],
        content: {
          'zh-CN': { title: '标题', summary: '摘要', body: '正文' },
          en: { title: 'Title', summary: 'Summary', body: 'Body' },
        },
      },
      'seed',
      new Date('2026-05-01T00:00:00Z'),
    );
    const decisions = decide(
      campaignCatalog,
      definition,
      occasion,
      [{ profile: member[0]!, articlesHad: new Set() }],
      [article],
    );
    expect(decisions).toEqual([expect.objectContaining({ outcome: 'planned', articleId })]);
    const header = {
      campaignId: definition.id,
      campaignVersion: campaignCatalog.version,
      runId: `${occasion.date}#${occasion.timeZone}`,
      occasion,
      audience: 1,
      plannedAt: '2026-06-01T01:00:00.000Z',
    };
    await dynamoCampaignStore.openRun(header);
    await dynamoCampaignStore.recordDecisions(header, decisions);
    await cloud.settle();
  }
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
