/**
 * Campaign authoring on the local cloud: the shipped campaigns seeded as active version 1; a draft
 * answered with its texts rendered; approval refused to the draft's author (403) and given by a
 * second admin; the hourly planner running approved, active versions only (not a draft, not while
 * paused, the old version until the new one is approved); every version kept; retire final; bad
 * input with every field error; agents refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignVersionPartition } from '#shared/tables/campaigns';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, partition, startTestCloud } from '../../../test/support/local-cloud';
import { campaignCatalog } from '../domain/campaign-definitions';
import { customerLine } from './care-fixtures';

const CAMPAIGN = 'gold-monthly-note';
const draft = (headline: string) => ({
  id: CAMPAIGN,
  title: 'Monthly note to gold customers',
  consent: 'marketing',
  holdWhileComplaintOpen: true,
  audience: { kind: 'tier-outreach', tiers: ['gold'], cadence: 'monthly' },
  content: {
    'zh-CN': { headline: `{{name}}，${headline}`, body: '本月健康小贴士：多喝水。' },
    en: { headline: `{{name}}, ${headline}`, body: 'This month: drink more water.' },
  },
});

let cloud: LocalCloud;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  cloud = await startTestCloud(topology);
  for (const [sub, role] of [
    ['admin-author', 'admin'],
    ['admin-approver', 'admin'],
    ['agent-care', 'agent'],
  ] as const) {
    const res = await api(cloud, '/dev/token', {
      method: 'POST',
      json: { sub, role, ...(role === 'agent' ? { team: 'claims' } : {}) },
    });
    tokens[sub] = res.body.token as string;
  }
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-20T02:00:00Z' } });
  const imported = await api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${tokens['admin-author']}` },
    body: customerLine({ customerId: 'AUTH-GOLD', tier: 'gold', policies: [], birthDate: '1970-03-03' }),
  });
  expect(imported.body).toMatchObject({ created: 1 });
});
afterAll(async () => {
  await cloud?.stop();
});

const as = (sub: string) => ({ authorization: `Bearer ${tokens[sub]}` });
const post = (path: string, sub: string, json?: unknown) =>
  api(cloud, path, { method: 'POST', headers: as(sub), ...(json === undefined ? {} : { json }) });

type CareEvent = { detail: { data: Record<string, unknown> } };
async function notes(): Promise<{ campaignVersion: string; headline: string; occasionDate: string }[]> {
  const events = (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body
    .events as CareEvent[];
  return events
    .map((e) => e.detail.data)
    .filter((d) => d.campaignId === CAMPAIGN)
    .map((d) => ({
      campaignVersion: d.campaignVersion as string,
      occasionDate: d.occasionDate as string,
      headline: (d.content as Record<string, { headline: string }>)['zh-CN']!.headline,
    }));
}

/** 08:59 in Shanghai on the 1st, then two minutes on: the hourly planner runs at 09:00. */
async function firstOfMonthAtNine(month: string) {
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: `2026-${month}-01T00:59:00Z` } });
  await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'PT2M' } });
  await cloud.settle();
}

function expectProblem(res: { status: number; headers: Headers }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

describe('campaign authoring with four eyes', () => {
  it('seeds the shipped campaigns as active version 1, approved by the seed', async () => {
    const res = await api(cloud, '/v1/campaigns', { headers: as('admin-author') });
    expect(res.status).toBe(200);
    const campaigns = res.body.campaigns as {
      id: string;
      status: string;
      activeVersion: number;
      enabled: boolean;
    }[];
    expect(campaigns.map((c) => c.id).sort()).toEqual(campaignCatalog.campaigns.map((c) => c.id).sort());
    for (const shipped of campaignCatalog.campaigns) {
      const listed = campaigns.find((c) => c.id === shipped.id)!;
      expect(listed).toMatchObject({ activeVersion: 1, enabled: shipped.enabled });
      expect(listed.status).toBe(shipped.enabled ? 'active' : 'paused');
    }
    const versions = await partition(cloud, 'Campaigns', campaignVersionPartition('birthday'));
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, authoredBy: 'seed', approvedBy: 'seed' });
  });

  it('refuses a draft with every field error, and agents', async () => {
    const bad = await post('/v1/campaigns', 'admin-author', {
      ...draft('x'),
      id: 'Bad Id',
      holdWhileComplaintOpen: false,
      content: { 'zh-CN': { headline: '{{name', body: '' } },
    });
    expectProblem(bad, 400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'body.content.en',
      'body.content.zh-CN.body',
      'body.content.zh-CN.headline',
      'body.holdWhileComplaintOpen',
      'body.id',
    ]);
    expectProblem(await post('/v1/campaigns', 'agent-care', draft('x')), 403);
    expectProblem(await post(`/v1/campaigns/birthday/pause`, 'agent-care'), 403);
    expectProblem(await post(`/v1/campaigns/birthday/launch`, 'admin-author'), 400);
    expectProblem(await post(`/v1/campaigns/no-such-campaign/approve`, 'admin-author'), 404);
  });

  it('runs a campaign only once a second admin approves it, only while active, each version as approved', async () => {
    const written = await post('/v1/campaigns', 'admin-author', draft('本月问候'));
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({
      campaignId: CAMPAIGN,
      status: 'draft',
      latestVersion: 1,
      pendingVersion: 1,
    });
    // the live preview: the texts as a sample customer reads them
    expect(written.body.preview).toMatchObject({
      'zh-CN': { headline: '张三，本月问候' },
      en: { headline: 'Zhang San, 本月问候', body: 'This month: drink more water.' },
    });

    // a draft never runs
    await firstOfMonthAtNine('07');
    expect(await notes()).toEqual([]);

    const ownApproval = await post(`/v1/campaigns/${CAMPAIGN}/approve`, 'admin-author');
    expectProblem(ownApproval, 403);
    expect(ownApproval.body.detail).toMatch(/second admin/);
    const approved = await post(`/v1/campaigns/${CAMPAIGN}/approve`, 'admin-approver');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', activeVersion: 1, updatedBy: 'admin-approver' });
    expect(approved.body).not.toHaveProperty('pendingVersion');
    expectProblem(await post(`/v1/campaigns/${CAMPAIGN}/approve`, 'admin-approver'), 409);

    await firstOfMonthAtNine('08');
    expect(await notes()).toEqual([
      { campaignVersion: 'v1', occasionDate: '2026-08-01', headline: '李四，本月问候' },
    ]);

    // a new version waits for its approval; the campaign paused sends nothing meanwhile
    expect((await post('/v1/campaigns', 'admin-approver', draft('九月问候'))).body).toMatchObject({
      status: 'active',
      activeVersion: 1,
      pendingVersion: 2,
    });
    expect((await post(`/v1/campaigns/${CAMPAIGN}/pause`, 'admin-author')).body).toMatchObject({
      status: 'paused',
    });
    expectProblem(await post(`/v1/campaigns/${CAMPAIGN}/pause`, 'admin-author'), 409);
    await firstOfMonthAtNine('09');
    expect(await notes()).toHaveLength(1);

    expect((await post(`/v1/campaigns/${CAMPAIGN}/resume`, 'admin-author')).body).toMatchObject({
      status: 'active',
    });
    await firstOfMonthAtNine('10');
    expect((await notes()).at(-1)).toEqual({
      campaignVersion: 'v1',
      occasionDate: '2026-10-01',
      headline: '李四，本月问候',
    });

    expectProblem(await post(`/v1/campaigns/${CAMPAIGN}/approve`, 'admin-approver'), 403);
    expect((await post(`/v1/campaigns/${CAMPAIGN}/approve`, 'admin-author')).body).toMatchObject({
      status: 'active',
      activeVersion: 2,
    });
    await firstOfMonthAtNine('11');
    expect((await notes()).at(-1)).toEqual({
      campaignVersion: 'v2',
      occasionDate: '2026-11-01',
      headline: '李四，九月问候',
    });

    // every version kept, with who wrote and who approved it
    const versions = await partition(cloud, 'Campaigns', campaignVersionPartition(CAMPAIGN));
    expect(versions.map((v) => [v.version, v.authoredBy, v.approvedBy])).toEqual([
      [1, 'admin-author', 'admin-approver'],
      [2, 'admin-approver', 'admin-author'],
    ]);
  });

  it('retires for good: no action and no new draft afterwards', async () => {
    const retired = await post(`/v1/campaigns/${CAMPAIGN}/retire`, 'admin-approver');
    expect(retired.body).toMatchObject({ status: 'retired' });
    expectProblem(await post(`/v1/campaigns/${CAMPAIGN}/resume`, 'admin-author'), 409);
    expectProblem(await post('/v1/campaigns', 'admin-author', draft('again')), 409);
    await firstOfMonthAtNine('12');
    expect(await notes()).toHaveLength(3);
  });
});
