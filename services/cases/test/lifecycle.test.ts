/**
 * A complaint's whole life through the case API on the local cloud: post → triage → assign →
 * request-info → customer-response → extend → resolve → close → reopen → resolve → follow-up,
 * checking status, clocks, timeline and events after each step; and no lost update.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '#shared/aws/clients';
import { complaintKey, openComplaintKey } from '#shared/tables/complaints';
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
const token = async (sub: string, role: string, team?: string) =>
  (await api(cloud, '/dev/token', { method: 'POST', json: { sub, role, ...(team ? { team } : {}) } })).body
    .token as string;

describe('case lifecycle', () => {
  it('works a complaint from triage to follow-up, with clocks, timeline and events at every step', async () => {
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-01T01:00:00Z' } }); // Monday 09:00 Shanghai
    const posted = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '郑强', phone: '13644445555', email: 'zheng@example.com' },
        description: '我的医疗险理赔申请提交一个月了，一直没有结果，请尽快处理。',
        consent: { dataProcessing: true },
      },
    });
    const id = posted.body.complaintId as string;
    await waitFor(async () => {
      const r = await api(cloud, `/dev/events?type=complaint.triaged&limit=50`);
      return (r.body.events as { detail: { data: Json } }[]).some((e) => e.detail.data.complaintId === id)
        ? true
        : undefined;
    }, 'triage');
    await cloud.settle();

    // tokens live 12 h on the local clock, which this test moves by days: sign in afresh each call
    type Who = 'agent' | 'lead';
    const signIn = (who: Who) =>
      who === 'agent' ? token('agent-ann', 'agent', 'claims') : token('lead-li', 'lead', 'claims');
    const auth = async (who: Who, version?: number) => ({
      authorization: `Bearer ${await signIn(who)}`,
      ...(version !== undefined ? { 'if-match': `"${version}"` } : {}),
    });
    const agent: Who = 'agent';
    const lead: Who = 'lead';
    const get = async (who: Who = agent) => api(cloud, `/v1/cases/${id}`, { headers: await auth(who) });
    const act = async (action: string, body: Json | undefined, who: Who = agent) => {
      const current = await get(who);
      const res = await api(cloud, `/v1/cases/${id}/${action}`, {
        method: 'POST',
        headers: await auth(who, current.body.version as number),
        ...(body ? { json: body } : {}),
      });
      await cloud.settle();
      return res;
    };
    const events = async (type: string) =>
      (
        (await api(cloud, `/dev/events?type=${type}&limit=200`)).body.events as { detail: { data: Json } }[]
      ).filter((e) => e.detail.data.complaintId === id);
    const clock = async (name: string) =>
      ((await get()).body.clocks as { name: string; state: string; dueAt: string }[]).find(
        (c) => c.name === name,
      );

    let view = await get();
    expect(view.status).toBe(200);
    expect(view.headers.get('etag')).toBe(`"${view.body.version}"`);
    expect(view.body).toMatchObject({ status: 'triaged', team: 'claims', category: 'claims' });
    expect((view.body.triage as Json).reasons).toBeDefined();
    expect((await clock('resolve'))?.state).toBe('running');

    expect((await act('assign', { assignee: 'agent-ann' })).body.status).toBe('assigned');
    expect(await events('complaint.assigned')).toHaveLength(1);
    view = await get();
    expect((view.body.customer as Json).phone).toBe('13644445555'); // the assignee sees contact details

    const resolveDue = (await clock('resolve'))!.dueAt;
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-02T02:00:00Z' } });
    expect((await act('request-info', { message: '请提供住院发票原件扫描件。' })).body.status).toBe(
      'awaiting-customer',
    );
    expect((await clock('resolve'))?.state).toBe('paused');
    expect((await clock('first-contact'))?.state).toBe('met');

    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-03T02:00:00Z' } });
    expect((await act('customer-response', { message: '已上传发票。' })).body.status).toBe('in-progress');
    const resumed = await clock('resolve');
    expect(resumed?.state).toBe('running');
    expect(resumed!.dueAt > resolveDue).toBe(true); // the paused business day was given back

    const extended = await act('extend', { reason: '需要调取医院病历，案情复杂', days: 15 });
    expect(extended.status).toBe(200);
    expect((await events('complaint.extended'))[0]?.detail.data).toMatchObject({
      totalDays: 30,
      customerNotice: false,
    });
    const beyond = await act('extend', { reason: '再延长', days: 45 });
    expect(beyond.status).toBe(409);
    expect(beyond.body.rule).toContain('at most 60 days');
    const agentSecond = await act('extend', { reason: '再延长', days: 30 });
    expect(agentSecond.status).toBe(409);
    expect(agentSecond.body.rule).toContain('senior approval');

    const resolution = {
      outcome: 'upheld',
      remedy: '全额赔付',
      rootCause: 'claims-handling',
      responseToCustomer: '经复核，您的理赔申请符合条款，将全额赔付。',
    };
    // in the open complaints index (the lead's "now") from filing until resolved, and again once reopened
    const openIndexed = async () => {
      const item = await dynamo().send(
        new GetCommand({ TableName: cloud.tableNames.Complaints, Key: complaintKey(id) }),
      );
      return item.Item?.gsi8pk === openComplaintKey.gsi8pk;
    };
    expect(await openIndexed()).toBe(true);
    expect((await act('resolve', resolution)).body.status).toBe('resolved');
    expect(await openIndexed()).toBe(false);
    expect(await events('complaint.resolved')).toHaveLength(1);
    expect((await clock('resolve'))?.state).toBe('met');
    expect((await act('close', undefined)).body.status).toBe('closed');

    const agentReopen = await act('reopen', { reason: '客户对赔付金额有异议' });
    expect(agentReopen.status).toBe(403);
    expect(await openIndexed()).toBe(false);
    expect((await act('reopen', { reason: '客户对赔付金额有异议' }, lead)).body.status).toBe('in-progress');
    expect(await openIndexed()).toBe(true);
    expect((await clock('resolve'))?.state).toBe('running');
    expect((await act('resolve', { ...resolution, outcome: 'partially-upheld' })).body.status).toBe(
      'resolved',
    );
    // reopening is lead-only, through the follow-up too: refused, and nothing recorded
    const agentFollowUpReopen = await act('follow-up', { satisfaction: 1, reopen: true });
    expect(agentFollowUpReopen.status).toBe(403);
    expect(agentFollowUpReopen.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(agentFollowUpReopen.body.detail).toContain('lead');
    expect((await get()).body.status).toBe('resolved');
    expect(await events('complaint.follow-up-recorded')).toHaveLength(0);
    expect(await events('complaint.reopened')).toHaveLength(1);
    const followUp = await act('follow-up', { satisfaction: 4, comment: '处理及时' });
    expect(followUp.status).toBe(200);
    expect(await events('complaint.follow-up-recorded')).toHaveLength(1);

    const timeline = ((await get()).body.timeline as { kind: string }[]).filter(
      (t) => t.kind === 'action', // the notifications sent along the way are entries too
    ) as unknown as {
      action: string;
      actor: string;
      before: Json;
      after: Json;
    }[];
    expect(timeline.map((t) => t.action)).toEqual([
      'triaged',
      'assign',
      'request-info',
      'customer-response',
      'extend',
      'resolve',
      'close',
      'reopen',
      'resolve',
      'follow-up',
    ]);
    expect(timeline.find((t) => t.action === 'reopen')).toMatchObject({
      actor: 'lead-li',
      before: { status: 'closed' },
      after: { status: 'in-progress' },
    });

    // an action the state does not allow answers 409 with what is allowed
    const invalid = await act('request-info', { message: 'x' });
    expect(invalid.status).toBe(409);
    expect(invalid.body.allowedActions).toEqual(
      expect.arrayContaining(['notes', 'close', 'reopen', 'follow-up']),
    );
  });

  it('lets exactly one of two concurrent resolves with the same version through', async () => {
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-08T01:00:00Z' } });
    const posted = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: 'Amy Lo', email: 'amy@example.com' },
        description: 'My claim payment is three weeks late.',
        consent: { dataProcessing: true },
      },
    });
    const id = posted.body.complaintId as string;
    await waitFor(
      async () =>
        (await api(cloud, `/v1/complaints/${posted.body.reference}/status?contact=amy@example.com`)).body
          .status === 'triaged'
          ? true
          : undefined,
      'triage',
    );
    const agent = await token('agent-bo', 'agent', 'claims');
    const auth = (v?: number) => ({
      authorization: `Bearer ${agent}`,
      ...(v !== undefined ? { 'if-match': `"${v}"` } : {}),
    });
    let view = await api(cloud, `/v1/cases/${id}`, { headers: auth() });
    await api(cloud, `/v1/cases/${id}/assign`, {
      method: 'POST',
      headers: auth(view.body.version as number),
      json: { assignee: 'agent-bo' },
    });
    view = await api(cloud, `/v1/cases/${id}`, { headers: auth() });
    const body = {
      outcome: 'upheld',
      rootCause: 'claims-handling',
      responseToCustomer: 'We will pay today.',
    };
    const [a, b] = await Promise.all([
      api(cloud, `/v1/cases/${id}/resolve`, {
        method: 'POST',
        headers: auth(view.body.version as number),
        json: body,
      }),
      api(cloud, `/v1/cases/${id}/resolve`, {
        method: 'POST',
        headers: auth(view.body.version as number),
        json: body,
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expect((await api(cloud, `/v1/cases/${id}/close`, { method: 'POST', headers: auth() })).status).toBe(428);
  });
});
