/**
 * Campaign authoring on the local cloud: the shipped campaigns seeded as active version 1; a draft
 * answered with its texts rendered; approval refused to the draft's author (403) and given by a
 * second admin; the hourly planner running approved, active versions only (not a draft, not while
 * paused, the old version until the new one is approved); every version kept; retire final; bad
 * input with every field error; agents refused.
 */
import { DeleteItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignVersionPartition, segmentKey } from '#shared/tables/campaigns';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, partition, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { smsTo } from '../../notify/test/mailbox';
import { campaignCatalog } from '../domain/campaign-definitions';
import { customerLine } from './care-fixtures';

const CAMPAIGN = 'birthday-health-note';
let platinumSegment = '';
type Json = Record<string, unknown>;
const draft = (headline: string) => ({
  id: CAMPAIGN,
  title: 'A health note on the birthday',
  consent: 'marketing',
  holdWhileComplaintOpen: true,
  audience: { kind: 'birthday' },
  content: {
    'zh-CN': { headline: `{{name}}，${headline}`, body: '健康小贴士：多喝水。' },
    en: { headline: `{{name}}, ${headline}`, body: 'A health tip: drink more water.' },
  },
});
/** One customer per day: a birthday on 1, 2, 3 and 4 July, each day's planner run greets one. */
const birthdays = ['AUTH-1', 'AUTH-2', 'AUTH-3', 'AUTH-4'];

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
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-30T02:00:00Z' } });
  const imported = await api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${tokens['admin-author']}` },
    body: birthdays
      .map((customerId, i) =>
        customerLine({ customerId, phone: `1390000000${i}`, policies: [], birthDate: `1970-07-0${i + 1}` }),
      )
      .join('\n'),
  });
  expect(imported.body).toMatchObject({ created: birthdays.length });
});
afterAll(async () => {
  await cloud?.stop();
});

const as = (sub: string) => ({ authorization: `Bearer ${tokens[sub]}` });
const post = (path: string, sub: string, json?: unknown) =>
  api(cloud, path, { method: 'POST', headers: as(sub), ...(json === undefined ? {} : { json }) });

type CareEvent = { detail: { data: Record<string, unknown> } };
async function notes(): Promise<{ customerId: string; campaignVersion: string; headline: string }[]> {
  const events = (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body
    .events as CareEvent[];
  return (
    events
      .map((e) => e.detail.data)
      .filter((d) => d.campaignId === CAMPAIGN)
      .map((d) => ({
        customerId: d.customerId as string,
        campaignVersion: d.campaignVersion as string,
        headline: (d.content as Record<string, { headline: string }>)['zh-CN']!.headline,
      }))
      // one customer a day: by customer is by day (the bus lists newest first)
      .sort((a, b) => a.customerId.localeCompare(b.customerId))
  );
}

/** 08:59 in Shanghai on a July day, then two minutes on: the hourly planner runs at 09:00. */
async function julyAtNine(day: number) {
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: `2026-07-0${day}T00:59:00Z` } });
  await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'PT2M' } });
  await cloud.settle();
}
/** The planner again, the same hour (what it plans anew is what the last change allowed). */
async function planAgain() {
  expect((await api(cloud, '/dev/schedules/care-campaign-planner/run', { method: 'POST' })).status).toBe(200);
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
      content: { 'zh-CN': { headline: '{{name', body: '' } },
    });
    expectProblem(bad, 400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'body.content.en',
      'body.content.zh-CN.body',
      'body.content.zh-CN.headline',
      'body.id',
    ]);
    const unheld = await post('/v1/campaigns', 'admin-author', {
      ...draft('x'),
      holdWhileComplaintOpen: false,
    });
    expectProblem(unheld, 400);
    expect(unheld.body.errors).toEqual([
      {
        path: 'body.holdWhileComplaintOpen',
        message: 'Marketing campaigns must be held while a complaint is open',
      },
    ]);
    expectProblem(await post('/v1/campaigns', 'agent-care', draft('x')), 403);
    expectProblem(await post('/v1/campaigns/birthday/pause', 'agent-care'), 403);
    expectProblem(await post('/v1/campaigns/birthday/launch', 'admin-author'), 400);
    expectProblem(await post('/v1/campaigns/no-such-campaign/approve', 'admin-author'), 404);
  });

  it('runs a campaign only once a second admin approves it, only while active, each version as approved', async () => {
    const written = await post('/v1/campaigns', 'admin-author', draft('生日快乐'));
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({
      campaignId: CAMPAIGN,
      status: 'draft',
      latestVersion: 1,
      pendingVersion: 1,
    });
    // the live preview: the texts as a sample customer reads them
    expect(written.body.preview).toMatchObject({
      'zh-CN': { headline: '张三，生日快乐' },
      en: { headline: 'Zhang San, 生日快乐', body: 'A health tip: drink more water.' },
    });

    // 1 July: a draft never runs
    await julyAtNine(1);
    expect(await notes()).toEqual([]);

    const ownApproval = await post(`/v1/campaigns/${CAMPAIGN}/approve`, 'admin-author');
    expectProblem(ownApproval, 403);
    expect(ownApproval.body.detail).toMatch(/second admin/);
    const approved = await post(`/v1/campaigns/${CAMPAIGN}/approve`, 'admin-approver');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', activeVersion: 1, updatedBy: 'admin-approver' });
    expect(approved.body).not.toHaveProperty('pendingVersion');
    expectProblem(await post(`/v1/campaigns/${CAMPAIGN}/approve`, 'admin-approver'), 409);
    await planAgain();
    expect(await notes()).toEqual([
      { customerId: 'AUTH-1', campaignVersion: 'v1', headline: '李四，生日快乐' },
    ]);

    // 2 July: a new version waits for its approval; paused, the campaign sends nothing
    expect((await post('/v1/campaigns', 'admin-approver', draft('生日祝福'))).body).toMatchObject({
      status: 'active',
      activeVersion: 1,
      pendingVersion: 2,
    });
    expect((await post(`/v1/campaigns/${CAMPAIGN}/pause`, 'admin-author')).body).toMatchObject({
      status: 'paused',
    });
    expectProblem(await post(`/v1/campaigns/${CAMPAIGN}/pause`, 'admin-author'), 409);
    await julyAtNine(2);
    expect(await notes()).toHaveLength(1);
    expect((await post(`/v1/campaigns/${CAMPAIGN}/resume`, 'admin-author')).body).toMatchObject({
      status: 'active',
    });
    await planAgain();
    expect((await notes()).at(-1)).toEqual({
      customerId: 'AUTH-2',
      campaignVersion: 'v1',
      headline: '李四，生日快乐',
    });

    // 3 July: version 2, approved by the admin who did not write it
    expectProblem(await post(`/v1/campaigns/${CAMPAIGN}/approve`, 'admin-approver'), 403);
    expect((await post(`/v1/campaigns/${CAMPAIGN}/approve`, 'admin-author')).body).toMatchObject({
      status: 'active',
      activeVersion: 2,
    });
    await julyAtNine(3);
    expect((await notes()).at(-1)).toEqual({
      customerId: 'AUTH-3',
      campaignVersion: 'v2',
      headline: '李四，生日祝福',
    });

    // every version kept, with who wrote and who approved it
    const versions = await partition(cloud, 'Campaigns', campaignVersionPartition(CAMPAIGN));
    expect(versions.map((v) => [v.version, v.authoredBy, v.approvedBy])).toEqual([
      [1, 'admin-author', 'admin-approver'],
      [2, 'admin-approver', 'admin-author'],
    ]);
  });

  it('retires for good: no action, no new draft and no message afterwards', async () => {
    const retired = await post(`/v1/campaigns/${CAMPAIGN}/retire`, 'admin-approver');
    expect(retired.body).toMatchObject({ status: 'retired' });
    expectProblem(await post(`/v1/campaigns/${CAMPAIGN}/resume`, 'admin-author'), 409);
    expectProblem(await post('/v1/campaigns', 'admin-author', draft('again')), 409);
    await julyAtNine(4);
    expect((await notes()).map((n) => n.customerId)).toEqual(['AUTH-1', 'AUTH-2', 'AUTH-3']);
  });

  it('narrows an approved draft to its segment and sends on its channel; an unknown segment is a 400', async () => {
    // two birthdays on 5 July, one platinum (whose preferred channel is email)
    const imported = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', ...as('admin-author') },
      body: [
        customerLine({
          customerId: 'SEG-1',
          tier: 'platinum',
          preferredChannel: 'email',
          email: 'seg1@example.com',
          phone: '13900000051',
          policies: [],
          birthDate: '1970-07-05',
        }),
        customerLine({ customerId: 'SEG-2', phone: '13900000052', policies: [], birthDate: '1971-07-05' }),
      ].join('\n'),
    });
    expect(imported.body).toMatchObject({ created: 2 });
    const segment = await post('/v1/segments', 'admin-author', {
      name: 'Platinum',
      rules: { tiers: ['platinum'] },
    });
    expect(segment.status).toBe(201);
    platinumSegment = segment.body.segmentId as string;
    const platinum = {
      ...draft('生日快乐'),
      id: 'birthday-platinum',
      consent: 'service',
      holdWhileComplaintOpen: false,
      segmentId: segment.body.segmentId,
      channel: 'sms',
    };
    const unknown = await post('/v1/campaigns', 'admin-author', {
      ...platinum,
      segmentId: 'no-such-segment',
    });
    expectProblem(unknown, 400);
    expect((unknown.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['body.segmentId']);
    const badChannel = await post('/v1/campaigns', 'admin-author', { ...platinum, channel: 'fax' });
    expect((badChannel.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['body.channel']);

    expect((await post('/v1/campaigns', 'admin-author', platinum)).status).toBe(201);
    expect((await post('/v1/campaigns/birthday-platinum/approve', 'admin-approver')).status).toBe(200);
    // kept on the version
    const versions = await cloud.dynamo.send(
      new QueryCommand({
        TableName: cloud.tableNames.Campaigns,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: campaignVersionPartition('birthday-platinum') } },
      }),
    );
    expect(versions.Items?.map((v) => unmarshall(v).definition)).toEqual([
      expect.objectContaining({ segmentId: segment.body.segmentId, channel: 'sms' }),
    ]);

    await julyAtNine(5);
    const sent = (
      (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body.events as CareEvent[]
    )
      .map((e) => e.detail.data)
      .filter((d) => d.campaignId === 'birthday-platinum');
    expect(sent.map((d) => [d.customerId, d.channel])).toEqual([['SEG-1', 'sms']]);
    // by SMS, over the customer's preferred email
    const sms = await waitFor(async () => smsTo(cloud, '00000051')[0], 'the SMS');
    expect(sms.messageBody).toContain('健康小贴士');
  });

  it('refuses to change an active campaign’s segment to match nobody, and shows a segment gone', async () => {
    const path = `/v1/segments/${platinumSegment}`;
    const nobody = await api(cloud, path, {
      method: 'PUT',
      headers: as('admin-author'),
      json: { name: 'Platinum in London', rules: { tiers: ['platinum'], timeZones: ['Europe/London'] } },
    });
    expectProblem(nobody, 409);
    expect(nobody.body).toMatchObject({ campaigns: ['birthday-platinum'] });
    expect(nobody.body.detail).toContain('birthday-platinum');
    const someone = await api(cloud, path, {
      method: 'PUT',
      headers: as('admin-author'),
      json: { name: 'Platinum in Shanghai', rules: { tiers: ['platinum'], timeZones: ['Asia/Shanghai'] } },
    });
    expect(someone.status).toBe(200);

    // no route deletes a segment; one removed under the campaign all the same (by hand, a restore)
    await cloud.dynamo.send(
      new DeleteItemCommand({
        TableName: cloud.tableNames.Campaigns,
        Key: marshall(segmentKey(platinumSegment)),
      }),
    );
    const listed = (await api(cloud, '/v1/campaigns', { headers: as('admin-author') })).body
      .campaigns as Json[];
    expect(listed.find((c) => c.id === 'birthday-platinum')).toMatchObject({
      missingSegments: [platinumSegment],
    });
    expect(listed.find((c) => c.id === CAMPAIGN)).not.toHaveProperty('missingSegments');

    await julyAtNine(6);
    const runs = (await api(cloud, '/v1/campaigns/birthday-platinum/runs', { headers: as('admin-author') }))
      .body.runs as Json[];
    expect(runs.find((r) => r.occasionDate === '2026-07-06')).toMatchObject({
      outcome: 'segment-missing',
      audience: 0,
    });
    const preview = await api(cloud, '/v1/campaigns/birthday-platinum/preview?date=2026-07-06', {
      headers: as('admin-author'),
    });
    expectProblem(preview, 409);
  });
});
