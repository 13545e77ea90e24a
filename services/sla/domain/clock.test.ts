import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor } from '#shared/calendar/business-calendar';
import {
  extendClock,
  passThreshold,
  pauseClock,
  pendingThresholds,
  raisePriority,
  restartClock,
  resumeClock,
  type SlaClock,
  startClock,
  stopClock,
} from './clock';
import { slaPolicy } from './policy';
import { timersOf } from './timers';

const cn = calendarFor('CN');
const nfra = slaPolicy.regimes['cn-nfra']!;
const resolveRule = nfra.clocks.resolve!;

const resolveClock = (receivedAt: string) =>
  startClock({
    complaintId: 'C1',
    name: 'resolve',
    regime: 'cn-nfra',
    rule: resolveRule,
    at: new Date(receivedAt),
    reason: 'received',
    calendar: cn,
  });

/** Instants in 2026 (official data), at any minute. */
const instant2026 = fc
  .integer({ min: Date.parse('2026-01-05T00:00:00Z'), max: Date.parse('2026-10-31T00:00:00Z') })
  .map((ms) => new Date(ms - (ms % 60_000)));

describe('SLA clock', () => {
  it('starts the resolve clock 15 Civil Code days out and keeps why in its history', () => {
    const clock = resolveClock('2026-03-02T01:00:00Z');
    expect(clock.dueAt).toBe('2026-03-17T16:00:00.000Z'); // 24:00 on 17 March, Shanghai
    expect(clock.history).toEqual([expect.objectContaining({ change: 'started', reason: 'received' })]);
  });

  it('pauses only for what the regime allows', () => {
    const clock = resolveClock('2026-03-02T01:00:00Z');
    expect(pauseClock(clock, nfra, 'appraisal', new Date('2026-03-03T02:00:00Z'))?.state).toBe('paused');
    expect(pauseClock(clock, slaPolicy.regimes['uk-fca']!, 'awaiting-customer', new Date())).toBeUndefined();
  });

  it('moves the deadline by exactly the paused business time, whatever the pause', () => {
    fc.assert(
      fc.property(instant2026, fc.integer({ min: 1, max: 20 * 24 * 60 }), (pausedAt, minutes) => {
        const clock = resolveClock('2026-01-05T01:00:00Z');
        const start = new Date(Math.max(pausedAt.getTime(), Date.parse('2026-01-05T01:00:00Z')));
        const paused = pauseClock(clock, nfra, 'appraisal', start)!;
        const resumedAt = new Date(start.getTime() + minutes * 60_000);
        const resumed = resumeClock(paused, resumedAt, 'appraisal finished', cn)!;
        const pausedMs = cn.businessMillisBetween(start, resumedAt).value;
        expect(resumed.pausedBusinessMs).toBe(pausedMs);
        expect(cn.businessMillisBetween(new Date(clock.dueAt), new Date(resumed.dueAt)).value).toBe(pausedMs);
        expect(new Date(resumed.dueAt).getTime()).toBeGreaterThanOrEqual(new Date(clock.dueAt).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('announces each threshold once, in order, and breaches at the last', () => {
    fc.assert(
      fc.property(
        instant2026,
        fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 12 }),
        (receivedAt, picks) => {
          let clock: SlaClock = resolveClock(receivedAt.toISOString());
          const announced: string[] = [];
          for (const pick of picks) {
            const pending = pendingThresholds(clock, slaPolicy.warningFractions);
            const threshold = pending[Math.min(pick, pending.length - 1)];
            if (!threshold) break;
            const next = passThreshold(clock, threshold, threshold.at);
            if (!next) continue;
            announced.push(threshold.key);
            clock = next;
          }
          expect(new Set(announced).size).toBe(announced.length);
          if (announced.includes('1')) expect(clock.state).toBe('breached');
          expect(
            pendingThresholds(clock, slaPolicy.warningFractions).every((t) => !announced.includes(t.key)),
          ).toBe(true);
        },
      ),
    );
  });

  it('stops as met in time, and stays breached when late', () => {
    const clock = resolveClock('2026-03-02T01:00:00Z');
    expect(stopClock(clock, new Date('2026-03-10T00:00:00Z'), 'resolved', cn)?.state).toBe('met');
    const breach = pendingThresholds(clock, []).find((t) => t.key === '1')!;
    const breached = passThreshold(clock, breach, breach.at)!;
    expect(stopClock(breached, new Date('2026-03-20T00:00:00Z'), 'resolved', cn)?.state).toBe('breached');
    expect(
      stopClock(stopClock(clock, new Date('2026-03-10T00:00:00Z'), 'resolved', cn)!, new Date(), 'again', cn),
    ).toBeUndefined();
  });

  it('extends within the tiers and refuses beyond them with the rule that forbids it', () => {
    const clock = resolveClock('2026-03-02T01:00:00Z');
    const extend = (totalDays: number, role: 'agent' | 'lead') =>
      extendClock({
        clock,
        rule: resolveRule,
        totalDays,
        role,
        at: new Date('2026-03-05T01:00:00Z'),
        reason: 'complex',
        calendar: cn,
      });
    const to30 = extend(30, 'agent');
    expect(to30.allowed && to30.clock.dueAt).toBe('2026-04-01T16:00:00.000Z');
    const agentTo60 = extend(60, 'agent');
    expect(agentTo60.allowed).toBe(false);
    expect(!agentTo60.allowed && agentTo60.rule).toContain('senior approval');
    const leadTo60 = extend(60, 'lead');
    expect(leadTo60.allowed && leadTo60.customerNotice).toBe(true);
    const beyond = extend(61, 'lead');
    expect(!beyond.allowed && beyond.rule).toContain('at most 60 days');
  });

  it('restarts from new facts with a fresh period and fresh thresholds', () => {
    const clock = resolveClock('2026-03-02T01:00:00Z');
    const warned = passThreshold(
      clock,
      pendingThresholds(clock, [0.5])[0]!,
      new Date('2026-03-09T00:00:00Z'),
    )!;
    const restarted = restartClock(warned, new Date('2026-03-10T03:00:00Z'), 'new facts', cn);
    expect(restarted.startedAt).toBe('2026-03-10T03:00:00.000Z');
    expect(restarted.dueAt).toBe('2026-03-25T16:00:00.000Z');
    expect(restarted.firedThresholds).toEqual([]);
    expect(restarted.history.map((h) => h.change)).toEqual(['started', 'warned', 'restarted']);
  });

  it('keeps timers for pending thresholds, and one escalation timer after a breach', () => {
    const clock = resolveClock('2026-03-02T01:00:00Z');
    expect(timersOf(clock, slaPolicy).map((t) => t.key)).toEqual(['0.5', '0.8', '1']);
    const breach = pendingThresholds(clock, []).find((t) => t.key === '1')!;
    const breached = passThreshold(clock, breach, breach.at)!;
    expect(timersOf(breached, slaPolicy)).toEqual([
      { key: 'escalate', at: new Date(breach.at.getTime() + 24 * 3_600_000) },
    ]);
    expect(
      timersOf(pauseClock(clock, nfra, 'appraisal', new Date('2026-03-03T02:00:00Z'))!, slaPolicy),
    ).toEqual([]);
  });

  it('raises priority one step on a breach, never past P1', () => {
    expect(['P4', 'P3', 'P2', 'P1'].map((p) => raisePriority(p as 'P1'))).toEqual(['P3', 'P2', 'P1', 'P1']);
  });
});
