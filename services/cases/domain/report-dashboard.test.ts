/**
 * The lead's figures from the report's records: what is open and where, what falls due today, what
 * is in warning or breach now, the met share over time in buckets, and the top root causes.
 */
import { describe, expect, it } from 'vitest';
import type { ComplaintRecord, ReportedClock, ReportedComplaint } from './report';
import { aggregateReport } from './report';
import { bucketStart, clockTrend, slaWatch, topRootCauses, trendBucketFor } from './report-dashboard';

const TZ = 'Asia/Shanghai';
// 2026-03-10 10:00 in Shanghai
const NOW = new Date('2026-03-10T02:00:00Z');

function complaint(id: string, overrides: Partial<ReportedComplaint> = {}): ReportedComplaint {
  return {
    complaintId: id,
    receivedAt: '2026-03-01T02:00:00.000Z',
    status: 'assigned',
    channel: 'web',
    customerKey: `phone:${id}`,
    category: 'claims',
    priority: 'P3',
    team: 'claims',
    ...overrides,
  };
}

const clock = (overrides: Partial<ReportedClock>): ReportedClock =>
  ({
    name: 'resolve',
    regime: 'cn-nfra',
    state: 'running',
    dueAt: '2026-03-20T16:00:00.000Z',
    firedThresholds: [],
    ...overrides,
  }) as ReportedClock;

const record = (c: ReportedComplaint, clocks: ReportedClock[] = []): ComplaintRecord => ({
  complaint: c,
  clocks,
});

describe('what a lead watches now', () => {
  it('counts open complaints by team, due today, warnings, breaches and escalations', () => {
    const watch = slaWatch(
      [
        // due at 23:59 Shanghai today, not yet passed
        record(complaint('a'), [clock({ dueAt: '2026-03-10T15:59:59.000Z' })]),
        // a warning announced, due next week
        record(complaint('b', { team: 'sales-compliance' }), [clock({ firedThresholds: ['0.5', '0.8'] })]),
        // breached and still running late, escalated: a breach, not a warning, not due today
        record(complaint('c', { escalated: true }), [
          clock({ state: 'breached', dueAt: '2026-03-10T01:00:00.000Z', firedThresholds: ['0.5', '1'] }),
        ]),
        // breached then met late: history, not a breach now
        record(complaint('d'), [
          clock({ state: 'breached', dueAt: '2026-03-05T16:00:00.000Z', stoppedAt: '2026-03-06T01:00:00Z' }),
        ]),
        // resolved: not open, whatever its clocks say
        record(complaint('e', { status: 'resolved', escalated: true }), [clock({ state: 'breached' })]),
        // a UK summary window due today lapses rather than falls due
        record(complaint('f', { team: 'customer-service' }), [
          clock({ regime: 'uk-fca', name: 'acknowledge', dueAt: '2026-03-10T09:00:00.000Z', lapses: true }),
        ]),
        // due earlier today and already passed but the breach not yet recorded: not due "later today"
        record(complaint('g'), [clock({ dueAt: '2026-03-10T01:00:00.000Z' })]),
        record(complaint('h', { team: undefined, status: 'received' })),
      ],
      NOW,
      TZ,
    );
    expect(watch).toMatchObject({
      asOf: NOW.toISOString(),
      today: '2026-03-10',
      open: 7,
      dueToday: 1,
      warnings: 1,
      breaches: 1,
      escalated: 1,
    });
    expect(watch.openByTeam).toMatchObject({
      claims: 4,
      'sales-compliance': 1,
      'customer-service': 1,
      'privacy-office': 0,
      'not-triaged': 1,
    });
  });
});

describe('clock trend', () => {
  it('chooses days for a month, weeks to a quarter, months beyond', () => {
    expect(trendBucketFor('2026-03-01', '2026-03-31')).toBe('day');
    expect(trendBucketFor('2026-01-01', '2026-03-31')).toBe('week');
    expect(trendBucketFor('2026-01-01', '2026-06-30')).toBe('month');
    expect(bucketStart('2026-03-11', 'week')).toBe('2026-03-09'); // a Wednesday → its Monday
    expect(bucketStart('2026-03-08', 'week')).toBe('2026-03-02'); // a Sunday → the Monday before
    expect(bucketStart('2026-03-11', 'month')).toBe('2026-03-01');
  });

  it('puts each verdict in the bucket of its local day, with no gaps, and sums to the clock figures', () => {
    const period = { from: '2026-01-01', to: '2026-06-30', timeZone: TZ };
    const records = [
      // met at 00:30 on 1 February in Shanghai, still 31 January in UTC
      record(complaint('a'), [clock({ state: 'met', stoppedAt: '2026-01-31T16:30:00.000Z' })]),
      record(complaint('b'), [clock({ state: 'breached', dueAt: '2026-02-15T16:00:00.000Z' })]),
      record(complaint('c'), [
        clock({ state: 'met', stoppedAt: '2026-04-01T03:00:00.000Z' }),
        clock({ name: 'acknowledge', state: 'met', stoppedAt: '2026-01-02T03:00:00.000Z' }),
      ]),
      // decided after the period: counted in its last bucket
      record(complaint('d'), [clock({ state: 'met', stoppedAt: '2026-08-01T03:00:00.000Z' })]),
      // no verdict yet
      record(complaint('e'), [clock({ state: 'running' }), clock({ name: 'x' as never, state: 'paused' })]),
    ];
    const trend = clockTrend(records, period);
    expect(trend.bucket).toBe('month');
    expect(trend.series.map((s) => `${s.regime}/${s.clock}`)).toEqual([
      'cn-nfra/acknowledge',
      'cn-nfra/resolve',
    ]);
    const resolve = trend.series[1]!;
    expect(resolve.points.map((p) => p.start)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
    ]);
    expect(resolve.points.map((p) => [p.met, p.breached, p.metShare])).toEqual([
      [0, 0, null],
      [1, 1, 0.5],
      [0, 0, null],
      [1, 0, 1],
      [0, 0, null],
      [1, 0, 1],
    ]);

    const report = aggregateReport({
      period,
      scope: { teams: 'all' },
      records,
      generatedAt: new Date('2026-09-01T00:00:00Z'),
    });
    for (const series of report.clockTrend.series) {
      const figures = report.clocks.find((c) => c.regime === series.regime && c.clock === series.clock)!;
      expect(series.points.reduce((n, p) => n + p.met, 0)).toBe(figures.met);
      expect(series.points.reduce((n, p) => n + p.breached, 0)).toBe(figures.breached);
    }
  });
});

describe('top root causes', () => {
  it('ranks decided root causes, ties by name, leaving out zeros and the undecided', () => {
    const top = topRootCauses(
      {
        'claims-handling': 4,
        communication: 2,
        'sales-practice': 2,
        'premium-billing': 0,
        'staff-conduct': 1,
        'product-design': 1,
        'policy-administration': 1,
        'not-resolved': 9,
      },
      'not-resolved',
    );
    expect(top).toEqual([
      { rootCause: 'claims-handling', count: 4, share: 0.3636 },
      { rootCause: 'communication', count: 2, share: 0.1818 },
      { rootCause: 'sales-practice', count: 2, share: 0.1818 },
      { rootCause: 'policy-administration', count: 1, share: 0.0909 },
      { rootCause: 'product-design', count: 1, share: 0.0909 },
    ]);
  });
});
