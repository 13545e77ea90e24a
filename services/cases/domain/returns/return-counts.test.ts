/**
 * The counters give the same return as the direct read, cell for cell, on the dated scenarios of
 * returns.test.ts, after the events a complaint goes through (received, triaged, resolved), with a
 * reopen and a redelivered event in between; and a period the counters cannot cover is refused.
 */
import { describe, expect, it } from 'vitest';
import { Conflict } from '#shared/domain/errors';
import type { ComplaintRecord, ReportSource } from '../report';
import { auAsicReturn } from './au-asic';
import { cnNfraReturn } from './cn-nfra';
import { regulatorReturn } from './regulator-returns';
import {
  type CounterCoverage,
  counterDeltas,
  counterReturn,
  type MonthCounts,
  monthSpan,
  type ReturnCounterSource,
  type ReturnRow,
  returnRowOf,
  sameRow,
  spansMonths,
} from './return-counts';
import { asicScenario, fcaScenario, nfraScenario } from './return-scenarios';
import { ukFcaReturn } from './uk-fca';

/** The counters as the consumer keeps them, in memory: the row last counted per complaint and the sums. */
function memoryCounters(timeZone: string, coverage: CounterCoverage) {
  const rows = new Map<string, ReturnRow>();
  const counters = new Map<string, Map<string, Record<string, number>>>();
  let writes = 0;
  const count = (record: ComplaintRecord) => {
    const after = returnRowOf(record, timeZone);
    if (sameRow(rows.get(after.complaintId), after)) return;
    writes++;
    const deltas = counterDeltas(rows.get(after.complaintId), after);
    const months = counters.get(after.regime) ?? new Map<string, Record<string, number>>();
    for (const [month, cells] of deltas) {
      const sums = months.get(month) ?? {};
      for (const [cell, n] of Object.entries(cells)) sums[cell] = (sums[cell] ?? 0) + n;
      months.set(month, sums);
    }
    counters.set(after.regime, months);
    rows.set(after.complaintId, after);
  };
  const source: ReturnCounterSource = {
    coverage: async () => coverage,
    // as the table's partitions and its sparse index give them
    async rowsOf(regime, span, untilMonth) {
      const decidedIn = (r: ReturnRow) =>
        !r.decided || (r.decided.month >= span.from && r.decided.month <= untilMonth);
      return [...rows.values()].filter(
        (r) =>
          r.regime === regime &&
          ((r.receivedMonth >= span.from && r.receivedMonth <= span.through) ||
            (r.receivedMonth < span.from && spansMonths(r) && decidedIn(r))),
      );
    },
    async monthCounts(regime, from, through): Promise<MonthCounts> {
      return new Map([...(counters.get(regime) ?? [])].filter(([m]) => m >= from && m <= through));
    },
  };
  return { count, source, writes: () => writes };
}

/** The states a complaint goes through to reach `final`: received (not triaged), triaged, decided. */
function lifeOf(final: ComplaintRecord): ComplaintRecord[] {
  const { resolution: _r, category: _c, ...received } = final.complaint;
  const open = { ...received, status: 'in-progress' as const };
  const states: ComplaintRecord[] = [{ complaint: open, clocks: final.clocks }];
  if (final.complaint.category)
    states.push({ complaint: { ...open, category: final.complaint.category }, clocks: final.clocks });
  if (final.complaint.resolution) states.push(final);
  return states;
}

/**
 * A decision reopened and decided again, and a redelivered event: the consumer reads the complaint
 * as it is now on every event, so a redelivery counts its current state once more.
 */
function eventsOf(scenario: readonly ComplaintRecord[], reopened: string, redelivered: string) {
  const events: ComplaintRecord[] = [];
  for (const final of scenario) {
    const life = lifeOf(final);
    events.push(...life);
    if (final.complaint.complaintId === reopened) {
      // decided, reopened (status back to in progress), decided again: the final state
      const { resolution: _r, ...rest } = final.complaint;
      events.push({ ...final, complaint: { ...rest, status: 'reopened' as never } }, final);
    }
    if (final.complaint.complaintId === redelivered) events.push(final);
  }
  return events;
}

const counterSourceReturn = (
  regime: 'au-asic',
  period: { from: string; to: string; timeZone: string },
  now: Date,
  source: ReturnCounterSource,
) =>
  regulatorReturn({ regime, period, viewer: { role: 'admin', team: undefined }, now }, noDirectRead, source);
const noDirectRead: ReportSource = {
  receivedBetween: () => Promise.reject(new Error('read directly')),
  openComplaintIds: () => Promise.reject(new Error('read directly')),
  recordsOf: () => Promise.reject(new Error('read directly')),
};

const q1 = { from: '2026-01-01', to: '2026-03-31', timeZone: 'Asia/Shanghai' };
const now = new Date('2026-04-10T00:00:00Z');
const rebuilt = { countingSince: '2026-12-01T00:00:00.000Z', rebuiltAt: '2026-12-02T00:00:00.000Z' };

describe('the returns from counters', () => {
  it('fill every cell of the FCA return as the direct read does, a reopen and a redelivery included', async () => {
    const memory = memoryCounters(q1.timeZone, rebuilt);
    const events = eventsOf(fcaScenario, 'f2', 'f5');
    for (const e of events) memory.count(e);
    // every state a different row except f5's redelivery, which changes nothing
    expect(memory.writes()).toBe(events.length - 1);
    const direct = ukFcaReturn({ period: q1, records: fcaScenario, generatedAt: now });
    const counted = await counterReturn({ regime: 'uk-fca', period: q1, now }, monthSpan(q1)!, memory.source);
    expect(counted.rows).toEqual(direct.rows);
    expect(counted.columns).toEqual(direct.columns);
    // the same gaps, the regime-less one in its own words (received in the period, not read)
    expect(counted.gaps.slice(1)).toEqual(direct.gaps.slice(1));
    expect(counted.gaps[0]).toMatch(/^1 complaint\(s\) received in the period have no regime/);
  });

  it('fill every cell of the NFRA return as the direct read does, a reopen and a redelivery included', async () => {
    const memory = memoryCounters(q1.timeZone, rebuilt);
    for (const e of eventsOf(nfraScenario, 'n3', 'n1')) memory.count(e);
    const direct = cnNfraReturn({ period: q1, records: nfraScenario, generatedAt: now });
    const counted = await counterReturn(
      { regime: 'cn-nfra', period: q1, now },
      monthSpan(q1)!,
      memory.source,
    );
    expect(counted.rows).toEqual(direct.rows);
    expect(counted.gaps).toEqual(direct.gaps);
  });

  it('give the ASIC return the same rows as the direct read, a reopen and a redelivery included', async () => {
    const h1 = { from: '2026-01-01', to: '2026-06-30', timeZone: 'Australia/Sydney' };
    const at = new Date('2026-07-05T00:00:00Z');
    const memory = memoryCounters(h1.timeZone, rebuilt);
    for (const e of eventsOf(asicScenario, 'a1', 'a5')) memory.count(e);
    for (const period of [h1, { ...h1, to: '2026-03-31' }, { ...h1, from: '2026-04-01' }]) {
      const direct = auAsicReturn({ period, records: asicScenario, generatedAt: at });
      const fromRows = await counterSourceReturn('au-asic', period, at, memory.source);
      expect(fromRows.rows).toEqual(direct.rows);
      expect(fromRows.gaps).toEqual(direct.gaps);
    }
  });

  it('count a reopened complaint as open until it is decided again', async () => {
    const memory = memoryCounters(q1.timeZone, rebuilt);
    const n1 = nfraScenario[0]!;
    memory.count(n1);
    const { resolution: _r, ...rest } = n1.complaint;
    memory.count({ ...n1, complaint: { ...rest, status: 'reopened' as never } });
    const r = await counterReturn({ regime: 'cn-nfra', period: q1, now }, monthSpan(q1)!, memory.source);
    const cell = (d: string, v: string) => r.rows.find((row) => row[0] === d && row[1] === v)?.[2];
    expect(cell('total', '投诉总量')).toBe(1);
    expect(cell('outcome', '支持')).toBe(0);
    expect(cell('outcome', '未办结')).toBe(1);
    expect(cell('handling-time', '15日内')).toBe(0);
  });

  it('refuse a period that starts before the counters unless rebuilt, and leave the FCA outstanding empty', async () => {
    const since = { countingSince: '2026-02-15T00:00:00.000Z' };
    const memory = memoryCounters(q1.timeZone, since);
    for (const r of fcaScenario) memory.count(r);
    const ask = (period: typeof q1) =>
      counterReturn({ regime: 'uk-fca', period, now }, monthSpan(period)!, memory.source);
    await expect(ask(q1)).rejects.toThrow(Conflict);
    await expect(ask(q1)).rejects.toThrow(/start at 2026-02-15T00:00:00.000Z.*returns:rebuild/);
    const march = await ask({ ...q1, from: '2026-03-01' });
    expect(march.rows[0]).toEqual([
      'totals',
      'Insurance & pure protection',
      null,
      null,
      'outstanding-at-start',
      null,
    ]);
    expect(march.rows[3]?.[5]).toBeNull();
    expect(march.rows[1]?.[5]).toBe(1); // f6, opened in March
    expect(march.gaps.join('\n')).toMatch(/left empty until the counters’ rebuild is run/);
  });

  it('are used for whole months only', () => {
    expect(monthSpan(q1)).toEqual({ from: '2026-01', through: '2026-03' });
    expect(monthSpan({ ...q1, to: '2026-02-28' })).toEqual({ from: '2026-01', through: '2026-02' });
    expect(monthSpan({ ...q1, from: '2024-02-01', to: '2024-02-28' })).toBeUndefined(); // a leap year's February
    expect(monthSpan({ ...q1, from: '2026-01-02' })).toBeUndefined();
  });
});
