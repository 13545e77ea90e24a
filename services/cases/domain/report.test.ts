/**
 * The complaints report as pure aggregation: period bounds in the company's time zone, counts with
 * every vocabulary value present, clock met shares, resolution time quantiles, repeat detection,
 * scoping by role, and the CSV section.
 */
import { describe, expect, it } from 'vitest';
import { Forbidden } from '#shared/domain/errors';
import {
  aggregateReport,
  type ComplaintRecord,
  complaintReport,
  periodProblem,
  quantile,
  type ReceivedComplaint,
  type ReportedClock,
  type ReportedComplaint,
  type ReportSource,
  receiptWindow,
  repeatComplaintIds,
  reportCsv,
} from './report';

const Q1 = { from: '2026-01-01', to: '2026-03-31', timeZone: 'Asia/Shanghai' };
const NOW = new Date('2026-04-02T00:00:00Z');
const HOUR = 3_600_000;

const at = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR).toISOString();

function complaint(id: string, overrides: Partial<ReportedComplaint> = {}): ReportedComplaint {
  return {
    complaintId: id,
    receivedAt: '2026-02-01T02:00:00.000Z',
    status: 'triaged',
    channel: 'web',
    customerKey: `phone:${id}`,
    category: 'claims',
    priority: 'P3',
    team: 'claims',
    ...overrides,
  };
}

function resolved(id: string, hours: number, overrides: Partial<ReportedComplaint> = {}): ReportedComplaint {
  const base = complaint(id, overrides);
  return {
    ...base,
    status: 'resolved',
    resolution: { outcome: 'upheld', rootCause: 'claims-handling', resolvedAt: at(base.receivedAt, hours) },
    ...overrides,
  };
}

const clock = (name: ReportedClock['name'], state: ReportedClock['state'], regime = 'cn-nfra') =>
  ({ name, state, regime, dueAt: '2026-02-16T16:00:00.000Z' }) as ReportedClock;

const record = (c: ReportedComplaint, clocks: ReportedClock[] = []): ComplaintRecord => ({
  complaint: c,
  clocks,
});

const report = (records: ComplaintRecord[], history?: ReceivedComplaint[]) =>
  aggregateReport({ period: Q1, scope: { teams: 'all' }, records, history, generatedAt: NOW });

describe('report period', () => {
  it('covers local midnight to local midnight in the company time zone', () => {
    const window = receiptWindow(Q1);
    expect(window.receivedFrom.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(window.receivedBefore.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('allows up to 366 days, from not after to', () => {
    expect(periodProblem('2028-01-01', '2028-12-31')).toBeUndefined();
    expect(periodProblem('2026-03-01', '2026-03-01')).toBeUndefined();
    expect(periodProblem('2026-01-01', '2027-01-02')).toMatch(/366/);
    expect(periodProblem('2026-03-02', '2026-03-01')).toMatch(/after/);
  });
});

describe('quantile', () => {
  it('interpolates between closest ranks', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([10, 30], 0.5)).toBe(20);
    expect(quantile([10, 30, 50], 0.5)).toBe(30);
    expect(quantile([10, 30, 50], 0.9)).toBeCloseTo(46);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });
});

describe('aggregateReport', () => {
  it('counts every dimension, with zero rows and a bucket for what is not triaged or decided yet', () => {
    const r = report([
      record(resolved('a', 10, { channel: 'hotline', priority: 'P1' })),
      record(
        resolved('b', 30, {
          category: 'privacy',
          team: 'privacy-office',
          resolution: {
            outcome: 'rejected',
            rootCause: 'no-fault-found',
            resolvedAt: '2026-02-02T08:00:00.000Z',
          },
        }),
      ),
      record(
        complaint('c', { status: 'received', category: undefined, priority: undefined, team: undefined }),
      ),
      // a reopened complaint keeps its old resolution, which is no longer the decision
      record(
        complaint('d', {
          status: 'in-progress',
          resolution: {
            outcome: 'upheld',
            rootCause: 'communication',
            resolvedAt: '2026-02-03T00:00:00.000Z',
          },
        }),
      ),
    ]);
    expect(r.totals).toEqual({ received: 4, open: 2, resolved: 2, closed: 0 });
    expect(r.counts.category).toMatchObject({ claims: 2, privacy: 1, sales: 0, 'not-triaged': 1 });
    expect(Object.keys(r.counts.category)).toHaveLength(9);
    expect(r.counts.channel).toEqual({ web: 3, hotline: 1 });
    expect(r.counts.team).toMatchObject({
      claims: 2,
      'privacy-office': 1,
      'escalation-desk': 0,
      'not-triaged': 1,
    });
    expect(r.counts.priority).toEqual({ P1: 1, P2: 0, P3: 2, P4: 0, 'not-triaged': 1 });
    expect(r.counts.status).toMatchObject({ received: 1, resolved: 2, 'in-progress': 1, closed: 0 });
    expect(r.counts.outcome).toEqual({ upheld: 1, 'partially-upheld': 0, rejected: 1, 'not-resolved': 2 });
    // stored v1 flat values count under the taxonomy code they map to
    expect(r.counts.rootCause).toMatchObject({
      'claims/handling-error': 1,
      'no-fault/no-fault-found': 1,
      'service/communication': 0,
      'not-resolved': 2,
    });
  });

  it('gives median and p90 time to resolve in calendar hours, over decided complaints only', () => {
    const r = report([
      record(resolved('a', 50)),
      record(resolved('b', 10)),
      record({ ...resolved('c', 30), status: 'closed' }),
      record(complaint('open')),
    ]);
    expect(r.timeToResolve).toEqual({ resolved: 3, medianHours: 30, p90Hours: 46 });
    expect(report([record(complaint('x'))]).timeToResolve).toEqual({
      resolved: 0,
      medianHours: null,
      p90Hours: null,
    });
  });

  it('shares clocks met per regime and clock, keeping running, paused and stopped ones apart', () => {
    const r = report([
      record(complaint('a'), [clock('resolve', 'met'), clock('acknowledge', 'met')]),
      record(complaint('b'), [clock('resolve', 'met'), clock('acknowledge', 'breached')]),
      record(complaint('c'), [clock('resolve', 'breached'), clock('first-contact', 'running')]),
      record(complaint('d'), [clock('resolve', 'running'), clock('resolve', 'paused', 'uk-fca')]),
      record(complaint('e'), [clock('resolve', 'stopped')]),
    ]);
    expect(r.clocks).toEqual([
      {
        regime: 'cn-nfra',
        clock: 'acknowledge',
        met: 1,
        breached: 1,
        metShare: 0.5,
        running: 0,
        paused: 0,
        stopped: 0,
        lapsed: 0,
      },
      {
        regime: 'cn-nfra',
        clock: 'first-contact',
        met: 0,
        breached: 0,
        metShare: null,
        running: 1,
        paused: 0,
        stopped: 0,
        lapsed: 0,
      },
      {
        regime: 'cn-nfra',
        clock: 'resolve',
        met: 2,
        breached: 1,
        metShare: 0.6667,
        running: 1,
        paused: 0,
        stopped: 1,
        lapsed: 0,
      },
      {
        regime: 'uk-fca',
        clock: 'resolve',
        met: 0,
        breached: 0,
        metShare: null,
        running: 0,
        paused: 1,
        stopped: 0,
        lapsed: 0,
      },
    ]);
  });

  it('counts UK summary windows that lapsed (continued under the eight weeks) apart from met and breached', () => {
    const summary = (state: ReportedClock['state'], dueAt: string) =>
      ({ name: 'acknowledge', regime: 'uk-fca', state, dueAt, lapses: true }) as ReportedClock;
    const r = report([
      record(complaint('a'), [summary('met', '2026-02-05T17:00:00.000Z')]),
      record(complaint('b'), [summary('lapsed', '2026-02-05T17:00:00.000Z')]),
      // nothing happened since its deadline passed: lapsed all the same
      record(complaint('c'), [summary('running', '2026-02-05T17:00:00.000Z')]),
      // still inside the window when the report was made
      record(complaint('d'), [summary('running', '2099-01-01T17:00:00.000Z')]),
    ]);
    expect(r.clocks).toEqual([
      {
        regime: 'uk-fca',
        clock: 'acknowledge',
        met: 1,
        breached: 0,
        metShare: 1,
        running: 1,
        paused: 0,
        stopped: 0,
        lapsed: 2,
      },
    ]);
    expect(reportCsv(r).split('\r\n')).toContain('clock:uk-fca:acknowledge,lapsed,2,,');
  });

  it('counts repeat complaints within 90 days, possible duplicates and escalations', () => {
    const r = report([
      record(complaint('a1', { customerKey: 'k1', receivedAt: '2026-01-05T00:00:00.000Z' })),
      record(complaint('a2', { customerKey: 'k1', receivedAt: '2026-03-20T00:00:00.000Z', escalated: true })),
      record(complaint('b1', { customerKey: 'k2', receivedAt: '2026-01-02T00:00:00.000Z' })),
      record(
        complaint('b2', {
          customerKey: 'k2',
          receivedAt: '2026-01-02T00:05:00.000Z',
          possibleDuplicateOf: 'b1',
        }),
      ),
      record(complaint('c1', { customerKey: 'k3' })),
    ]);
    expect(r.repeatComplaints).toMatchObject({ windowDays: 90, count: 2, rate: 0.4 });
    expect(r.repeatComplaints.basis).toMatch(/lower bound/);
    expect(r.possibleDuplicates).toBe(1);
    expect(r.escalated).toBe(1);
  });

  it('sees a repeat only within the window, and through complaints outside the scope', () => {
    const history: ReceivedComplaint[] = [
      {
        complaintId: 'x',
        customerKey: 'k',
        receivedAt: '2026-01-01T00:00:00.000Z',
        team: 'sales-compliance',
      },
      { complaintId: 'y', customerKey: 'k', receivedAt: '2026-03-31T00:00:00.000Z', team: 'claims' },
      { complaintId: 'z', customerKey: 'k', receivedAt: '2026-03-31T00:00:00.000Z', team: 'claims' },
    ];
    // x → y is 89 days; y and z arrived at the same instant, ordered by id
    expect([...repeatComplaintIds(history)].sort()).toEqual(['y', 'z']);
    const far = [history[0]!, { ...history[1]!, receivedAt: '2026-04-01T00:00:01.000Z' }];
    expect([...repeatComplaintIds(far)]).toEqual([]);

    const r = report(
      [record(complaint('y', { customerKey: 'k', receivedAt: '2026-03-31T00:00:00.000Z' }))],
      history.slice(0, 2),
    );
    expect(r.repeatComplaints).toMatchObject({ count: 1, rate: 1 });
  });
});

describe('complaintReport', () => {
  const received: ReceivedComplaint[] = [
    { complaintId: 'a', customerKey: 'k1', receivedAt: '2026-01-10T00:00:00.000Z', team: 'claims' },
    { complaintId: 'b', customerKey: 'k1', receivedAt: '2026-01-11T00:00:00.000Z', team: 'customer-service' },
    { complaintId: 'c', customerKey: 'k2', receivedAt: '2026-01-12T00:00:00.000Z', team: 'claims' },
  ];
  const source = (asked: string[][] = []): ReportSource => ({
    receivedBetween: async (from, before) => {
      expect([from.toISOString(), before.toISOString()]).toEqual([
        '2025-12-31T16:00:00.000Z',
        '2026-03-31T16:00:00.000Z',
      ]);
      return received;
    },
    recordsOf: async (ids) => {
      asked.push([...ids]);
      return ids.map((id) => {
        // received before the period and still open, breaching its resolve clock
        if (id === 'old')
          return record(complaint('old', { receivedAt: '2025-10-01T00:00:00.000Z', status: 'assigned' }), [
            clock('resolve', 'breached'),
          ]);
        const r = received.find((c) => c.complaintId === id)!;
        return record(
          complaint(id, { receivedAt: r.receivedAt, customerKey: r.customerKey, team: r.team as never }),
        );
      });
    },
    openComplaintIds: async () => ['a', 'b', 'c', 'old'],
  });

  it('gives admins every team and leads only their own, reading only what they may see', async () => {
    const all = await complaintReport(
      { period: Q1, viewer: { role: 'admin', team: undefined }, now: NOW },
      source(),
    );
    expect(all.scope).toEqual({ teams: 'all' });
    expect(all.totals.received).toBe(3);
    // what is open now, whenever it was received; the period's figures stay the period's
    expect(all.now).toMatchObject({ open: 4, breaches: 1 });
    expect(all.now.openByTeam).toMatchObject({ claims: 3, 'customer-service': 1 });

    const asked: string[][] = [];
    const lead = await complaintReport(
      { period: Q1, viewer: { role: 'lead', team: 'customer-service' }, now: NOW },
      source(asked),
    );
    // the period's complaints of the team, and the open ones received outside it (whose team the
    // keys-only index does not say: another team's are read and left out)
    expect(asked).toEqual([['b'], ['old']]);
    expect(lead.scope).toEqual({ team: 'customer-service' });
    expect(lead.totals.received).toBe(1);
    expect(lead.now).toMatchObject({ open: 1, breaches: 0 });
    // b's customer complained to another team the day before: still a repeat complaint
    expect(lead.repeatComplaints.count).toBe(1);
  });

  it('refuses agents and leads without a team', async () => {
    await expect(
      complaintReport({ period: Q1, viewer: { role: 'agent', team: 'claims' }, now: NOW }, source()),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(
      complaintReport({ period: Q1, viewer: { role: 'lead', team: undefined }, now: NOW }, source()),
    ).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('reportCsv', () => {
  const r = report([
    record(resolved('a', 10), [clock('resolve', 'met'), clock('acknowledge', 'running')]),
    record(resolved('b', 30, { possibleDuplicateOf: 'a', customerKey: 'phone:a' }), [
      clock('resolve', 'breached'),
    ]),
    record(complaint('c', { category: 'premium', team: 'policy-services' }), [clock('resolve', 'running')]),
  ]);
  const csv = reportCsv(r);
  const lines = csv.split('\r\n');

  it('is one section of (dimension, value, count) rows with share and hours, CRLF-terminated', () => {
    expect(lines[0]).toBe('dimension,value,count,share,hours');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(new Set(lines.filter(Boolean).map((l) => l.split(',').length))).toEqual(new Set([5]));
    expect(lines).toContain('period,2026-01-01/2026-03-31,3,,');
    expect(lines).toContain('scope,all-teams,3,,');
    expect(lines).toContain('totals,received,3,1,');
    expect(lines).toContain('category,claims,2,0.6667,');
    expect(lines).toContain('category,premium,1,0.3333,');
    expect(lines).toContain('category,sales,0,0,');
    expect(lines).toContain('team,policy-services,1,0.3333,');
    expect(lines).toContain('outcome,upheld,2,0.6667,');
    expect(lines).toContain('outcome,not-resolved,1,0.3333,');
    expect(lines).toContain('root-cause,claims/handling-error,2,0.6667,');
    expect(lines).toContain('possible-duplicates,flagged,1,0.3333,');
    expect(lines).toContain('repeat-complaints,within-90-days,1,0.3333,');
  });

  it('has the clock rows and the resolution times', () => {
    expect(lines).toContain('clock:cn-nfra:resolve,met,1,,');
    expect(lines).toContain('clock:cn-nfra:resolve,breached,1,,');
    expect(lines).toContain('clock:cn-nfra:resolve,running,1,,');
    expect(lines).toContain('clock:cn-nfra:resolve,met-share,2,0.5,');
    expect(lines).toContain('clock:cn-nfra:acknowledge,met-share,0,,');
    expect(lines).toContain('time-to-resolve,median,2,,20');
    expect(lines).toContain('time-to-resolve,p90,2,,28');
  });

  it('names a lead scope by team', () => {
    const scoped = aggregateReport({ period: Q1, scope: { team: 'claims' }, records: [], generatedAt: NOW });
    expect(reportCsv(scoped).split('\r\n')).toContain('scope,team:claims,0,,');
  });
});
