/**
 * Feedback and NPS on the local cloud, in one dated story (Asia/Shanghai, December 2026): public
 * feedback filed, refused and offered the complaint path, queued for its team and answered once;
 * an NPS survey asked after a claim payment, answered once through its signed link, kept on the
 * profile and reported by segment and touchpoint; and the 90-day cap holding under a second
 * touchpoint and a duplicate delivery, then letting the next ask through. Each item with a
 * retention period carries its end (`expiresAt`), and the readers pass over one whose end is past.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo, GetCommand, PutCommand, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { customerProfileKey, healthPartition, npsPartition } from '#shared/tables/customers';
import {
  feedbackKey,
  invitationKey,
  invitationPageKey,
  npsAnswerIndexKeys,
  npsAnswerKey,
  npsAskKey,
  npsCapKey,
  rsvpLinkKey,
} from '#shared/tables/relationship';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { postCoreEvent } from '../../../test/support/core-events';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { customerLine } from '../../care/test/care-fixtures';
import { mailTo, smsTo } from '../../notify/test/mailbox';

const POLICY = 'P2000000001';
const CUSTOMER = 'C2001';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
  await setClock('2026-12-07T02:00:00Z'); // Monday 10:00 in Shanghai
  const imported = await api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { ...(await auth('admin-20', 'admin')), 'content-type': 'application/x-ndjson' },
    body: customerLine({
      customerId: CUSTOMER,
      email: 'nps.customer@example.com',
      phone: '13900200001',
      preferredChannel: 'email',
      consent: { service: true, marketing: false },
      policies: [{ policyNumber: POLICY, product: 'medical', startDate: '2024-05-10', status: 'in-force' }],
    }),
  });
  expect(imported.body).toMatchObject({ created: 1, rejected: [] });
});
afterAll(async () => {
  await cloud?.stop();
});

type Json = Record<string, unknown>;
const setClock = (set: string) => api(cloud, '/dev/clock', { method: 'POST', json: { set } });
async function auth(sub: string, role: string, team?: string) {
  const res = await api(cloud, '/dev/token', { method: 'POST', json: { sub, role, ...(team && { team }) } });
  return { authorization: `Bearer ${res.body.token as string}` };
}
const feedback = (json: Json) => api(cloud, '/v1/feedback', { method: 'POST', json });
const stored = async (key: { pk: string; sk: string }) =>
  (
    await dynamo().send(
      new GetCommand({ TableName: tableName('Relationship'), Key: key, ConsistentRead: true }),
    )
  ).Item as Json;
/** The end of a retention period of `days` from `at`, in epoch seconds as DynamoDB TTL reads them. */
const periodEnd = (at: unknown, days: number) => Math.floor(Date.parse(at as string) / 1000) + days * 86_400;
const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);
const eventCounts = async (eventId: string) =>
  (await api(cloud, `/v1/events/${eventId}`, { headers: await auth('admin-20', 'admin') })).body
    .counts as Record<string, number>;

let sequence = 0;
async function claimPaid(eventId = `EV-20-${++sequence}`) {
  const body = JSON.stringify({
    eventId,
    type: 'claim.paid',
    occurredAt: cloud.clock.now().toISOString(),
    policyNumber: POLICY,
    claimNumber: `CLM20000000${sequence}`,
    data: { amount: 800, paidAt: cloud.clock.now().toISOString() },
  });
  const res = await postCoreEvent(cloud, body);
  expect(res.status).toBeLessThan(300);
}
const surveys = async () =>
  (
    (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body.events as {
      detail: { data: Json };
    }[]
  )
    .map((e) => e.detail.data)
    .filter((d) => d.campaignId === 'nps-survey' && d.customerId === CUSTOMER);
const surveyToken = (survey: Json) => {
  const body = (survey.content as Record<string, { body: string }>)['zh-CN']!.body;
  return /\/v1\/nps\?t=([\w.-]+)/.exec(body)![1]!;
};

describe('feedback', () => {
  it('files feedback to its team with an answer due, and refuses bad input with every field error', async () => {
    const filed = await feedback({
      kind: 'question',
      text: '请问理赔材料可以线上提交吗？',
      customer: { name: '王芳', email: 'wang.fang@example.com' },
    });
    expect(filed.status).toBe(201);
    // a question is due by close of business (17:30) of the 2nd business day after Monday
    expect(filed.body).toMatchObject({
      status: 'received',
      team: 'claims',
      answerDueAt: '2026-12-09T09:30:00.000Z',
    });
    // kept two years from its receipt
    const item = await stored(feedbackKey(filed.body.feedbackId as string));
    expect(item.receivedAt).toMatch(/^2026-12-07T02:/);
    expect(item.expiresAt).toBe(periodEnd(item.receivedAt, 730));

    const praise = await feedback({ kind: 'praise', text: 'The agent was very kind and helpful.' });
    expect(praise.body).toMatchObject({ status: 'received', team: 'customer-service' });

    const bad = await feedback({ kind: 'rant', text: '', customer: { email: 'nope' }, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(
      ['body.customer.email', 'body.extra', 'body.kind', 'body.text'].sort(),
    );
  });

  it('offers the complaint path for a complaint-like text, and keeps it as feedback only when asked', async () => {
    const text = '我要投诉：你们的理赔拒赔不合理，要求赔偿！';
    const offered = await feedback({ kind: 'suggestion', text });
    expect(offered.status).toBe(200);
    expect(offered.body).toMatchObject({ status: 'complaint-suggested', complaintPath: { href: '/' } });
    expect(offered.body.feedbackId).toBeUndefined();

    const kept = await feedback({ kind: 'suggestion', text, keepAsFeedback: true });
    expect(kept.status).toBe(201);
    const queue = await api(cloud, '/v1/feedback?team=claims', { headers: await auth('admin-20', 'admin') });
    const item = (queue.body.items as Json[]).find((f) => f.feedbackId === kept.body.feedbackId);
    expect(item).toMatchObject({ keptAsFeedback: true, state: 'open' });
  });

  it("lets the team's staff answer once; another team's agent sees it as unknown", async () => {
    const filed = await feedback({ kind: 'question', text: '理赔款一般几天到账？' });
    const id = filed.body.feedbackId as string;
    const path = `/v1/feedback/${id}/answer`;

    const outsider = await api(cloud, path, {
      method: 'POST',
      headers: await auth('agent-cs', 'agent', 'customer-service'),
      json: { text: 'x' },
    });
    expect(outsider.status).toBe(404);
    const mine = await api(cloud, '/v1/feedback', { headers: await auth('agent-claims', 'agent', 'claims') });
    expect((mine.body.items as Json[]).map((f) => f.feedbackId)).toContain(id);
    const foreign = await api(cloud, '/v1/feedback?team=claims', {
      headers: await auth('agent-cs', 'agent', 'customer-service'),
    });
    expect(foreign.status).toBe(403);

    const empty = await api(cloud, path, {
      method: 'POST',
      headers: await auth('agent-claims', 'agent', 'claims'),
      json: { text: '' },
    });
    expect(empty.status).toBe(400);
    const answered = await api(cloud, path, {
      method: 'POST',
      headers: await auth('agent-claims', 'agent', 'claims'),
      json: { text: '一般三个工作日内到账。' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ state: 'answered', answer: { by: 'agent-claims' } });
    // the answer keeps the period, counted from the receipt
    const item = await stored(feedbackKey(id));
    expect(item).toMatchObject({ state: 'answered', expiresAt: periodEnd(item.receivedAt, 730) });
    const again = await api(cloud, path, {
      method: 'POST',
      headers: await auth('lead-claims', 'lead', 'claims'),
      json: { text: 'again' },
    });
    expect(again.status).toBe(409);
    const done = await api(cloud, '/v1/feedback?team=claims&state=answered', {
      headers: await auth('lead-claims', 'lead', 'claims'),
    });
    expect((done.body.items as Json[]).map((f) => f.feedbackId)).toContain(id);
    // no contact given: nothing to send, and the answer says so by naming no channel
    expect(answered.body.answerSentTo).toBeUndefined();
  });

  it('sends the answer once to the contact the feedback gave, in its language, and says so', async () => {
    const staff = await auth('agent-claims', 'agent', 'claims');
    const byEmail = await feedback({
      kind: 'question',
      text: 'Can I send my claim documents online?',
      language: 'en',
      customer: { name: 'Olivia Smith', email: 'olivia.answer@example.com', phone: '13900200077' },
    });
    const bySms = await feedback({
      kind: 'question',
      text: '理赔进度在哪里查询？',
      customer: { phone: '13900200088' },
    });
    const answer = (id: unknown, text: string) =>
      api(cloud, `/v1/feedback/${id as string}/answer`, { method: 'POST', headers: staff, json: { text } });
    const [emailed, texted] = await Promise.all([
      answer(byEmail.body.feedbackId, 'Yes: upload them on the Claims page of our website.'),
      answer(bySms.body.feedbackId, '请在官网“理赔服务”页面查询进度。'),
    ]);
    expect(emailed.body).toMatchObject({ state: 'answered', answerSentTo: 'email' });
    expect(texted.body).toMatchObject({ state: 'answered', answerSentTo: 'sms' });
    // a second answer is refused and sends nothing
    expect((await answer(byEmail.body.feedbackId, 'again')).status).toBe(409);

    const mail = await waitFor(
      async () => (await mailTo(cloud, 'olivia.answer@example.com'))[0],
      'the answer email',
    );
    expect(mail.subject).toBe('Our answer to your question');
    expect(mail.body.text).toContain('Yes: upload them on the Claims page of our website.');
    expect(mail.body.text).toContain('Can I send my claim documents online?');
    const sms = await waitFor(async () => smsTo(cloud, '200088')[0], 'the answer SMS');
    expect(sms.messageBody).toContain('请在官网“理赔服务”页面查询进度。');
    await cloud.settle();
    expect(await mailTo(cloud, 'olivia.answer@example.com')).toHaveLength(1);
    expect(smsTo(cloud, '200088')).toHaveLength(1);
    // email given: no SMS as well
    expect(smsTo(cloud, '200077')).toHaveLength(0);
    const queue = await api(cloud, '/v1/feedback?team=claims&state=answered', { headers: staff });
    const item = (queue.body.items as Json[]).find((f) => f.feedbackId === byEmail.body.feedbackId);
    expect(item).toMatchObject({ answerSentTo: 'email', answer: { by: 'agent-claims' } });
  });
});

describe('feedback whose retention period is over', () => {
  it('is neither queued nor answered, although DynamoDB has not deleted it yet', async () => {
    const staff = await auth('agent-cs', 'agent', 'customer-service');
    const filed = await feedback({ kind: 'praise', text: '柜台服务很周到，谢谢！' });
    const id = filed.body.feedbackId as string;
    const queued = async () =>
      ((await api(cloud, '/v1/feedback', { headers: staff })).body.items as Json[]).map((f) => f.feedbackId);
    expect(await queued()).toContain(id);

    // its end a second past by the service clock (the local cloud, like DynamoDB for days, keeps it)
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName('Relationship'),
        Key: feedbackKey(id),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': epochSeconds(cloud.clock.now()) - 1 },
      }),
    );
    expect(await queued()).not.toContain(id);
    const answer = await api(cloud, `/v1/feedback/${id}/answer`, {
      method: 'POST',
      headers: staff,
      json: { text: '感谢您的认可！' },
    });
    expect(answer.status).toBe(404);
    expect((await stored(feedbackKey(id))).state).toBe('open');
  });
});

describe('NPS', () => {
  it('asks after a claim payment; the signed link answers once; the profile keeps npsScore', async () => {
    await claimPaid();
    const [survey] = await waitFor(
      async () => ((await surveys()).length > 0 ? surveys() : undefined),
      'survey',
    );
    expect(survey).toMatchObject({ consent: 'service', holdWhileComplaintOpen: false });
    const t = surveyToken(survey!);

    const page = await fetch(`${cloud.url}/v1/nps?t=${t}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="score"');
    const forged = await api(cloud, `/v1/nps?t=${t.slice(0, -2)}xx`, { method: 'POST', json: { score: 9 } });
    expect(forged.status).toBe(400);
    const outOfRange = await api(cloud, `/v1/nps?t=${t}`, { method: 'POST', json: { score: 11 } });
    expect(outOfRange.status).toBe(400);

    const answered = await api(cloud, `/v1/nps?t=${t}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'score=9&comment=%E5%BE%88%E5%BF%AB',
    });
    expect(answered.status).toBe(201);
    const twice = await api(cloud, `/v1/nps?t=${t}`, { method: 'POST', json: { score: 2 } });
    expect(twice.status).toBe(409);

    // the cap 91 days from the ask, the ask 180 days, the answer three years from the answer
    const cap = await stored(npsCapKey(CUSTOMER));
    expect(cap.expiresAt).toBe(periodEnd(cap.askedAt, 91));
    const ask = await stored(npsAskKey(cap.askId as string));
    expect(ask).toMatchObject({ askedAt: cap.askedAt, expiresAt: periodEnd(cap.askedAt, 180) });
    const answer = await stored(npsAnswerKey(cap.askId as string));
    expect(answer.expiresAt).toBe(periodEnd(answer.answeredAt, 1096));
    // the ask's end is not the answer's, nor part of what the answer shows
    expect(answered.body.expiresAt).toBeUndefined();

    const profile = await cloud.dynamo.send(
      new GetItemCommand({
        TableName: cloud.tableNames.Customers,
        Key: { pk: { S: customerProfileKey(CUSTOMER).pk }, sk: { S: 'PROFILE' } },
      }),
    );
    expect(profile.Item?.npsScore).toEqual({ N: '9' });
    // and its key in the NPS index segments read: the score's partition, under the zone the
    // import keyed it by
    expect([profile.Item?.gsi9pk?.S, profile.Item?.gsi9sk?.S]).toEqual([
      npsPartition(9),
      `${profile.Item?.timeZone?.S}#${CUSTOMER}`,
    ]);
    expect(profile.Item?.timeZone?.S).toBe('Asia/Shanghai');

    const report = await api(cloud, '/v1/reports/nps?from=2026-12-01&to=2026-12-31', {
      headers: await auth('lead-claims', 'lead', 'claims'),
    });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      total: { answers: 1, promoters: 1, nps: 100 },
      bySegment: { gold: { answers: 1, nps: 100 } },
      byTouchpoint: { 'claim-payment': { answers: 1 } },
    });
    const agent = await api(cloud, '/v1/reports/nps?from=2026-12-01&to=2026-12-31', {
      headers: await auth('agent-claims', 'agent', 'claims'),
    });
    expect(agent.status).toBe(403);
    const backwards = await api(cloud, '/v1/reports/nps?from=2026-12-31&to=2026-12-01', {
      headers: await auth('admin-20', 'admin'),
    });
    expect(backwards.status).toBe(400);
  });

  it('asks at most once per 90 days, also under a duplicate delivery; then asks again', async () => {
    // a second payment and the same core event delivered twice, within the cap
    await claimPaid('EV-20-dup');
    await claimPaid('EV-20-dup');
    await claimPaid();
    await cloud.settle();
    expect(await surveys()).toHaveLength(1);

    // the last ask 91 days old (moved back rather than the clock moved on: a 90-day clock jump
    // runs three months of schedules)
    const cap = npsCapKey(CUSTOMER);
    await cloud.dynamo.send(
      new UpdateItemCommand({
        TableName: cloud.tableNames.Relationship,
        Key: { pk: { S: cap.pk }, sk: { S: cap.sk } },
        UpdateExpression: 'SET askedAt = :old',
        ExpressionAttributeValues: {
          ':old': { S: new Date(cloud.clock.now().getTime() - 91 * 86_400_000).toISOString() },
        },
      }),
    );
    await claimPaid();
    await waitFor(async () => ((await surveys()).length === 2 ? true : undefined), 'the second survey');
    await cloud.settle();
    expect(await surveys()).toHaveLength(2);
    // the new ask's cap counts its period from the new ask
    const second = await stored(npsCapKey(CUSTOMER));
    expect(Date.parse(second.askedAt as string)).toBeGreaterThan(cloud.clock.now().getTime() - 86_400_000);
    expect(second.expiresAt).toBe(periodEnd(second.askedAt, 91));
  });

  it('counts no answer whose retention period is over, although DynamoDB has not deleted it yet', async () => {
    // two answers of three years ago, as the store writes them: one a day past its end, one a day short
    const dayMs = 86_400_000;
    const now = cloud.clock.now().getTime();
    const oldAnswer = async (askId: string, daysAgo: number, segment: string, score: number) => {
      const answeredAt = new Date(now - daysAgo * dayMs).toISOString();
      await dynamo().send(
        new PutCommand({
          TableName: tableName('Relationship'),
          Item: {
            ...npsAnswerKey(askId),
            ...npsAnswerIndexKeys(answeredAt, askId),
            askId,
            customerId: 'C2099',
            touchpoint: 'claim-payment',
            subject: `CLM2099${askId}`,
            segment,
            askedAt: new Date(Date.parse(answeredAt) - dayMs).toISOString(),
            score,
            answeredAt,
            expiresAt: periodEnd(answeredAt, 1096),
          },
        }),
      );
      return answeredAt;
    };
    const gone = await oldAnswer('ASK-2099-gone', 1097, 'silver', 2);
    const kept = await oldAnswer('ASK-2099-kept', 1095, 'gold', 10);
    const report = await api(cloud, `/v1/reports/nps?from=${gone.slice(0, 10)}&to=${kept.slice(0, 10)}`, {
      headers: await auth('lead-claims', 'lead', 'claims'),
    });
    expect(report.status).toBe(200);
    expect(report.body.total).toMatchObject({ answers: 1, promoters: 1, detractors: 0 });
    expect(Object.keys(report.body.bySegment as Json)).toEqual(['gold']);
    expect(report.body.byTouchpoint).toEqual({ 'claim-payment': expect.objectContaining({ answers: 1 }) });
  });
});

describe('relationship health', () => {
  it('is recomputed on the events and shown, with its reasons, on the customer journey', async () => {
    const admin = await auth('admin-20', 'admin');
    const journey = await waitFor(async () => {
      const res = await api(cloud, `/v1/customers/${CUSTOMER}/journey`, { headers: admin });
      const health = res.body.health as { reasons: { factor: string; detail: string }[] } | undefined;
      // the NPS answer and the paid claims are in
      return health?.reasons.some((r) => r.detail === 'latest NPS answer 9') &&
        health.reasons.some((r) => r.factor === 'claims' && r.detail.endsWith('decided claims paid'))
        ? res
        : undefined;
    }, 'health on the journey');
    const health = journey.body.health as {
      score: number;
      band: string;
      reasons: { factor: string; points: number }[];
    };
    expect(health.reasons.map((r) => r.factor)).toEqual([
      'recency',
      'complaints',
      'claims',
      'nps',
      'engagement',
    ]);
    expect(health.reasons.find((r) => r.factor === 'nps')!.points).toBe(18);
    expect(health.reasons.find((r) => r.factor === 'claims')!.points).toBe(20);
    expect(health.score).toBe(health.reasons.reduce((s, r) => s + r.points, 0));
    // stored with its key in the health index segments read (a later recompute may move it)
    const profile = await cloud.dynamo.send(
      new GetItemCommand({
        TableName: cloud.tableNames.Customers,
        Key: { pk: { S: customerProfileKey(CUSTOMER).pk }, sk: { S: 'PROFILE' } },
      }),
    );
    expect(profile.Item?.gsi10pk?.S).toBe(healthPartition(Number(profile.Item?.healthScore?.N)));
    expect(profile.Item?.gsi10sk?.S).toBe(`Asia/Shanghai#${CUSTOMER}`);
  });
});

describe('customer events and RSVP', () => {
  const guests = ['C2101', 'C2102', 'C2103', 'C2104', 'C2105'];
  const tokens: Record<string, string> = {};
  let eventId = '';
  const rsvp = (customerId: string, response?: string) =>
    api(cloud, `/v1/rsvp?t=${tokens[customerId]}`, response ? { method: 'POST', json: { response } } : {});
  const counts = async () =>
    (await api(cloud, `/v1/events/${eventId}`, { headers: await auth('lead-claims', 'lead', 'claims') })).body
      .counts as Record<string, number>;

  it('creates an event for admins only, refuses bad input, and invites each customer with a signed link', async () => {
    const admin = await auth('admin-20', 'admin');
    const imported = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/x-ndjson' },
      body: guests
        .map((customerId, i) =>
          customerLine({
            customerId,
            email: `guest${i}@example.com`,
            phone: `1390021010${i}`,
            preferredChannel: 'email',
          }),
        )
        .join('\n'),
    });
    expect(imported.body).toMatchObject({ created: 5, rejected: [] });
    const body = {
      title: '冬季养生健康讲座',
      kind: 'health-talk',
      segmentId: 'gold-seniors',
      customerIds: [...guests, 'C2101'],
      venue: '静安客户服务中心',
      startsAt: '2026-12-20T06:00:00Z',
      capacity: 2,
    };
    const agent = await api(cloud, '/v1/events', {
      method: 'POST',
      headers: await auth('agent-claims', 'agent', 'claims'),
      json: body,
    });
    expect(agent.status).toBe(403);
    const bad = await api(cloud, '/v1/events', {
      method: 'POST',
      headers: admin,
      json: {
        ...body,
        onlineUrl: 'https://live.example.com/x',
        capacity: 0,
        customerIds: [],
        startsAt: 'soon',
      },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(
      ['body.capacity', 'body.customerIds', 'body.startsAt', 'body.venue'].sort(),
    );
    const created = await api(cloud, '/v1/events', { method: 'POST', headers: admin, json: body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ capacity: 2, counts: { invited: 5, confirmed: 0 } });
    eventId = created.body.eventId as string;
    // each invitation and its RSVP link kept a year from the event's start
    for (const customerId of guests) {
      const invitation = await stored(invitationKey(eventId, customerId));
      expect(invitation.expiresAt).toBe(periodEnd(body.startsAt, 365));
      expect(await stored(rsvpLinkKey(invitation.invitationId as string))).toMatchObject({
        eventId,
        customerId,
        expiresAt: periodEnd(body.startsAt, 365),
      });
    }

    const invitations = await waitFor(async () => {
      const found = (
        (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body.events as {
          detail: { data: Json };
        }[]
      )
        .map((e) => e.detail.data)
        .filter((d) => d.campaignId === 'customer-event' && String(d.dedupeKey).includes('invitation'));
      return found.length >= 5 ? found : undefined;
    }, 'the invitations');
    for (const d of invitations) {
      const text = (d.content as Record<string, { body: string }>)['zh-CN']!.body;
      tokens[d.customerId as string] = /\/rsvp\?t=([\w.-]+)/.exec(text)![1]!;
    }
    expect(Object.keys(tokens).sort()).toEqual(guests);
    const shown = await rsvp('C2101');
    expect(shown.body).toMatchObject({
      state: 'invited',
      event: { title: '冬季养生健康讲座', seatsLeft: 2, timeZone: 'Asia/Shanghai' },
    });
    expect((await api(cloud, `/v1/rsvp?t=${tokens.C2101!.slice(0, -2)}xx`)).status).toBe(400);
  });

  it("invites a segment's members when no customerIds are named, and refuses an unknown segment", async () => {
    const admin = await auth('admin-20', 'admin');
    // the only platinum customers of this cloud: the segment has exactly these two
    const imported = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/x-ndjson' },
      body: ['C2201', 'C2202']
        .map((customerId, i) =>
          customerLine({
            customerId,
            tier: 'platinum',
            email: `vip${i}@example.com`,
            phone: `1390022010${i}`,
          }),
        )
        .join('\n'),
    });
    expect(imported.body).toMatchObject({ created: 2, rejected: [] });
    const segment = await api(cloud, '/v1/segments', {
      method: 'POST',
      headers: admin,
      json: { name: 'Platinum', rules: { tiers: ['platinum'] } },
    });
    expect(segment.status).toBe(201);
    const event = (over: Json) => ({
      title: '财富沙龙',
      kind: 'wealth-salon',
      venue: '陆家嘴客户中心',
      startsAt: '2026-12-22T06:00:00Z',
      capacity: 10,
      ...over,
    });
    const created = await api(cloud, '/v1/events', {
      method: 'POST',
      headers: admin,
      json: event({ segmentId: segment.body.segmentId }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ segmentId: segment.body.segmentId, counts: { invited: 2 } });
    const unknown = await api(cloud, '/v1/events', {
      method: 'POST',
      headers: admin,
      json: event({ segmentId: 'no-such-segment' }),
    });
    expect(unknown.status).toBe(400);
    expect((unknown.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['body.segmentId']);
    const neither = await api(cloud, '/v1/events', { method: 'POST', headers: admin, json: event({}) });
    expect((neither.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['body.customerIds']);
  });

  it('seats the first two, waitlists the rest, and promotes exactly one per seat under concurrent declines', async () => {
    expect((await rsvp('C2101', 'accept')).body.state).toBe('accepted');
    expect((await rsvp('C2102', 'accept')).body.state).toBe('accepted');
    for (const c of ['C2103', 'C2104', 'C2105'])
      expect((await rsvp(c, 'accept')).body.state).toBe('waitlisted');
    expect(await counts()).toMatchObject({ confirmed: 2, waitlisted: 3, declined: 0 });

    // both seated guests decline at once, one of them twice
    const answers = await Promise.all([
      rsvp('C2101', 'decline'),
      rsvp('C2102', 'decline'),
      rsvp('C2101', 'decline'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await counts()).toMatchObject({ confirmed: 2, waitlisted: 1, declined: 2 });
    const states = Object.fromEntries(
      await Promise.all(guests.map(async (c) => [c, (await rsvp(c)).body.state] as const)),
    );
    // the moves keep each invitation's period
    for (const customerId of guests)
      expect((await stored(invitationKey(eventId, customerId))).expiresAt).toBe(
        periodEnd('2026-12-20T06:00:00Z', 365),
      );
    // first come first: the two waitlisted first have the seats
    expect(states).toEqual({
      C2101: 'declined',
      C2102: 'declined',
      C2103: 'accepted',
      C2104: 'accepted',
      C2105: 'waitlisted',
    });
  });

  it('checks a seated customer in once, without a survey yet; refuses one without a seat', async () => {
    const staff = await auth('agent-cs', 'agent', 'customer-service');
    const path = `/v1/events/${eventId}/check-in`;
    const first = await api(cloud, path, { method: 'POST', headers: staff, json: { customerId: 'C2103' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'checked-in' });
    const again = await api(cloud, path, { method: 'POST', headers: staff, json: { customerId: 'C2103' } });
    expect(again.status).toBe(200);
    const noSeat = await api(cloud, path, { method: 'POST', headers: staff, json: { customerId: 'C2105' } });
    expect(noSeat.status).toBe(409);
    const stranger = await api(cloud, path, {
      method: 'POST',
      headers: staff,
      json: { customerId: 'C9999' },
    });
    expect(stranger.status).toBe(404);
    expect(await counts()).toMatchObject({ confirmed: 2, checkedIn: 1, surveysAsked: 0 });
    // the survey waits for the end of the event (the post-event survey below)
    await cloud.settle();
    const asked = (
      (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body.events as {
        detail: { data: Json };
      }[]
    ).filter((e) => e.detail.data.campaignId === 'nps-survey' && e.detail.data.customerId === 'C2103');
    expect(asked).toEqual([]);
  });
});

describe('the event reminder the day before at 09:00 the customer’s time', () => {
  // 06:00 UTC on 10 December: 14:00 in Shanghai, 01:00 in New York (both on the 10th there)
  const startsAt = '2026-12-10T06:00:00Z';
  const zones: Record<string, string> = {
    C2401: 'Asia/Shanghai', // seated
    C2402: 'America/New_York', // seated
    C2403: 'Asia/Shanghai', // seated, declines before the reminder: promotes C2404
    C2404: 'Asia/Shanghai', // waitlisted, then promoted
    C2405: 'Asia/Shanghai', // never answers
    C2406: 'America/New_York', // seated, declines after Shanghai's reminders went, before hers
  };
  const tokens: Record<string, string> = {};
  const rsvp = (customerId: string, response: 'accept' | 'decline') =>
    api(cloud, `/v1/rsvp?t=${tokens[customerId]}`, { method: 'POST', json: { response } });
  const reminders = async () =>
    (
      (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body.events as {
        detail: { data: Json };
      }[]
    )
      .map((e) => e.detail.data)
      .filter((d) => String(d.dedupeKey).includes('-reminder#'));
  const remindedCustomers = async () => (await reminders()).map((d) => d.customerId as string).sort();

  it('reminds each seated guest once at their own 09:00, and nobody who gave the seat up before it went', async () => {
    const admin = await auth('admin-20', 'admin');
    const imported = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/x-ndjson' },
      body: Object.entries(zones)
        .map(([customerId, timeZone], i) =>
          customerLine({
            customerId,
            timeZone,
            email: `seat${i}@example.com`,
            phone: `1390024010${i}`,
            preferredChannel: 'email',
          }),
        )
        .join('\n'),
    });
    expect(imported.body).toMatchObject({ created: 6, rejected: [] });
    const created = await api(cloud, '/v1/events', {
      method: 'POST',
      headers: admin,
      json: {
        title: '家庭开放日',
        kind: 'family-day',
        customerIds: Object.keys(zones),
        venue: '徐汇客户服务中心',
        startsAt,
        capacity: 4,
      },
    });
    expect(created.status).toBe(201);
    const eventId = created.body.eventId as string;
    await waitFor(async () => {
      const invitations = (
        (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body.events as {
          detail: { data: Json };
        }[]
      )
        .map((e) => e.detail.data)
        .filter((d) => String(d.dedupeKey).startsWith(`customer-event#${eventId}-invitation#`));
      for (const d of invitations) {
        const text = (d.content as Record<string, { body: string }>)['zh-CN']!.body;
        tokens[d.customerId as string] = /\/rsvp\?t=([\w.-]+)/.exec(text)![1]!;
      }
      return invitations.length === 6 ? true : undefined;
    }, 'the invitations');

    for (const c of ['C2401', 'C2402', 'C2403', 'C2406'])
      expect((await rsvp(c, 'accept')).body.state).toBe('accepted');
    expect((await rsvp('C2404', 'accept')).body.state).toBe('waitlisted');
    expect((await rsvp('C2403', 'decline')).body.state).toBe('declined');

    // past 09:00 in Shanghai on the 9th (01:00 UTC): the hourly planner sends Shanghai's reminders
    await setClock('2026-12-09T02:00:00Z');
    expect(
      await waitFor(
        async () => ((await reminders()).length >= 2 ? remindedCustomers() : undefined),
        'Shanghai reminders',
      ),
    ).toEqual(['C2401', 'C2404']);
    const shanghai = (await reminders()).find((d) => d.customerId === 'C2401')!;
    expect(shanghai).toMatchObject({ consent: 'service', campaignId: 'customer-event' });
    expect((shanghai.content as Record<string, { body: string }>)['zh-CN']!.body).toContain(
      '2026年12月10日 14:00',
    );

    // New York's guest who gives her seat up before her 09:00 hears nothing
    expect((await rsvp('C2406', 'decline')).body.state).toBe('declined');
    // the clock set back over the hour and forward again, and the planner rerun: nothing twice
    await setClock('2026-12-09T00:30:00Z');
    await setClock('2026-12-09T02:30:00Z');
    await api(cloud, '/dev/schedules/care-campaign-planner/run', { method: 'POST' });
    // 09:00 in New York on the 9th is 14:00 UTC
    await setClock('2026-12-09T15:00:00Z');
    const all = await waitFor(async () => {
      const found = await remindedCustomers();
      return found.includes('C2402') ? found : undefined;
    }, "New York's reminder");
    await cloud.settle();
    expect(await remindedCustomers()).toEqual(['C2401', 'C2402', 'C2404']);
    expect(all).toEqual(['C2401', 'C2402', 'C2404']);
    const newYork = (await reminders()).find((d) => d.customerId === 'C2402')!;
    // her reminder names the event at her own time: 01:00 on the 10th in New York
    expect((newYork.content as Record<string, { body: string }>).en!.body).toContain(
      '10 December 2026 at 01:00',
    );
  });
});

describe('an event for a segment of more than 200 members', () => {
  it('is created at once and invites the members in pages through the queue, each once', async () => {
    const admin = await auth('admin-20', 'admin');
    // the only customers of this cloud in Tokyo: the segment has exactly these 205
    const members = Array.from({ length: 205 }, (_, i) => `TYO${String(i).padStart(4, '0')}`);
    const imported = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/x-ndjson' },
      body: members
        .map((customerId, i) =>
          customerLine({
            customerId,
            timeZone: 'Asia/Tokyo',
            phone: `1390026${String(i).padStart(4, '0')}`,
            email: `${customerId.toLowerCase()}@example.com`,
            policies: [],
          }),
        )
        .join('\n'),
    });
    expect(imported.body).toMatchObject({ created: 205, rejected: [] });
    const segment = await api(cloud, '/v1/segments', {
      method: 'POST',
      headers: admin,
      json: { name: 'Tokyo', rules: { timeZones: ['Asia/Tokyo'] } },
    });
    expect(segment.status).toBe(201);
    const created = await api(cloud, '/v1/events', {
      method: 'POST',
      headers: admin,
      json: {
        title: '东京客户答谢会',
        kind: 'other',
        segmentId: segment.body.segmentId,
        venue: '東京カスタマーセンター',
        startsAt: '2027-01-20T06:00:00Z',
        capacity: 50,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ queued: 205, counts: { invited: 0 } });
    const eventId = created.body.eventId as string;
    await waitFor(
      async () => ((await eventCounts(eventId)).invited === 205 ? true : undefined),
      'the invitations',
    );
    await cloud.settle();
    const invited = (
      (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body.events as {
        detail: { data: Json };
      }[]
    )
      .map((e) => e.detail.data)
      .filter((d) => String(d.dedupeKey).startsWith(`customer-event#${eventId}-invitation#`))
      .map((d) => d.customerId as string);
    expect(invited.sort()).toEqual(members);
    expect((await eventCounts(eventId)).invited).toBe(205);
    // the three pages asked for, each kept a year from the event's start
    for (const offset of [0, 100, 200])
      expect(await stored(invitationPageKey(eventId, offset))).toMatchObject({
        offset,
        expiresAt: periodEnd('2027-01-20T06:00:00Z', 365),
      });
  });
});

describe('the post-event survey', () => {
  // runs after the reminder story (clock at 15:00 UTC on 9 December). The talk is 10:00–12:00 in
  // Shanghai on the 10th: 21:00–23:00 on the 9th in New York
  const startsAt = '2026-12-10T02:00:00Z';
  const endsAt = '2026-12-10T04:00:00Z';
  const zones: Record<string, string> = {
    C2501: 'Asia/Shanghai', // checked in: asked at the end
    C2502: 'America/New_York', // checked in: the end is 23:00 for her, asked at 09:00 her time
    C2503: 'Asia/Shanghai', // seated, never came: not asked
  };
  const tokens: Record<string, string> = {};
  const messages = async () =>
    (
      (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body.events as {
        detail: { data: Json };
      }[]
    ).map((e) => e.detail.data);
  const surveyed = async () =>
    (await messages())
      .filter((d) => d.campaignId === 'nps-survey' && String(d.customerId) in zones)
      .map((d) => d.customerId as string)
      .sort();
  let eventId = '';

  it("invites each guest with the event's time as their clocks show it, and refuses an end before the start", async () => {
    const admin = await auth('admin-20', 'admin');
    const imported = await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/x-ndjson' },
      body: Object.entries(zones)
        .map(([customerId, timeZone], i) =>
          customerLine({
            customerId,
            timeZone,
            email: `talk${i}@example.com`,
            phone: `1390025010${i}`,
            preferredChannel: 'email',
          }),
        )
        .join('\n'),
    });
    expect(imported.body).toMatchObject({ created: 3, rejected: [] });
    const body = {
      title: '理赔知识讲座',
      kind: 'health-talk',
      // the NPS customer was asked after a claim payment lately: the 90-day cap holds her survey back
      customerIds: [...Object.keys(zones), CUSTOMER],
      onlineUrl: 'https://live.example.com/talk',
      startsAt,
      endsAt,
      capacity: 10,
    };
    const backwards = await api(cloud, '/v1/events', {
      method: 'POST',
      headers: admin,
      json: { ...body, endsAt: '2026-12-10T01:00:00Z' },
    });
    expect(backwards.status).toBe(400);
    expect((backwards.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['body.endsAt']);
    // longer than 31 days: its invitations, kept a year from the start, would not outlast it by much
    const tooLong = await api(cloud, '/v1/events', {
      method: 'POST',
      headers: admin,
      json: { ...body, endsAt: '2027-01-10T02:00:01Z' },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers.get('content-type')).toMatch(/problem\+json/);
    expect(tooLong.body.errors).toEqual([
      { path: 'body.endsAt', message: 'Must be at most 31 days after startsAt' },
    ]);
    const created = await api(cloud, '/v1/events', { method: 'POST', headers: admin, json: body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ endsAt: '2026-12-10T04:00:00.000Z', counts: { invited: 4 } });
    eventId = created.body.eventId as string;
    const invitations = await waitFor(async () => {
      const found = (await messages()).filter((d) =>
        String(d.dedupeKey).startsWith(`customer-event#${eventId}-invitation#`),
      );
      return found.length === 4 ? found : undefined;
    }, 'the invitations');
    const text = (customerId: string, language: 'zh-CN' | 'en') =>
      (invitations.find((d) => d.customerId === customerId)!.content as Record<string, { body: string }>)[
        language
      ]!.body;
    for (const d of invitations)
      tokens[d.customerId as string] = /\/rsvp\?t=([\w.-]+)/.exec(text(d.customerId as string, 'en'))![1]!;
    expect(text('C2501', 'zh-CN')).toContain('2026年12月10日 10:00');
    expect(text('C2502', 'en')).toContain('9 December 2026 at 21:00');
    expect(text('C2502', 'zh-CN')).toContain('2026年12月9日 21:00');
    expect(JSON.stringify(invitations)).not.toContain('T02:00');
  });

  it('asks each guest who came once the event is over, at a civil hour of their day, once, and counts the answers', async () => {
    const staff = await auth('agent-cs', 'agent', 'customer-service');
    for (const c of [...Object.keys(zones), CUSTOMER]) {
      const answer = await api(cloud, `/v1/rsvp?t=${tokens[c]}`, {
        method: 'POST',
        json: { response: 'accept' },
      });
      expect(answer.body.state).toBe('accepted');
    }
    // the talk is on: the guests come in
    await setClock('2026-12-10T02:30:00Z');
    for (const customerId of ['C2501', 'C2502', CUSTOMER]) {
      const res = await api(cloud, `/v1/events/${eventId}/check-in`, {
        method: 'POST',
        headers: staff,
        json: { customerId },
      });
      expect(res.status).toBe(200);
    }
    await setClock('2026-12-10T03:30:00Z');
    await cloud.settle();
    expect(await surveyed()).toEqual([]);

    // over at 12:00 in Shanghai: the 05:00 UTC run asks the Shanghai guest; New York is asleep
    await setClock('2026-12-10T05:00:00Z');
    await waitFor(
      async () => ((await surveyed()).includes('C2501') ? true : undefined),
      'the Shanghai survey',
    );
    // the clock set back and forward again over the hour, and the planner rerun: nobody twice
    await setClock('2026-12-10T03:00:00Z');
    await setClock('2026-12-10T05:30:00Z');
    await api(cloud, '/dev/schedules/care-campaign-planner/run', { method: 'POST' });
    await cloud.settle();
    expect(await surveyed()).toEqual(['C2501']);

    // 09:00 in New York is 14:00 UTC
    await setClock('2026-12-10T13:00:00Z');
    await cloud.settle();
    expect(await surveyed()).toEqual(['C2501']);
    await setClock('2026-12-10T14:00:00Z');
    await waitFor(
      async () => ((await surveyed()).includes('C2502') ? true : undefined),
      'the New York survey',
    );
    await cloud.settle();
    // the one who never came is not asked, nor the capped customer (her two surveys are the claims')
    expect(await surveyed()).toEqual(['C2501', 'C2502']);
    expect(await surveys()).toHaveLength(2);
    const asked = (await messages()).filter((d) => d.campaignId === 'nps-survey' && d.customerId === 'C2501');
    expect(asked).toHaveLength(1);
    const answer = await api(cloud, `/v1/nps?t=${surveyToken(asked[0]!)}`, {
      method: 'POST',
      json: { score: 9, comment: '讲得很清楚' },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ touchpoint: 'event', score: 9 });
    expect(await eventCounts(eventId)).toMatchObject({
      confirmed: 4,
      checkedIn: 3,
      surveysAsked: 2,
      surveysAnswered: 1,
    });
  });
});
