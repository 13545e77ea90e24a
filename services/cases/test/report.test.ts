/**
 * The complaints report on the local cloud: complaints filed through the API at instants either
 * side of a quarter's edges (in Asia/Shanghai, so one of them sits in the index's December
 * partition), worked to a decision by writing the outcome straight into the table, then reported
 * as JSON and CSV to an admin, to leads of two teams, and refused to everyone else; the NFRA
 * return from the counters, refused before their rebuild and answered after it.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '#shared/aws/clients';
import type { Complaint } from '#shared/contracts/complaint';
import { clockKey, complaintKey } from '#shared/tables/complaints';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { rebuildReturnCounters } from '../../quality/adapters/rebuild-return-counters';
import { monthsBetween } from '../adapters/dynamo-report-source';
import type { ComplaintReport } from '../domain/report';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

const HOUR = 3_600_000;
const Q1 = 'from=2026-01-01&to=2026-03-31';

type BusEntry = { detail: { data: Record<string, unknown> } };
const triaged = async (complaintId: string) =>
  ((await api(cloud, '/dev/events?type=complaint.triaged&limit=1000')).body.events as BusEntry[]).some(
    (e) => e.detail.data.complaintId === complaintId,
  );

/** Files a complaint at a given instant and waits until triage and the SLA clocks are done with it. */
async function fileAt(instant: string, phone: string, description: string) {
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: instant } });
  const res = await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: { customer: { name: '钱雷', phone }, description, consent: { dataProcessing: true } },
  });
  expect(res.status).toBe(201);
  const complaintId = res.body.complaintId as string;
  await waitFor(async () => ((await triaged(complaintId)) ? true : undefined), 'triage');
  await cloud.settle();
  return { complaintId, receivedAt: res.body.receivedAt as string };
}

type Worked = Partial<Pick<Complaint, 'status' | 'category' | 'priority' | 'team' | 'escalated'>> & {
  possibleDuplicateOf?: string;
  decision?: { outcome: string; rootCause: string; afterHours: number };
  resolveClock?: 'met' | 'breached';
};

/** What the case actions would have recorded, written directly (this test is about reading it). */
async function work(filed: { complaintId: string; receivedAt: string }, worked: Worked) {
  const { decision, resolveClock, possibleDuplicateOf, ...fields } = worked;
  const set: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    set.push(`#${name} = :${name}`);
    names[`#${name}`] = name;
    values[`:${name}`] = value;
  }
  if (decision) {
    set.push('resolution = :resolution');
    values[':resolution'] = {
      outcome: decision.outcome,
      rootCause: decision.rootCause,
      responseToCustomer: 'Decision letter sent.',
      resolvedAt: new Date(Date.parse(filed.receivedAt) + decision.afterHours * HOUR).toISOString(),
      resolvedBy: 'lead-li',
    };
  }
  if (possibleDuplicateOf) {
    set.push('possibleDuplicateOf = :duplicateOf');
    values[':duplicateOf'] = possibleDuplicateOf;
  }
  const table = cloud.tableNames.Complaints;
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: complaintKey(filed.complaintId),
      UpdateExpression: `SET ${set.join(', ')}${possibleDuplicateOf ? '' : ' REMOVE possibleDuplicateOf'}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
  if (resolveClock) {
    await dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: clockKey(filed.complaintId, 'resolve'),
        UpdateExpression: 'SET #state = :state, stoppedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':state': resolveClock,
          ':at': new Date(Date.parse(filed.receivedAt) + (decision?.afterHours ?? 1) * HOUR).toISOString(),
        },
      }),
    );
  }
}

const tokenFor = async (sub: string, role: string, team?: string) =>
  (await api(cloud, '/dev/token', { method: 'POST', json: { sub, role, ...(team ? { team } : {}) } })).body
    .token as string;
const report = async (query: string, token?: string) =>
  api(cloud, `/v1/reports/complaints?${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

const ids: Record<string, string> = {};

describe('complaints report', () => {
  beforeAll(async () => {
    // Latest first: moving the clock back never lets the SLA sweep fire on a complaint filed earlier.
    const afterQuarter = await fileAt(
      '2026-03-31T16:00:00Z',
      '13900000005',
      '四月一日零点提交的投诉：保费扣款错误。',
    );
    const lastDay = await fileAt('2026-03-31T15:59:00Z', '13900000004', '续期保费多扣了一期，请退还。');
    const repeat = await fileAt('2026-02-20T03:00:00Z', '13900000003', '客服电话一直打不通，没人回复。');
    const claims = await fileAt('2026-02-10T02:00:00Z', '13900000003', '理赔材料交齐一个月了还没有赔款。');
    const firstDay = await fileAt(
      '2025-12-31T16:00:00Z',
      '13900000002',
      '元旦零点提交：理赔被拒，理由不清。',
    );
    const beforeQuarter = await fileAt('2025-12-31T15:59:00Z', '13900000001', '十二月三十一日的投诉。');
    // The clock runs on between set and receipt (setting it waits for the cloud to settle, seconds
    // on a busy machine), so the instants before an edge leave it a minute; the edges still hold.
    expect(afterQuarter.receivedAt >= '2026-03-31T16:00:00.000Z').toBe(true);
    expect(lastDay.receivedAt < '2026-03-31T16:00:00.000Z').toBe(true);
    expect(firstDay.receivedAt.startsWith('2025-12')).toBe(true);
    expect(beforeQuarter.receivedAt < '2025-12-31T16:00:00.000Z').toBe(true);
    Object.assign(ids, {
      afterQuarter: afterQuarter.complaintId,
      lastDay: lastDay.complaintId,
      repeat: repeat.complaintId,
      claims: claims.complaintId,
      firstDay: firstDay.complaintId,
      beforeQuarter: beforeQuarter.complaintId,
    });

    await work(firstDay, {
      status: 'resolved',
      category: 'claims',
      priority: 'P2',
      team: 'claims',
      decision: { outcome: 'upheld', rootCause: 'claims-handling', afterHours: 10 },
      resolveClock: 'met',
    });
    await work(claims, {
      status: 'closed',
      category: 'claims',
      priority: 'P3',
      team: 'claims',
      escalated: true,
      decision: { outcome: 'partially-upheld', rootCause: 'communication', afterHours: 30 },
      resolveClock: 'breached',
    });
    await work(repeat, {
      status: 'resolved',
      category: 'service-quality',
      priority: 'P4',
      team: 'customer-service',
      possibleDuplicateOf: claims.complaintId,
      decision: { outcome: 'rejected', rootCause: 'no-fault-found', afterHours: 50 },
      resolveClock: 'met',
    });
    await work(lastDay, {
      status: 'in-progress',
      category: 'premium',
      priority: 'P3',
      team: 'customer-service',
    });
    for (const outside of [afterQuarter, beforeQuarter]) {
      await work(outside, { status: 'triaged', category: 'premium', priority: 'P4', team: 'claims' });
    }
  });

  it('answers 401 without a token, 403 to agents and to leads without a team', async () => {
    const anonymous = await report(Q1);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await report(Q1, await tokenFor('agent-ann', 'agent', 'claims'))).status).toBe(403);
    expect((await report(Q1, await tokenFor('lead-nobody', 'lead'))).status).toBe(403);
  });

  it('answers 400 to dates that make no period', async () => {
    const admin = await tokenFor('admin-ada', 'admin');
    const problem = async (query: string) => {
      const res = await report(query, admin);
      expect(res.status, query).toBe(400);
      return (res.body.errors as { path: string; message: string }[]).map((e) => e.path);
    };
    expect(await problem('from=2026-02-30&to=2026-03-31')).toEqual(['query.from']);
    expect(await problem('from=2026/01/01&to=2026-03-31')).toEqual(['query.from']);
    expect(await problem('from=2026-01-01')).toEqual(['query.to']);
    expect(await problem('from=2026-04-01&to=2026-03-31')).toEqual(['query.to']);
    expect(await problem('from=2026-01-01&to=2027-01-02')).toEqual(['query.to']);
    expect(await problem(`${Q1}&format=xml`)).toEqual(['query.format']);
    expect(await problem(`${Q1}&team=claims`)).toEqual(['query.team']);
    expect((await report('from=2028-01-01&to=2028-12-31', admin)).status).toBe(200);
  });

  it('gives an admin every team of the quarter, and nothing from either side of it', async () => {
    const res = await report(Q1, await tokenFor('admin-ada', 'admin'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = res.body as unknown as ComplaintReport;
    expect(body.period).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      timeZone: 'Asia/Shanghai',
      receivedFrom: '2025-12-31T16:00:00.000Z',
      receivedBefore: '2026-03-31T16:00:00.000Z',
    });
    expect(body.scope).toEqual({ teams: 'all' });
    expect(body.totals).toEqual({ received: 4, open: 1, resolved: 2, closed: 1 });
    expect(body.counts.team).toMatchObject({ claims: 2, 'customer-service': 2, 'privacy-office': 0 });
    expect(body.counts.category).toMatchObject({ claims: 2, 'service-quality': 1, premium: 1 });
    expect(body.counts.channel).toEqual({ web: 4, hotline: 0 });
    expect(body.counts.priority).toEqual({ P1: 0, P2: 1, P3: 2, P4: 1, 'not-triaged': 0 });
    expect(body.counts.outcome).toEqual({
      upheld: 1,
      'partially-upheld': 1,
      rejected: 1,
      'not-resolved': 1,
    });
    // resolve took v1 flat values and recorded the taxonomy codes they map to
    expect(body.counts.rootCause).toMatchObject({
      'claims/handling-error': 1,
      'service/communication': 1,
      'no-fault/no-fault-found': 1,
      'not-resolved': 1,
    });
    expect(body.clocks.find((c) => c.regime === 'cn-nfra' && c.clock === 'resolve')).toEqual({
      regime: 'cn-nfra',
      clock: 'resolve',
      met: 2,
      breached: 1,
      metShare: 0.6667,
      running: 1,
      paused: 0,
      stopped: 0,
      lapsed: 0,
    });
    expect(body.timeToResolve).toEqual({ resolved: 3, medianHours: 30, p90Hours: 46 });
    expect(body.repeatComplaints).toMatchObject({ count: 1, rate: 0.25, windowDays: 90 });
    expect(body.possibleDuplicates).toBe(1);
    expect(body.escalated).toBe(1);
    // the lead's figures: what is open now, whenever received (the quarter's one open complaint and
    // the two filed either side of it, from the open complaints index); no breach left open (the
    // breached one is closed)
    expect(body.now).toMatchObject({ open: 3, breaches: 0, escalated: 0 });
    expect(body.now.openByTeam).toMatchObject({ 'customer-service': 1, claims: 2 });
    expect(body.topRootCauses.map((r) => [r.rootCause, r.count])).toEqual([
      ['claims/handling-error', 1],
      ['no-fault/no-fault-found', 1],
      ['service/communication', 1],
    ]);
    expect(body.clockTrend.bucket).toBe('week');
    const trend = body.clockTrend.series.find((s) => s.regime === 'cn-nfra' && s.clock === 'resolve')!;
    expect(trend.points[0]!.start).toBe('2025-12-29'); // the Monday of the week holding 1 January
    expect(trend.points.reduce((n, p) => n + p.met, 0)).toBe(2);
    expect(trend.points.reduce((n, p) => n + p.breached, 0)).toBe(1);
  });

  it('reads a first day that falls in the previous UTC month, and the days either side of a quarter', async () => {
    const admin = await tokenFor('admin-ada', 'admin');
    const totalOn = async (day: string) =>
      ((await report(`from=${day}&to=${day}`, admin)).body as unknown as ComplaintReport).totals.received;
    expect(await totalOn('2026-01-01')).toBe(1);
    expect(await totalOn('2025-12-31')).toBe(1);
    expect(await totalOn('2026-03-31')).toBe(1);
    expect(await totalOn('2026-04-01')).toBe(1);
  });

  it('gives a lead their own team only; a repeat counts even when the earlier complaint was another team’s', async () => {
    const claims = (await report(Q1, await tokenFor('lead-li', 'lead', 'claims')))
      .body as unknown as ComplaintReport;
    expect(claims.scope).toEqual({ team: 'claims' });
    expect(claims.totals).toEqual({ received: 2, open: 0, resolved: 1, closed: 1 });
    expect(claims.counts.team).toMatchObject({ claims: 2, 'customer-service': 0 });
    expect(claims.timeToResolve).toEqual({ resolved: 2, medianHours: 20, p90Hours: 28 });
    expect(claims.clocks.find((c) => c.clock === 'resolve')).toMatchObject({
      met: 1,
      breached: 1,
      metShare: 0.5,
    });
    expect(claims.repeatComplaints.count).toBe(0);
    expect(claims.escalated).toBe(1);
    // open now in the team: the two received outside the quarter
    expect(claims.now).toMatchObject({ open: 2 });

    const service = (await report(Q1, await tokenFor('lead-wu', 'lead', 'customer-service')))
      .body as unknown as ComplaintReport;
    expect(service.totals.received).toBe(2);
    expect(service.counts.team).toMatchObject({ claims: 0, 'customer-service': 2 });
    expect(service.repeatComplaints.count).toBe(1);
    expect(service.possibleDuplicates).toBe(1);
  });

  it('downloads the same figures as one CSV section', async () => {
    const res = await api(cloud, `/v1/reports/complaints?${Q1}&format=csv`, {
      headers: { authorization: `Bearer ${await tokenFor('admin-ada', 'admin')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename=complaints-2026-01-01-2026-03-31.csv',
    );
    const lines = String(res.body).split('\r\n');
    expect(lines[0]).toBe('dimension,value,count,share,hours');
    expect(lines).toEqual(
      expect.arrayContaining([
        'period,2026-01-01/2026-03-31,4,,',
        'scope,all-teams,4,,',
        'team,claims,2,0.5,',
        'outcome,rejected,1,0.25,',
        'root-cause,service/communication,1,0.25,',
        'clock:cn-nfra:resolve,met-share,3,0.6667,',
        'time-to-resolve,median,3,,30',
        'time-to-resolve,p90,3,,46',
        'repeat-complaints,within-90-days,1,0.25,',
      ]),
    );
  });

  it("answers the NFRA return of the quarter to admins only, as JSON and CSV (the regulators' returns)", async () => {
    const returns = async (query: string, token?: string) =>
      api(cloud, `/v1/reports/returns/cn-nfra?${query}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await returns(Q1)).status).toBe(401);
    expect((await returns(Q1, await tokenFor('lead-li', 'lead', 'claims'))).status).toBe(403);
    expect((await returns(Q1, await tokenFor('agent-ann', 'agent', 'claims'))).status).toBe(403);
    const admin = await tokenFor('admin-ada', 'admin');
    const unknown = await api(cloud, `/v1/reports/returns/us-cfpb?${Q1}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(unknown.status).toBe(400);

    // the counters start at the first filing (31 March), and the decisions above were written
    // straight into the table, past their consumer: the quarter is refused until the rebuild counts them
    const refused = await returns(Q1, admin);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // the consumer recorded the counters' start at the first complaint event it counted
    expect(refused.body.detail).toMatch(/counters that start at 2026-03-31T16:.*returns:rebuild/);
    const rebuild = () =>
      rebuildReturnCounters({
        since: new Date('2025-01-01T00:00:00Z'),
        until: new Date('2026-12-31T00:00:00Z'),
      });
    const rebuilt = await rebuild();
    expect(rebuilt.complaints).toBe(6);
    expect(rebuilt.counted).toBeGreaterThan(0);
    expect(rebuilt.coverage.rebuiltAt).toBeDefined();
    // once is enough: a second run finds every complaint counted as it is
    expect(await rebuild()).toMatchObject({ complaints: 6, counted: 0, unchanged: 6 });

    const res = await returns(Q1, admin);
    expect(res.status).toBe(200);
    // the cloud's clock is still at the last filing, 31 December 2025: the answer says the quarter
    // has not ended (its figures are as of then), and nothing else is missing
    expect(res.body.gaps).toEqual([
      expect.stringMatching(/^The period has not ended \(it ends 2026-03-31\)/),
    ]);
    const count = (dimension: string, value: string) =>
      (res.body.rows as [string, string, number][]).find((r) => r[0] === dimension && r[1] === value)?.[2];
    // the quarter's four (all cn-nfra: received on the web in China), as worked above
    expect(count('total', '投诉总量')).toBe(4);
    expect(count('business-category', '理赔纠纷')).toBe(2);
    expect(count('business-category', '服务质量纠纷')).toBe(1);
    expect(count('business-category', '保全及其他纠纷')).toBe(1); // premium
    expect(count('cause', '理赔')).toBe(1); // claims-handling, recorded before the taxonomy
    expect(count('cause', '服务态度及质量')).toBe(1); // communication
    expect(count('cause', '经核查无过错')).toBe(1);
    expect(count('cause', '未办结')).toBe(1);
    expect(count('channel', '互联网')).toBe(4);
    expect(count('outcome', '支持')).toBe(1);
    expect(count('outcome', '部分支持')).toBe(1);
    expect(count('outcome', '不支持')).toBe(1);
    expect(count('handling-time', '15日内')).toBe(3); // decided 10, 30 and 50 hours after receipt
    expect(count('handling-time', '未办结')).toBe(1);

    const csv = await returns(`${Q1}&format=csv`, admin);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('x-return-gaps')).toBe('1');
    const lines = String(csv.body).split('\r\n');
    expect(lines[0]).toBe('dimension,value,complaints');
    expect(lines).toEqual(
      expect.arrayContaining(['total,投诉总量,4', 'handling-time,15日内,3', 'channel,电话,0']),
    );

    // a month is no NFRA period, and the answer says so
    const month = await returns('from=2026-01-01&to=2026-01-31', admin);
    expect(month.body.gaps).toContain(
      'NFRA complaint statistics are quarterly; this period is not a calendar quarter.',
    );
  });
});

describe('the reporting index partitions a period reads', () => {
  it('are the UTC months the instants touch, the month of the exclusive end left out when nothing of it is', () => {
    const months = (from: string, before: string) => monthsBetween(new Date(from), new Date(before));
    expect(months('2025-12-31T16:00:00Z', '2026-03-31T16:00:00Z')).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(months('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')).toEqual(['2026-01']);
    expect(months('2027-12-31T16:00:00Z', '2028-12-31T16:00:00Z')).toHaveLength(13);
  });
});
