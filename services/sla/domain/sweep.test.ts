/**
 * The sweep over an in-memory store that keeps timers the way the DynamoDB store does: each clock
 * carries its next timer as its due entry (rewritten with the clock, whose save is conditional on
 * its version), and timer items of the earlier layout (one per threshold, with the clock version
 * they were made for) are still read until dropped. After a jump of time past several thresholds,
 * one sweep announces 50%, 80% and the breach in that order, each once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor } from '#shared/calendar/business-calendar';
import type { Clock } from '#shared/clock';
import type { EventEnvelope } from '#shared/contracts/events/index';
import { type SlaClock, startClock } from './clock';
import { slaPolicy } from './policy';
import { SWEEP_CONCURRENCY, sweepTimers } from './sweep';
import { nextTimer, timersOf } from './timers';
import type { ClockWrite, ComplaintFacts, DueTimer, SlaDeps, SlaStore } from './track-complaint';

const DAY = 86_400_000;

class MemorySlaStore implements SlaStore {
  readonly clocksByName = new Map<string, SlaClock>();
  /** Timer items of the earlier layout, by `<clock>#<key>`. */
  readonly legacyTimers = new Map<string, DueTimer>();
  readonly events: EventEnvelope[] = [];

  constructor(readonly facts: ComplaintFacts) {}

  put(clock: SlaClock): void {
    this.clocksByName.set(clock.name, clock);
  }

  /** Stores the clock as the earlier layout did: one timer item per threshold ahead of it. */
  putWithLegacyTimers(clock: SlaClock): void {
    this.put(clock);
    for (const timer of timersOf(clock, slaPolicy))
      this.legacyTimers.set(`${clock.name}#${timer.key}`, {
        complaintId: clock.complaintId,
        clock: clock.name,
        key: timer.key,
        at: timer.at.toISOString(),
        clockVersion: clock.version,
      });
  }

  /** The due entries each clock carries (its next timer), as the index holds them. */
  entries(): DueTimer[] {
    return [...this.clocksByName.values()].flatMap((clock) => {
      const timer = nextTimer(clock, slaPolicy);
      return timer
        ? [{ complaintId: clock.complaintId, clock: clock.name, key: timer.key, at: timer.at.toISOString() }]
        : [];
    });
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
    if (this.legacyTimers.get(key)?.clockVersion === timer.clockVersion) this.legacyTimers.delete(key);
  }
  async dueTimers(now: Date) {
    return [...this.entries(), ...this.legacyTimers.values()]
      .filter((t) => Date.parse(t.at) <= now.getTime())
      .sort((a, b) => a.at.localeCompare(b.at));
  }
  async advanceCheckpoint() {}
}

const calendar = calendarFor('CN');
// a Monday morning in Shanghai; the resolve clock runs 15 Civil Code days
const receivedAt = new Date('2026-03-02T01:00:00Z');

/** A complaint's CN resolve clock, started at `receivedAt`: 15 Civil Code days. */
const resolveClock = (complaintId: string) =>
  startClock({
    complaintId,
    name: 'resolve',
    regime: 'cn-nfra',
    rule: slaPolicy.regimes['cn-nfra']!.clocks.resolve!,
    at: receivedAt,
    reason: 'received',
    calendar,
  });

function setUp({ legacyTimers = false } = {}) {
  const store = new MemorySlaStore({
    complaintId: 'c-1',
    reference: 'CMP-20260302-AAAAAA',
    receivedAt: receivedAt.toISOString(),
    status: 'assigned',
    priority: 'P3',
    team: 'claims',
    assignee: 'ann',
  });
  const resolve = resolveClock('c-1');
  if (legacyTimers) store.putWithLegacyTimers(resolve);
  else store.put(resolve);
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
    expect(store.entries().map((t) => t.key)).toEqual(['escalate']);

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
    expect(store.entries().map((t) => t.key)).toEqual(['1']);
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
        // stored by this layout, or by the earlier one with a timer item per threshold
        fc.boolean(),
        async (fractions, legacyTimers) => {
          const { store, deps, span, at } = setUp({ legacyTimers });
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

  it('keeps firing a clock stored with timer items of the earlier layout, once per threshold, and drops those items', async () => {
    const { store, deps, span, at } = setUp({ legacyTimers: true });
    at(receivedAt.getTime() + span * 0.6);
    await sweepTimers(deps);
    expect(announced(store.events)).toEqual(['warning 0.5']);
    // the clock now carries its next timer; the earlier items not yet due wait for their time
    expect(store.entries().map((t) => t.key)).toEqual(['0.8']);
    expect([...store.legacyTimers.keys()]).toEqual(['resolve#0.8', 'resolve#1']);
    at(receivedAt.getTime() + span + 1);
    const report = await sweepTimers(deps);
    await sweepTimers(deps);
    expect(announced(store.events)).toEqual(['warning 0.5', 'warning 0.8', 'breached 1']);
    expect(report.fired).toBe(2);
    expect(store.legacyTimers.size).toBe(0);
  });

  it(`works through up to ${SWEEP_CONCURRENCY} complaints at once, never more`, async () => {
    // a store that counts the complaints being swept at the same moment (a read takes a few
    // event-loop turns)
    let inFlight = 0;
    let most = 0;
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    const { store, now } = fleet(30, async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await turns(3);
      inFlight--;
    });
    const report = await sweepTimers({
      store,
      policy: slaPolicy,
      calendarFor: () => calendar,
      clock: { now: () => now },
    });
    expect(report).toEqual({ due: 30, fired: 30, stale: 0, deferred: 0 });
    expect(most).toBe(SWEEP_CONCURRENCY);
  });

  it('stops starting complaints when its time runs out, keeps its checkpoint, and the next sweep fires the rest once', async () => {
    const { store, now, stores, checkpoints } = fleet(30);
    const deps = { store, policy: slaPolicy, calendarFor: () => calendar, clock: { now: () => now } };
    let started = 0;
    const first = await sweepTimers(deps, () => started++ < 12);
    // every worker checks the budget before each complaint it takes: 12 pass, then none
    expect(first).toEqual({ due: 30, fired: 12, stale: 0, deferred: 18 });
    expect(checkpoints).toEqual([]);
    const second = await sweepTimers(deps);
    expect(second).toEqual({ due: 18, fired: 18, stale: 0, deferred: 0 });
    expect(checkpoints).toEqual([now]);
    for (const st of stores) expect(announced(st.events)).toEqual(['warning 0.5']);
  });
});

/**
 * `n` complaints, each with a resolve clock past its first warning (60 % of its span), in one
 * store; `onClocks` runs as each complaint's clocks are read.
 */
function fleet(n: number, onClocks: () => Promise<void> = async () => undefined) {
  const stores = Array.from({ length: n }, (_, i) => {
    const store = new MemorySlaStore({
      complaintId: `c-${i}`,
      reference: `CMP-20260302-${String(i).padStart(6, 'A')}`,
      receivedAt: receivedAt.toISOString(),
      status: 'assigned',
      priority: 'P3',
    });
    store.put(resolveClock(`c-${i}`));
    return store;
  });
  const byId = new Map(stores.map((st) => [st.facts.complaintId, st]));
  const checkpoints: Date[] = [];
  const store: SlaStore = {
    async complaint(id) {
      return byId.get(id)!.facts;
    },
    regimeFacts: async () => ({}),
    async clocks(id) {
      await onClocks();
      return byId.get(id)!.clocks();
    },
    save: (facts, writes, events) => byId.get(facts.complaintId)!.save(facts, writes, events),
    dropTimer: async () => undefined,
    dueTimers: async (at) => (await Promise.all(stores.map((st) => st.dueTimers(at)))).flat(),
    advanceCheckpoint: async (at) => {
      checkpoints.push(at);
    },
  };
  const resolveSpan = Date.parse(stores[0]!.clocksByName.get('resolve')!.dueAt) - receivedAt.getTime();
  return { stores, store, checkpoints, now: new Date(receivedAt.getTime() + resolveSpan * 0.6) };
}
