/**
 * The sweep over an in-memory store that keeps timers the way the DynamoDB store does (rewritten
 * from the clock on every save, which is conditional on the clock's version): after a jump of time
 * past several thresholds, one sweep announces 50%, 80% and the breach in that order, each once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor } from '#shared/calendar/business-calendar';
import type { Clock } from '#shared/clock';
import type { EventEnvelope } from '#shared/contracts/events/index';
import { type SlaClock, startClock } from './clock';
import { slaPolicy } from './policy';
import { sweepTimers } from './sweep';
import { timersOf } from './timers';
import type { ClockWrite, ComplaintFacts, DueTimer, SlaDeps, SlaStore } from './track-complaint';

const DAY = 86_400_000;

class MemorySlaStore implements SlaStore {
  readonly clocksByName = new Map<string, SlaClock>();
  readonly timers = new Map<string, DueTimer>();
  readonly events: EventEnvelope[] = [];

  constructor(readonly facts: ComplaintFacts) {}

  put(clock: SlaClock): void {
    this.clocksByName.set(clock.name, clock);
    for (const key of [...this.timers.keys()]) if (key.startsWith(`${clock.name}#`)) this.timers.delete(key);
    for (const timer of timersOf(clock, slaPolicy)) {
      this.timers.set(`${clock.name}#${timer.key}`, {
        complaintId: clock.complaintId,
        clock: clock.name,
        key: timer.key,
        at: timer.at.toISOString(),
        clockVersion: clock.version,
      });
    }
  }

  async complaint() {
    return this.facts;
  }
  async regimeFacts() {
    return {};
  }
  async clocks() {
    return [...this.clocksByName.values()];
  }
  async save(_: ComplaintFacts, writes: readonly ClockWrite[], events: readonly EventEnvelope[]) {
    if (writes.some((w) => this.clocksByName.get(w.clock.name)?.version !== w.expectedVersion)) return false;
    for (const { clock } of writes) this.put(clock);
    this.events.push(...events);
    return true;
  }
  async dropTimer(timer: DueTimer) {
    const key = `${timer.clock}#${timer.key}`;
    if (this.timers.get(key)?.clockVersion === timer.clockVersion) this.timers.delete(key);
  }
  async dueTimers(now: Date) {
    return [...this.timers.values()]
      .filter((t) => Date.parse(t.at) <= now.getTime())
      .sort((a, b) => a.at.localeCompare(b.at));
  }
  async advanceCheckpoint() {}
}

const calendar = calendarFor('CN');
// a Monday morning in Shanghai; the resolve clock runs 15 Civil Code days
const receivedAt = new Date('2026-03-02T01:00:00Z');

function setUp() {
  const store = new MemorySlaStore({
    complaintId: 'c-1',
    reference: 'CMP-20260302-AAAAAA',
    receivedAt: receivedAt.toISOString(),
    status: 'assigned',
    priority: 'P3',
    team: 'claims',
    assignee: 'ann',
  });
  const rule = slaPolicy.regimes['cn-nfra']!.clocks.resolve!;
  const resolve = startClock({
    complaintId: 'c-1',
    name: 'resolve',
    regime: 'cn-nfra',
    rule,
    at: receivedAt,
    reason: 'received',
    calendar,
  });
  store.put(resolve);
  let now = receivedAt;
  const clock: Clock = { now: () => now };
  const deps: SlaDeps = { store, policy: slaPolicy, calendarFor: () => calendar, clock };
  const span = Date.parse(resolve.dueAt) - receivedAt.getTime();
  return {
    store,
    deps,
    span,
    at: (instant: number) => {
      now = new Date(instant);
    },
  };
}

/** What the sweeps announced, as `warning 0.5`, `warning 0.8`, `breached 1`, `breached escalate`. */
const announced = (events: readonly EventEnvelope[]) =>
  events.map((e) => {
    const data = e.data as { threshold?: number; escalationLevel?: number };
    return e.type === 'sla.warning'
      ? `warning ${data.threshold}`
      : `breached ${data.escalationLevel === 2 ? 'escalate' : data.threshold}`;
  });

describe('sweepTimers', () => {
  it('announces 50%, 80% and the breach, in that order, in the one sweep after a jump past the deadline', async () => {
    const { store, deps, span, at } = setUp();
    at(receivedAt.getTime() + span + 60_000);
    const report = await sweepTimers(deps);
    expect(announced(store.events)).toEqual(['warning 0.5', 'warning 0.8', 'breached 1']);
    expect(report).toMatchObject({ fired: 3, stale: 0 });
    const resolve = store.clocksByName.get('resolve')!;
    expect(resolve.state).toBe('breached');
    expect(resolve.history.map((h) => h.change)).toEqual(['started', 'warned', 'warned', 'breached']);
    // what is left is the escalation, a day after the breach was announced
    expect([...store.timers.values()].map((t) => t.key)).toEqual(['escalate']);

    // a second sweep at the same instant has nothing left to announce
    const again = await sweepTimers(deps);
    expect(again.fired).toBe(0);
    expect(store.events).toHaveLength(3);
  });

  it('announces only what is due: a jump to 85% warns twice and leaves the breach ahead', async () => {
    const { store, deps, span, at } = setUp();
    at(receivedAt.getTime() + span * 0.85);
    await sweepTimers(deps);
    expect(announced(store.events)).toEqual(['warning 0.5', 'warning 0.8']);
    expect([...store.timers.values()].map((t) => t.key)).toEqual(['1']);
  });

  it('stops where a racing sweep got first, and never announces a threshold twice', async () => {
    const { store, deps, span, at } = setUp();
    at(receivedAt.getTime() + span + 1);
    await Promise.all([sweepTimers(deps), sweepTimers(deps), sweepTimers(deps)]);
    expect(announced(store.events).sort()).toEqual(['breached 1', 'warning 0.5', 'warning 0.8']);
  });

  it('whatever the jumps between sweeps, announces each due threshold exactly once and in its order', async () => {
    await fc.assert(
      fc.asyncProperty(
        // the instants of successive sweeps, as fractions of the clock's span (past it too)
        fc.array(fc.double({ min: 0, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 6 }),
        async (fractions) => {
          const { store, deps, span, at } = setUp();
          const instants = fractions
            .map((f) => receivedAt.getTime() + Math.floor(span * f))
            .sort((a, b) => a - b);
          for (const instant of instants) {
            at(instant);
            const before = store.events.length;
            await sweepTimers(deps);
            // everything due by this sweep has been announced by it, nothing later
            const due = [0.5, 0.8, 1].filter(
              (f) => new Date(receivedAt.getTime() + span * f).getTime() <= instant,
            );
            expect(store.events.length).toBeGreaterThanOrEqual(before);
            expect(announced(store.events).filter((a) => a !== 'breached escalate')).toEqual(
              due.map((f) => (f < 1 ? `warning ${f}` : 'breached 1')),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('escalates a day after the breach was announced, once', async () => {
    const { store, deps, span, at } = setUp();
    at(receivedAt.getTime() + span + 1);
    await sweepTimers(deps);
    at(receivedAt.getTime() + span + 2 * DAY);
    await sweepTimers(deps);
    await sweepTimers(deps);
    expect(announced(store.events)).toEqual([
      'warning 0.5',
      'warning 0.8',
      'breached 1',
      'breached escalate',
    ]);
  });
});
