/**
 * Knowledge content on the local cloud (one cloud): the article routes (happy path, every field
 * error, 404, If-Match, roles); a weekly content campaign over a segment, authored with four eyes,
 * sending each member the next article they have not had at 09:00 on Mondays — a rerun sends
 * nothing, the next Monday the next article, never a repeat; a message the frequency cap
 * suppresses leaves its article unsent, so the next Monday offers it again.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBridge } from '#shared/aws/clients';
import type { CareMessageRequested } from '#shared/contracts/care-message';
import { EVENT_SOURCE } from '#shared/contracts/events/index';
import { newId } from '#shared/ids';
import { readerPartition } from '#shared/tables/campaigns';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, partition, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { changeSettings } from '../../../test/support/settings';
import { smsTo } from '../../notify/test/mailbox';
import { customerLine } from './care-fixtures';

const CAMPAIGN = 'risk-notes-weekly';
/** Mondays at 09:00 in Shanghai (01:00 UTC). */
const MONDAYS = ['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28'];

const policy = (n: string, product: string) => ({
  policyNumber: `PK2026${n}`,
  product,
  startDate: '2022-03-15',
  premiumDueDate: '2027-03-15',
  premiumAmount: 3000,
  status: 'in-force',
});
/** Platinum members: a medical and an annuity holder; a gold customer outside the segment. */
const customers = [
  { customerId: 'KN-MED', phone: '13700000001', tier: 'platinum', policies: [policy('01', 'medical')] },
  { customerId: 'KN-ANN', phone: '13700000002', tier: 'platinum', policies: [policy('02', 'annuity')] },
  { customerId: 'KN-OUT', phone: '13700000003', tier: 'gold', policies: [policy('03', 'annuity')] },
];

const article = (title: string, productTags: string[] = []) => ({
  topic: 'risk-management',
  productTags,
  content: {
    'zh-CN': { title: `${title}（中文）`, summary: `${title} 摘要`, body: `${title} 正文` },
    en: { title, summary: `${title} in short`, body: `${title} in full` },
  },
  linkUrl: `https://care.example.com/knowledge/${title.toLowerCase().replaceAll(' ', '-')}`,
});

let cloud: LocalCloud;
const roles = {
  'admin-author': 'admin',
  'admin-approver': 'admin',
  'lead-care': 'lead',
  'agent-care': 'agent',
} as const;
beforeAll(async () => {
  // 2 in 8 days rather than 7: last Monday's article is then well inside the window, never at its edge
  changeSettings({ CARE_FREQUENCY_CAP: '2/P8D' });
  cloud = await startTestCloud(topology);
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-12-06T02:00:00Z' } });
  const imported = await api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...(await as('admin-author')) },
    body: customers
      .map((c) => customerLine({ ...c, birthDate: '1970-05-20', lastContactAt: '2026-11-20T02:00:00Z' }))
      .join('\n'),
  });
  expect(imported.body).toMatchObject({ created: customers.length });
});
afterAll(async () => {
  await cloud?.stop();
  changeSettings({ CARE_FREQUENCY_CAP: undefined });
});

/** A token issued now: the test's clock runs weeks ahead, past any token's lifetime. */
async function as(sub: keyof typeof roles) {
  const role = roles[sub];
  const res = await api(cloud, '/dev/token', {
    method: 'POST',
    json: { sub, role, ...(role === 'admin' ? {} : { team: 'claims' }) },
  });
  return { authorization: `Bearer ${res.body.token as string}` };
}
const call = async (
  method: string,
  path: string,
  sub: keyof typeof roles,
  json?: unknown,
  headers: Record<string, string> = {},
) =>
  api(cloud, path, {
    method,
    headers: { ...(await as(sub)), ...headers },
    ...(json === undefined ? {} : { json }),
  });

function expectProblem(res: { status: number; headers: Headers }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

async function atNine(date: string) {
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: `${date}T00:59:00Z` } });
  await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'PT2M' } });
  await cloud.settle();
}

type Requested = { customerId: string; occasionDate: string; title: string; dedupeKey: string };
/** The campaign's messages, oldest first, with the (English) article title each carries. */
async function requested(): Promise<Requested[]> {
  const events = (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body.events as {
    detail: { data: CareMessageRequested };
  }[];
  return events
    .map((e) => e.detail.data)
    .filter((d) => d.campaignId === CAMPAIGN)
    .map((d) => ({
      customerId: d.customerId,
      occasionDate: d.occasionDate,
      title: d.content.en!.headline,
      dedupeKey: d.dedupeKey,
    }))
    .sort((a, b) => a.occasionDate.localeCompare(b.occasionDate) || a.customerId.localeCompare(b.customerId));
}

async function outcomeOf(dedupeKey: string): Promise<{ type: string; reason?: string }> {
  return waitFor(async () => {
    for (const type of ['notification.sent', 'notification.suppressed', 'notification.failed']) {
      const events = (await api(cloud, `/dev/events?type=${type}&limit=1000`)).body.events as {
        detail: { data: { dedupeKey?: string; reason?: string } };
      }[];
      const found = events.find((e) => e.detail.data.dedupeKey === dedupeKey);
      if (found) return { type, ...(found.detail.data.reason ? { reason: found.detail.data.reason } : {}) };
    }
    return undefined;
  }, `outcome of ${dedupeKey}`);
}

/** Article ids the customer holds a claim on (planned or sent). */
const claims = async (customerId: string) =>
  (await partition(cloud, 'Campaigns', readerPartition(customerId))).map((c) => c.articleId).sort();

let segmentId = '';
/** The campaign's articles in library order (English titles). */
let series: { articleId: string; title: string; productTags: string[] }[] = [];

describe('knowledge articles', () => {
  it('lists the shipped articles, and lets an admin add and change one (If-Match)', async () => {
    const listed = await call('GET', '/v1/articles', 'lead-care');
    expect(listed.status).toBe(200);
    const shipped = listed.body.articles as { articleId: string; topic: string; createdBy: string }[];
    expect(shipped.map((a) => a.articleId)).toContain('kb-003-home-fire-safety');
    expect(new Set(shipped.map((a) => a.createdBy))).toEqual(new Set(['seed']));

    await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'PT1M' } }); // after the seed
    const created = await call('POST', '/v1/articles', 'admin-author', article('Flood ready'));
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const id = created.body.articleId as string;
    expect(created.headers.get('location')).toBe(`/v1/articles/${id}`);
    expect((await call('GET', `/v1/articles/${id}`, 'lead-care')).body).toMatchObject({
      articleId: id,
      version: 1,
      topic: 'risk-management',
      productTags: [],
      createdBy: 'admin-author',
    });

    const stale = await call('PUT', `/v1/articles/${id}`, 'admin-approver', article('Flood ready'), {
      'if-match': '"7"',
    });
    expectProblem(stale, 412);
    const { linkUrl: _none, ...unlinked } = article('Flood ready');
    const changed = await call('PUT', `/v1/articles/${id}`, 'admin-approver', unlinked, {
      'if-match': '"1"',
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(changed.body).toMatchObject({
      version: 2,
      updatedBy: 'admin-approver',
      createdBy: 'admin-author',
    });
    expect(changed.body).not.toHaveProperty('linkUrl');

    await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'PT1M' } });
    const forAnnuities = await call(
      'POST',
      '/v1/articles',
      'admin-author',
      article('Outliving savings', ['annuity']),
    );
    expect(forAnnuities.status).toBe(201);
  });

  it('refuses bad input with every field error, an unknown article and the wrong roles', async () => {
    const bad = await call('POST', '/v1/articles', 'admin-author', {
      topic: 'gossip',
      productTags: ['cars'],
      content: { 'zh-CN': { title: '', summary: 'x', body: 'x' } },
      linkUrl: 'http://insecure.example.com/x',
    });
    expectProblem(bad, 400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'body.content.en',
      'body.content.zh-CN.title',
      'body.linkUrl',
      'body.productTags.0',
      'body.topic',
    ]);
    expectProblem(
      await call('PUT', '/v1/articles/kb-003-home-fire-safety', 'admin-author', { topic: 'x' }),
      400,
    );
    expectProblem(await call('GET', '/v1/articles/no-such-article', 'lead-care'), 404);
    expectProblem(await call('PUT', '/v1/articles/no-such-article', 'admin-author', article('x')), 404);
    expectProblem(await call('GET', '/v1/articles/not%20an%20id', 'lead-care'), 400);
    // leads read, admins write; agents neither
    expectProblem(await call('POST', '/v1/articles', 'lead-care', article('x')), 403);
    expectProblem(await call('PUT', '/v1/articles/kb-003-home-fire-safety', 'lead-care', article('x')), 403);
    expectProblem(await call('GET', '/v1/articles', 'agent-care'), 403);
    expectProblem(await call('GET', '/v1/articles/kb-003-home-fire-safety', 'agent-care'), 403);
  });
});

describe('a weekly content campaign', () => {
  it('is authored with four eyes, a bad rule refused with every field error', async () => {
    const segment = await call('POST', '/v1/segments', 'lead-care', {
      name: '白金客户',
      rules: { tiers: ['platinum'] },
    });
    expect(segment.status).toBe(201);
    segmentId = segment.body.segmentId as string;

    const listed = (await call('GET', '/v1/articles', 'lead-care')).body.articles as {
      articleId: string;
      topic: string;
      productTags: string[];
      content: { en: { title: string } };
    }[];
    series = listed
      .filter((a) => a.topic === 'risk-management')
      .map((a) => ({ articleId: a.articleId, title: a.content.en.title, productTags: a.productTags }));
    // the shipped fire-safety article, then the two added above, in the order they were written
    expect(series.map((a) => a.title)).toEqual([
      'Five steps to a fire-safe home',
      'Flood ready',
      'Outliving savings',
    ]);

    const draft = {
      id: CAMPAIGN,
      title: 'Risk notes every Monday',
      consent: 'marketing',
      holdWhileComplaintOpen: true,
      audience: { kind: 'knowledge', segmentId, cadence: 'weekly', topic: 'risk-management' },
      content: {
        // an SMS carries the body only: the title goes in it too
        'zh-CN': {
          headline: '{{articleTitle}}',
          body: '《{{articleTitle}}》{{articleSummary}}{{#articleLink}} 阅读全文：{{articleLink}}{{/articleLink}}',
        },
        en: {
          headline: '{{articleTitle}}',
          body: '{{articleTitle}}: {{articleSummary}}{{#articleLink}} Read more: {{articleLink}}{{/articleLink}}',
        },
      },
    };
    const bad = await call('POST', '/v1/campaigns', 'admin-author', {
      ...draft,
      audience: { kind: 'knowledge', segmentId: 'nope', cadence: 'daily', productTags: ['cars'] },
    });
    expectProblem(bad, 400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'body.audience.cadence',
      'body.audience.productTags.0',
      'body.audience.segmentId',
    ]);

    const unknownSegment = await call('POST', '/v1/campaigns', 'admin-author', {
      ...draft,
      audience: { ...draft.audience, segmentId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' },
    });
    expectProblem(unknownSegment, 400);
    expect(unknownSegment.body.errors).toEqual([
      { path: 'body.audience.segmentId', message: 'There is no segment 01JZZZZZZZZZZZZZZZZZZZZZZZ.' },
    ]);

    const written = await call('POST', '/v1/campaigns', 'admin-author', draft);
    expect(written.status).toBe(201);
    expect(written.body.preview).toMatchObject({ en: { headline: 'What is a waiting period?' } });
    expectProblem(await call('POST', `/v1/campaigns/${CAMPAIGN}/approve`, 'admin-author'), 403);
    expect((await call('POST', `/v1/campaigns/${CAMPAIGN}/approve`, 'admin-approver')).body).toMatchObject({
      status: 'active',
      activeVersion: 1,
    });
  });

  it('sends each member the first article on a Monday at 09:00, nothing on a rerun or a Tuesday', async () => {
    await atNine(MONDAYS[0]!);
    const first = await requested();
    expect(first.map((r) => [r.customerId, r.title])).toEqual([
      ['KN-ANN', series[0]!.title],
      ['KN-MED', series[0]!.title],
    ]);
    for (const r of first) expect((await outcomeOf(r.dedupeKey)).type).toBe('notification.sent');
    // the SMS carries the headline, the summary and the link
    const [sms] = smsTo(cloud, '13700000001');
    expect(sms?.messageBody).toContain('家庭防火五件事');
    expect(sms?.messageBody).toContain('https://care.example.com/knowledge/home-fire-safety');

    expect((await api(cloud, '/dev/schedules/care-campaign-planner/run', { method: 'POST' })).status).toBe(
      200,
    );
    await cloud.settle();
    await atNine('2026-12-08');
    expect(await requested()).toEqual(first);
    expect(await claims('KN-MED')).toEqual([series[0]!.articleId]);
  });

  it('sends the next article the next Monday, never a repeat, and nothing once a member has had all that suit them', async () => {
    await atNine(MONDAYS[1]!);
    const second = (await requested()).filter((r) => r.occasionDate === MONDAYS[1]);
    expect(second.map((r) => [r.customerId, r.title])).toEqual([
      ['KN-ANN', series[1]!.title],
      ['KN-MED', series[1]!.title],
    ]);
    for (const r of second) expect((await outcomeOf(r.dedupeKey)).type).toBe('notification.sent');
    expect(await claims('KN-MED')).toEqual([series[0]!.articleId, series[1]!.articleId].sort());
  });

  it('leaves an article the frequency cap suppressed unsent, and offers it again the next Monday', async () => {
    // another care message to the annuity holder on Saturday fills their cap with last Monday's article
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-12-19T02:00:00Z' } });
    const other = careMessage('KN-ANN', 'policy-note#2026-12-19#KN-ANN');
    await publish([other]);
    expect((await outcomeOf(other.dedupeKey)).type).toBe('notification.sent');

    await atNine(MONDAYS[2]!);
    const third = (await requested()).filter((r) => r.occasionDate === MONDAYS[2]);
    // the medical holder has had every article that suits them (the third is for annuities)
    expect(third.map((r) => [r.customerId, r.title])).toEqual([['KN-ANN', series[2]!.title]]);
    expect(await outcomeOf(third[0]!.dedupeKey)).toEqual({
      type: 'notification.suppressed',
      reason: 'frequency-cap',
    });
    await waitFor(
      async () => ((await claims('KN-ANN')).includes(series[2]!.articleId) ? undefined : true),
      'the capped article released',
    );
    const runs = (await call('GET', `/v1/campaigns/${CAMPAIGN}/runs`, 'admin-author')).body.runs as {
      runId: string;
      counts: Record<string, number>;
    }[];
    expect(runs.find((r) => r.runId === `${MONDAYS[2]}#Asia/Shanghai`)?.counts).toMatchObject({
      planned: 1,
      'suppressed_frequency-cap': 1,
    });

    await atNine(MONDAYS[3]!);
    const fourth = (await requested()).filter((r) => r.occasionDate === MONDAYS[3]);
    expect(fourth.map((r) => [r.customerId, r.title])).toEqual([['KN-ANN', series[2]!.title]]);
    expect((await outcomeOf(fourth[0]!.dedupeKey)).type).toBe('notification.sent');

    // over four Mondays: each article sent once to each member it suits, and to no one else
    const sent = smsTo(cloud, '13700000002').filter((m) =>
      series.some((a) => m.messageBody.includes(zh(a.title))),
    );
    expect(sent).toHaveLength(3);
    expect(smsTo(cloud, '13700000001')).toHaveLength(2);
    expect(smsTo(cloud, '13700000003')).toHaveLength(0);
    expect(await claims('KN-ANN')).toEqual(series.map((a) => a.articleId).sort());
  });
});

/** The Chinese title of a series article (the customers read Chinese). */
function zh(title: string): string {
  return title === 'Five steps to a fire-safe home' ? '家庭防火五件事' : `${title}（中文）`;
}

function careMessage(customerId: string, dedupeKey: string): CareMessageRequested {
  return {
    campaignId: 'policy-note',
    campaignVersion: 'test',
    runId: `2026-12-19#${dedupeKey}`,
    customerId,
    consent: 'service',
    dedupeKey,
    occasionDate: '2026-12-19',
    content: {
      'zh-CN': { headline: '保单提示', body: '您的保单信息已更新。' },
      en: { headline: 'Policy note', body: 'Your policy details were updated.' },
    },
    holdWhileComplaintOpen: false,
  };
}

async function publish(messages: CareMessageRequested[]) {
  const result = await eventBridge().send(
    new PutEventsCommand({
      Entries: messages.map((data) => ({
        EventBusName: process.env.EVENT_BUS_NAME,
        Source: EVENT_SOURCE,
        DetailType: 'care.message-requested',
        Detail: JSON.stringify({
          id: newId(),
          type: 'care.message-requested',
          version: 1,
          source: EVENT_SOURCE,
          occurredAt: cloud.clock.now().toISOString(),
          correlationId: `knowledge-test-${data.dedupeKey}`,
          data,
        }),
      })),
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
}
