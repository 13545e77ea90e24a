/**
 * The timer sweep: runs every minute, reads only the timers that are due, and announces each
 * threshold exactly once. Firing is a conditional write on the clock's version, so two sweeps
 * racing over the same timer, a retried sweep or a timer left over from an earlier deadline can
 * never announce anything twice.
 */
import type { EventEnvelope } from '../../../shared/contracts/events';
import { newEvent } from '../../../shared/outbox/outbox';
import { passThreshold, pendingThresholds, raisePriority, type SlaClock } from './clock';
import { ESCALATE } from './timers';
import {
  type ComplaintFacts,
  complaintUpdate,
  type DueTimer,
  type EscalationUpdate,
  type SlaDeps,
} from './track-complaint';

export const ESCALATION_TEAM = 'escalation-desk';

export interface SweepReport {
  readonly due: number;
  readonly fired: number;
  readonly stale: number;
}

function slaEvent(
  type: 'sla.warning' | 'sla.breached',
  clock: SlaClock,
  complaint: ComplaintFacts,
  extra: Record<string, unknown>,
): EventEnvelope {
  return newEvent(
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

/** What firing one timer does; undefined when the timer no longer applies. */
function fire(
  timer: DueTimer,
  clock: SlaClock,
  complaint: ComplaintFacts,
  deps: SlaDeps,
): { clock: SlaClock; events: EventEnvelope[]; escalation?: EscalationUpdate } | undefined {
  const now = deps.clock.now();
  if (timer.key === ESCALATE) {
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
        team: ESCALATION_TEAM,
        escalated: true,
        clock: clock.name,
        reason: next.history.at(-1)!.reason,
      },
    };
  }
  const threshold = pendingThresholds(clock, deps.policy.warningFractions).find((t) => t.key === timer.key);
  const next = threshold && passThreshold(clock, threshold, now);
  if (!threshold || !next) return undefined;
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
      priority: raised,
      escalated: true,
      clock: clock.name,
      reason: `the ${clock.name} deadline ${clock.dueAt} passed`,
    },
  };
}

export async function sweepTimers(deps: SlaDeps): Promise<SweepReport> {
  const due = await deps.store.dueTimers(deps.clock.now());
  let fired = 0;
  let stale = 0;
  for (const timer of due) {
    const complaint = await deps.store.complaint(timer.complaintId);
    const clocks = await deps.store.clocks(timer.complaintId);
    const clock = clocks.find((c) => c.name === timer.clock);
    if (!complaint || !clock || clock.version !== timer.clockVersion) {
      await deps.store.dropTimer(timer);
      stale++;
      continue;
    }
    const outcome = fire(timer, clock, complaint, deps);
    if (!outcome) {
      await deps.store.dropTimer(timer);
      stale++;
      continue;
    }
    // a false here means another sweep fired it first: nothing more to do
    const update = complaintUpdate(clocks, [outcome.clock], outcome.escalation);
    if (
      await deps.store.save(
        complaint,
        [{ clock: outcome.clock, expectedVersion: clock.version }],
        outcome.events,
        update,
      )
    ) {
      fired++;
    }
  }
  await deps.store.advanceCheckpoint(deps.clock.now());
  return { due: due.length, fired, stale };
}
