/**
 * Root causes to rectification on the local cloud, in one dated story (Asia/Shanghai, December
 * 2026): a rectification through its whole lifecycle with a version conflict and a verification
 * refused to its owner; a resolved complaint of the same root cause linked to it; an action that
 * passes its due date alerted exactly once however often the sweep runs; and the Monday trend job
 * on a synthetic spike, alerting once per cause and proposing a rectification where none is open.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '#shared/aws/clients';
import { weeklyCounterKey } from '#shared/tables/quality';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { mailTo } from '../../notify/test/mailbox';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
  await setClock('2026-12-07T01:00:00Z'); // Monday 09:00 in Shanghai
});
afterAll(async () => {
  await cloud?.stop();
});

type Json = Record<string, unknown>;
const setClock = (set: string) => api(cloud, '/dev/clock', { method: 'POST', json: { set } });
/** A fresh token each time: the clock moves by days and a token lives 12 hours. */
async function auth(sub: string, role: string, version?: number) {
  const team = role === 'admin' ? {} : { team: 'claims' };
  const res = await api(cloud, '/dev/token', { method: 'POST', json: { sub, role, ...team } });
  return {
    authorization: `Bearer ${res.body.token as string}`,
    ...(version !== undefined ? { 'if-match': `"${version}"` } : {}),
  };
}
const create = async (sub: string, role: string, body: Json) =>
  api(cloud, '/v1/rectifications', { method: 'POST', headers: await auth(sub, role), json: body });
const act = async (
  id: string,
  action: string,
  who: [string, string],
  version: number | undefined,
  body: Json,
) =>
  api(cloud, `/v1/rectifications/${id}/${action}`, {
    method: 'POST',
    headers: await auth(who[0], who[1], version),
    json: body,
  });
const read = async (id: string) =>
  api(cloud, `/v1/rectifications/${id}`, { headers: await auth('lin', 'lead') });
const events = async (type: string) =>
  ((await api(cloud, `/dev/events?type=${type}&limit=500`)).body.events as { detail: { data: Json } }[]).map(
    (e) => e.detail.data,
  );

/** The staff directory of the local cloud (STAFF_EMAIL_DOMAIN). */
const staffMail = (who: string) => `${who}@staff.complaint-care.local`;
const mailAbout = async (who: string, text: string) =>
  (await mailTo(cloud, staffMail(who))).filter((m) => m.body.text?.includes(text));

const LIN: [string, string] = ['lin', 'lead']; // opens the rectifications
const ZHOU: [string, string] = ['zhou', 'lead']; // owns the first one
const WU: [string, string] = ['wu', 'agent']; // an action owner
const ids: Record<string, string> = {};

describe('rectifications', () => {
  it('goes open → update → complete → verify → reopen, with If-Match, a conflict and a second person', async () => {
    const refused = await create('wu', 'agent', {});
    expect(refused.status).toBe(403); // leads and admins only, by the route
    const invalid = await create('lin', 'lead', { rootCause: 'claims', title: '', actions: [] });
    expect(invalid.status).toBe(400);
    expect((invalid.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(
      ['body.actions', 'body.dueDate', 'body.owner', 'body.rootCause', 'body.title'].sort(),
    );

    const opened = await create('lin', 'lead', {
      rootCause: 'claims/assessment-delay',
      title: 'Hospital claims wait three weeks for assessment',
      owner: 'zhou',
      dueDate: '2027-01-31',
      complaintIds: ['C-1', 'C-1', 'C-2'],
      actions: [
        { text: 'Two more assessors on hospital claims', owner: 'wu', dueDate: '2026-12-08' },
        { text: 'Weekly ageing report to the lead', owner: 'zhou', dueDate: '2026-12-20' },
      ],
    });
    expect(opened.status).toBe(201);
    expect(opened.headers.get('etag')).toBe('"1"');
    expect(opened.body).toMatchObject({
      status: 'open',
      version: 1,
      complaintIds: ['C-1', 'C-2'],
      taxonomyVersion: '2026-12-06.1',
      actions: [
        { actionId: 'A1', done: false },
        { actionId: 'A2', done: false },
      ],
    });
    const id = opened.body.rectificationId as string;
    ids.first = id;

    expect((await act(id, 'update', WU, undefined, { done: ['A1'] })).status).toBe(428);
    const byOwnerOfAction = await act(id, 'update', WU, 1, { done: ['A1'], note: 'Assessors started' });
    expect(byOwnerOfAction.status).toBe(403); // wu owns an action, not the rectification
    const updated = await act(id, 'update', ZHOU, 1, { done: ['A1'], note: 'Assessors started' });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    // someone else working from version 1 is refused, and told the current one
    const stale = await act(id, 'update', LIN, 1, { title: 'Renamed' });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(2);

    const early = await act(id, 'complete', ZHOU, 2, { evidence: 'Median assessment 4 days' });
    expect(early.status).toBe(409); // A2 is not done
    expect(early.body.detail).toContain('A2');
    expect((await act(id, 'update', ZHOU, 2, { done: ['A2'] })).status).toBe(200);
    const completed = await act(id, 'complete', ZHOU, 3, {
      evidence: 'Median assessment 4 days in December',
    });
    expect(completed.body).toMatchObject({ status: 'completed', completedBy: 'zhou', version: 4 });

    const ownVerification = await act(id, 'verify', ZHOU, 4, {});
    expect(ownVerification.status).toBe(403);
    expect(ownVerification.body.detail).toContain('another person');
    expect((await act(id, 'verify', WU, 4, {})).status).toBe(403); // agents do not verify
    const verified = await act(id, 'verify', LIN, 4, { note: 'Checked the December figures' });
    expect(verified.body).toMatchObject({ status: 'verified', verifiedBy: 'lin', version: 5 });
    const list = await api(cloud, '/v1/rectifications?status=verified', {
      headers: await auth('wu', 'agent'),
    });
    expect((list.body.items as Json[]).map((r) => r.rectificationId)).toEqual([id]);

    const reopened = await act(id, 'reopen', LIN, 5, { reason: 'Delays are back' });
    expect(reopened.body).toMatchObject({ status: 'open', version: 6 });
    expect(reopened.body.verifiedBy).toBeUndefined();
    const view = await read(id);
    expect(view.headers.get('etag')).toBe('"6"');
    expect((view.body.timeline as Json[]).map((e) => [e.action, e.by, e.version])).toEqual([
      ['open', 'lin', 1],
      ['update', 'zhou', 2],
      ['update', 'zhou', 3],
      ['complete', 'zhou', 4],
      ['verify', 'lin', 5],
      ['reopen', 'lin', 6],
    ]);
    expect((view.body.timeline as Json[])[5]!.detail).toMatchObject({
      reason: 'Delays are back',
      previously: { status: 'verified', evidence: 'Median assessment 4 days in December' },
    });
  });

  it('links a complaint resolved with the root cause of an open rectification', async () => {
    const filed = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '钱雷', phone: '13900000011' },
        description: '住院理赔材料交齐三周了还没有审核结果。',
        consent: { dataProcessing: true },
      },
    });
    const complaintId = filed.body.complaintId as string;
    await waitFor(async () => {
      const res = await api(cloud, `/v1/cases/${complaintId}`, { headers: await auth('root', 'admin') });
      return res.body.status === 'triaged' ? res : undefined;
    }, 'triage');
    await cloud.settle();
    const version = async () =>
      (await api(cloud, `/v1/cases/${complaintId}`, { headers: await auth('root', 'admin') })).body
        .version as number;
    const assigned = await api(cloud, `/v1/cases/${complaintId}/assign`, {
      method: 'POST',
      headers: await auth('root', 'admin', await version()),
      json: { assignee: 'wu' },
    });
    expect(assigned.status).toBe(200);
    await cloud.settle();
    const resolved = await api(cloud, `/v1/cases/${complaintId}/resolve`, {
      method: 'POST',
      headers: await auth('root', 'admin', await version()),
      json: {
        outcome: 'upheld',
        rootCause: 'claims/assessment-delay',
        responseToCustomer: '已加快审核并赔付。',
      },
    });
    expect(resolved.status).toBe(200);
    await cloud.settle();
    const view = await read(ids.first!);
    expect(view.body.linkedComplaintIds).toEqual([complaintId]);
  });

  it('alerts an overdue action to its owner and the lead once, however often the sweep runs', async () => {
    const opened = await create('lin', 'lead', {
      rootCause: 'premium/refund-delay',
      title: 'Refunds after cancellation paid late',
      owner: 'zhou',
      dueDate: '2027-02-28',
      actions: [
        { text: 'Daily refund queue check', owner: 'wu', dueDate: '2026-12-08' },
        { text: 'Automate refund approval', owner: 'zhou', dueDate: '2027-01-15' },
      ],
    });
    const id = opened.body.rectificationId as string;
    const overdue = async () =>
      (await events('rectification.action-overdue')).filter((e) => e.rectificationId === id);

    await setClock('2026-12-08T15:30:00Z'); // 23:30 on the due date in Shanghai: not yet
    expect(await overdue()).toEqual([]);
    await setClock('2026-12-08T16:20:00Z'); // the date has ended there
    await cloud.settle();
    expect(await overdue()).toEqual([
      expect.objectContaining({ actionId: 'A1', dueDate: '2026-12-08', notify: ['wu', 'lin'] }),
    ]);
    await setClock('2026-12-09T03:00:00Z');
    await api(cloud, '/dev/schedules/quality-overdue-sweep/run', { method: 'POST' });
    // an update moves the action's pointer back to now: the sweep looks again and alerts nobody
    expect((await act(id, 'update', ZHOU, 1, { note: 'Queue check starts Monday' })).status).toBe(200);
    await api(cloud, '/dev/schedules/quality-overdue-sweep/run', { method: 'POST' });
    await cloud.settle();
    expect(await overdue()).toHaveLength(1);
    // one email each to the action's owner and the lead who opened it, linking to the console
    const [toOwner, ...moreToOwner] = await mailAbout('wu', id);
    expect(moreToOwner).toEqual([]);
    expect(toOwner!.subject).toContain('A1');
    expect(toOwner!.body.text).toContain('/console/');
    expect(await mailAbout('lin', id)).toHaveLength(1);
    // the first rectification's actions are done: nothing of it is ever overdue
    expect(
      (await events('rectification.action-overdue')).filter((e) => e.rectificationId === ids.first),
    ).toEqual([]);
    // several settles and sends: a busy 2-core machine needs more than the default minute
  }, 180_000);

  it('alerts the leads on a synthetic spike against the trailing 8-week mean, once, proposing a rectification', async () => {
    // The counters the resolution consumer keeps, for the eight weeks before 7 December and that
    // week: assessment delays 2 a week then 8 (+1 resolved above), billing errors 1 then 6,
    // communication 4 then 6 (up by 2 only: under the rule's minimum rise of 3).
    const seed = async (monday: string, rootCause: string, count: number) =>
      dynamo().send(
        new UpdateCommand({
          TableName: cloud.tableNames.Quality,
          Key: weeklyCounterKey(monday, rootCause),
          UpdateExpression: 'ADD complaints :n SET kind = :kind',
          ExpressionAttributeValues: { ':n': count, ':kind': 'weekly-counter' },
        }),
      );
    const trailing = [
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ];
    for (const monday of trailing) {
      await seed(monday, 'claims/assessment-delay', 2);
      await seed(monday, 'premium/billing-error', 1);
      await seed(monday, 'service/communication', 4);
    }
    await seed('2026-12-07', 'claims/assessment-delay', 8);
    await seed('2026-12-07', 'premium/billing-error', 6);
    await seed('2026-12-07', 'service/communication', 6);

    await setClock('2026-12-14T06:30:00Z'); // the Monday 06:00 UTC run has come and gone
    await cloud.settle();
    const rising = async () =>
      (await events('root-cause.trend-rising')).sort((a, b) =>
        String(a.rootCause).localeCompare(String(b.rootCause)),
      );
    const first = await rising();
    expect(first).toEqual([
      expect.objectContaining({
        rootCause: 'claims/assessment-delay',
        week: '2026-12-07',
        count: 9, // 8 seeded and the complaint resolved on 7 December
        trailingMean: 2,
        trailingWeeks: 8,
        openRectificationId: ids.first,
      }),
      expect.objectContaining({
        rootCause: 'premium/billing-error',
        week: '2026-12-07',
        count: 6,
        trailingMean: 1,
        proposal: expect.objectContaining({ rootCause: 'premium/billing-error', dueDate: '2027-01-13' }),
      }),
    ]);
    expect(first[0]!.proposal).toBeUndefined();
    await api(cloud, '/dev/schedules/quality-weekly-trends/run', { method: 'POST' });
    await cloud.settle();
    expect(await rising()).toHaveLength(2);
    // every team lead hears of both causes once; the proposal is in the billing one
    const toLead = await mailAbout('lead.claims', 'premium/billing-error');
    expect(toLead).toHaveLength(1);
    expect(toLead[0]!.body.text).toContain('2027-01-13');
    expect(await mailAbout('lead.privacy-office', 'claims/assessment-delay')).toHaveLength(1);
  });
});
