/**
 * The timer sweep: runs every minute, reads only the timers that are due, and announces each
 * threshold exactly once. A due entry is only a pointer: what is due comes from the clock the sweep
 * reads, and firing is a conditional write on that clock's version, so two sweeps racing over the
 * same clock, a retried sweep or an index entry behind its clock can never announce anything twice.
 */
import { buildEvent, type EventEnvelope } from '#shared/contracts/events/index';
import type { Priority } from '#shared/contracts/vocabulary';
import { passThreshold, pendingThresholds, raisePriority, type SlaClock, type Threshold } from './clock';
import type { SlaPolicy } from './policy';
import { dueEscalation, ESCALATE } from './timers';
import {
  type ComplaintFacts,
  complaintUpdate,
  type DueTimer,
  type EscalationUpdate,
  queueOrderOf,
  type SlaDeps,
} from './track-complaint';

export const ESCALATION_TEAM = 'escalation-desk';

export interface SweepReport {
  readonly due: number;
  readonly fired: number;
  readonly stale: number;
  /**
   * Due timers left for the next sweep because the function was running out of time (a backlog
   * after an outage or a jump of time); 0 when the sweep worked through everything it read.
   */
  readonly deferred: number;
}

/**
 * Whether there is time to start sweeping one more complaint. A sweep stopped by its function's
 * timeout would leave its checkpoint behind and be retried from scratch; one that stops itself
 * in time reports what it left, and the next sweep reads it again.
 */
export type SweepBudget = () => boolean;

function slaEvent(
  type: 'sla.warning' | 'sla.breached',
  clock: SlaClock,
  complaint: ComplaintFacts,
  extra: {
    readonly notify: string;
    readonly threshold?: number;
    readonly escalationLevel?: number;
    readonly escalatedTo?: string;
    readonly priorityRaisedTo?: Priority;
  },
): EventEnvelope {
  return buildEvent(
    type,
    {
      complaintId: clock.complaintId,
      reference: complaint.reference,
      clock: clock.name,
      regime: clock.regime,
      dueAt: clock.dueAt,
      customerFacing: clock.customerFacing,
      assignee: complaint.assignee,
      team: complaint.team,
      priority: complaint.priority,
      ...extra,
    },
    complaint.complaintId,
  );
}

interface Firing {
  readonly clock: SlaClock;
  readonly events: EventEnvelope[];
  readonly escalation?: EscalationUpdate;
}

/** The escalation some hours after a breach; undefined when it no longer applies. */
function escalate(clock: SlaClock, complaint: ComplaintFacts, deps: SlaDeps, now: Date): Firing | undefined {
  if (clock.state !== 'breached' || clock.stoppedAt || clock.firedThresholds.includes(ESCALATE))
    return undefined;
  const next: SlaClock = {
    ...clock,
    firedThresholds: [...clock.firedThresholds, ESCALATE],
    version: clock.version + 1,
    history: [
      ...clock.history,
      {
        at: now.toISOString(),
        change: 'breached',
        reason: `still breached ${deps.policy.escalateAfterBreachHours} h later: escalated to ${ESCALATION_TEAM}`,
        dueAt: clock.dueAt,
      },
    ],
  };
  return {
    clock: next,
    events: [
      slaEvent('sla.breached', next, complaint, {
        escalationLevel: 2,
        notify: ESCALATION_TEAM,
        escalatedTo: ESCALATION_TEAM,
      }),
    ],
    escalation: {
      // another clock's escalation may have handed the complaint over already: no second hand-over
      team: complaint.team === ESCALATION_TEAM ? undefined : ESCALATION_TEAM,
      escalated: true,
      clock: clock.name,
      reason: next.history.at(-1)!.reason,
    },
  };
}

/** Announces one warning or the breach; undefined when the clock has already passed it. */
function pass(
  threshold: Threshold,
  clock: SlaClock,
  complaint: ComplaintFacts,
  now: Date,
): Firing | undefined {
  const next = passThreshold(clock, threshold, now);
  if (!next) return undefined;
  if (threshold.fraction < 1) {
    return {
      clock: next,
      events: [
        slaEvent('sla.warning', next, complaint, { threshold: threshold.fraction, notify: 'assignee' }),
      ],
    };
  }
  const raised = complaint.priority ? raisePriority(complaint.priority) : undefined;
  return {
    clock: next,
    events: [
      slaEvent('sla.breached', next, complaint, {
        threshold: 1,
        escalationLevel: 1,
        notify: 'team-lead',
        priorityRaisedTo: raised,
      }),
    ],
    escalation: {
      // at P1 already (or raised by another clock's breach to where this one would raise it)
      priority: raised === complaint.priority ? undefined : raised,
      escalated: true,
      clock: clock.name,
      reason: `the ${clock.name} deadline ${clock.dueAt} passed`,
    },
  };
}

/**
 * Every threshold of the clock that is due by `now`, in its own order (50%, 80%, breach). After a
 * jump of time, or a sweep that ran late, several are due at once: this sweep announces each of
 * them, in order, rather than one per sweep with the warnings trailing after the breach.
 */
export function dueThresholds(clock: SlaClock, policy: SlaPolicy, now: Date): Threshold[] {
  return pendingThresholds(clock, policy.warningFractions)
    .filter((t) => t.at.getTime() <= now.getTime())
    .sort((a, b) => a.fraction - b.fraction);
}

type Step = (clock: SlaClock, complaint: ComplaintFacts) => Firing | undefined;

/**
 * What a due entry asks of its clock, in order; empty when nothing is due any more. A timer item of
 * the earlier layout applies only to the clock version it was made for; an entry the clock carries
 * itself is the clock, read afresh: whatever of it is due now.
 */
function stepsFor(timer: DueTimer, clock: SlaClock, deps: SlaDeps, now: Date): Step[] {
  const escalation: Step = (c, complaint) => escalate(c, complaint, deps, now);
  const due = dueThresholds(clock, deps.policy, now);
  const passes = due.map(
    (threshold): Step =>
      (c, complaint) =>
        pass(threshold, c, complaint, now),
  );
  if (timer.clockVersion === undefined)
    return passes.length > 0 ? passes : dueEscalation(clock, deps.policy, now) ? [escalation] : [];
  if (clock.version !== timer.clockVersion) return [];
  if (timer.key === ESCALATE) return [escalation];
  return due.some((t) => t.key === timer.key) ? passes : [];
}

/**
 * Complaints swept at once. A complaint's clocks are swept one after another (a save also writes the
 * complaint's deadline and queue order, read from its other clocks); different complaints are
 * independent, so after an outage or a jump of time a backlog of thousands of thresholds is worked
 * through in parallel instead of one transaction at a time.
 */
export const SWEEP_CONCURRENCY = 8;

export async function sweepTimers(
  deps: SlaDeps,
  hasTimeLeft: SweepBudget = () => true,
): Promise<SweepReport> {
  const now = deps.clock.now();
  const due = await deps.store.dueTimers(now);
  const byComplaint = new Map<string, DueTimer[]>();
  for (const timer of due)
    byComplaint.set(timer.complaintId, [...(byComplaint.get(timer.complaintId) ?? []), timer]);
  const totals = { fired: 0, stale: 0 };
  const queue = [...byComplaint.values()];
  const worker = async () => {
    while (queue.length > 0 && hasTimeLeft()) {
      const swept = await sweepComplaint(queue.shift()!, deps, now);
      totals.fired += swept.fired;
      totals.stale += swept.stale;
    }
  };
  await Promise.all(Array.from({ length: Math.min(SWEEP_CONCURRENCY, queue.length) }, worker));
  const deferred = queue.reduce((n, timers) => n + timers.length, 0);
  // the checkpoint stays where it was while timers are left, so the next sweep reads their hours
  if (deferred === 0) await deps.store.advanceCheckpoint(now);
  return { due: due.length, ...totals, deferred };
}

/** The due timers of one complaint, in the order they were read. */
async function sweepComplaint(
  timers: readonly DueTimer[],
  deps: SlaDeps,
  now: Date,
): Promise<{ fired: number; stale: number }> {
  let fired = 0;
  let stale = 0;
  // Clocks this sweep has brought up to date: every threshold of theirs due by now is announced,
  // so another entry read for the same clock (a timer item of the earlier layout, made for the
  // version it had before) is not fired again; such an item is dropped, as a save no longer
  // deletes it.
  const swept = new Set<string>();
  for (const timer of timers) {
    if (swept.has(timer.clock)) {
      if (timer.clockVersion !== undefined) await deps.store.dropTimer(timer);
      continue;
    }
    const [complaint, read] = await Promise.all([
      deps.store.complaint(timer.complaintId),
      deps.store.clocks(timer.complaintId),
    ]);
    let stored = read;
    let clock = stored.find((c) => c.name === timer.clock);
    const steps = complaint && clock ? stepsFor(timer, clock, deps, now) : [];
    if (!complaint || !clock || steps.length === 0) {
      // a timer item of the earlier layout is dropped; a clock's own entry has nothing to drop
      // (it moved with the clock, or the index has not caught up with the clock's last write)
      if (timer.clockVersion !== undefined) await deps.store.dropTimer(timer);
      stale++;
      continue;
    }
    swept.add(timer.clock);
    // One conditional write per threshold, each on the version the one before left, so they are
    // announced in order and a sweep racing this one stops at the first threshold the other
    // announced (false from save): no threshold is ever announced twice.
    let facts = complaint;
    for (const step of steps) {
      const outcome = step(clock, facts);
      if (!outcome) break;
      const update = complaintUpdate(stored, [outcome.clock], outcome.escalation);
      const saved = await deps.store.save(
        facts,
        [{ clock: outcome.clock, expectedVersion: clock.version }],
        outcome.events,
        update,
      );
      if (!saved) break;
      // what the complaint item holds now: the next step's save compares against it to skip an
      // unchanged write
      facts = {
        ...facts,
        customerDeadline: update.customerDeadline ?? undefined,
        queueOrder: queueOrderOf(facts.complaintId, update.queueDueAt),
      };
      fired++;
      const next = outcome.clock;
      clock = next;
      stored = stored.map((c) => (c.name === next.name ? next : c));
    }
    // a timer item of the earlier layout is done with once its clock moved on
    if (timer.clockVersion !== undefined && clock.version !== timer.clockVersion)
      await deps.store.dropTimer(timer);
  }
  return { fired, stale };
}
