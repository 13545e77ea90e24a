/**
 * What one complaint event does to one clock, and the clock as the fold of every event it has
 * taken in, in the order the changes happened. Events reach the SLA service through SQS in any
 * order (a batch is handled concurrently, a retry comes back later), and a restart and an
 * extension, or a pause and a resume, do not commute: so each clock keeps its inputs, and an event
 * that happened before ones already applied is put in its place and the clock folded again.
 * Pure: time, the regime and the calendar come in.
 */
import type { ComplaintStatus, Priority } from '#shared/contracts/vocabulary';
import {
  type ClockInput,
  extendClock,
  lapseClock,
  passThreshold,
  pauseClock,
  pendingThresholds,
  restartClock,
  resumeClock,
  type SlaCalendar,
  type SlaClock,
  type SlaClockOrigin,
  setHardship,
  stopClock,
} from './clock';
import type { ClockName, PauseReason, Regime } from './policy';
import { ESCALATE } from './timers';

export interface StatusChange {
  readonly complaintId: string;
  readonly from: ComplaintStatus;
  readonly to: ComplaintStatus;
  /** Assessment or appraisal (鉴定/检测/评估) started, once the customer has been told. */
  readonly pauseReason?: PauseReason;
  /** The customer brought new facts or material. */
  readonly newFacts?: boolean;
  /** The change contacted the customer (a request for information, a customer-visible note). */
  readonly customerContact?: boolean;
  /** An agent marked (true) or unmarked (false) financial hardship or a default notice. */
  readonly hardship?: boolean;
  readonly hardshipReason?: string;
}

export type SlaTrigger =
  | { readonly kind: 'received'; readonly complaintId: string; readonly hardship?: boolean }
  | {
      readonly kind: 'triaged';
      readonly complaintId: string;
      readonly priority: Priority;
      /** Triage read financial hardship or a default notice in the complaint. */
      readonly hardship?: boolean;
    }
  | ({ readonly kind: 'status-changed' } & StatusChange)
  | { readonly kind: 'resolved'; readonly complaintId: string }
  | { readonly kind: 'closed'; readonly complaintId: string }
  | { readonly kind: 'reopened'; readonly complaintId: string }
  | { readonly kind: 'acknowledged'; readonly complaintId: string }
  | {
      readonly kind: 'extended';
      readonly complaintId: string;
      readonly totalDays: number;
      readonly role: 'agent' | 'lead' | 'admin';
      readonly reason: string;
    };

/** The event that carried a trigger: its id (taken once) and when the change happened. */
export interface TriggerDelivery {
  readonly id: string;
  readonly occurredAt: string;
}

const contacted = (t: StatusChange) => t.customerContact === true || t.to === 'awaiting-customer';

/**
 * Whether an event can move a clock in some order of arrival. Such an event is kept among the
 * clock's inputs even when it changed nothing on arrival (a resume before its pause); any other
 * event is not written to the clock at all.
 */
export function movesClock(trigger: SlaTrigger, name: ClockName): boolean {
  switch (trigger.kind) {
    case 'received':
    case 'triaged':
      return name === 'resolve' && trigger.hardship === true;
    case 'status-changed':
      return (
        name === 'resolve' || ((name === 'first-contact' || name === 'progress-update') && contacted(trigger))
      );
    case 'resolved':
    case 'closed':
      return true;
    case 'reopened':
      return name === 'resolve' || name === 'progress-update';
    case 'extended':
      return name === 'resolve';
    case 'acknowledged':
      return name === 'acknowledge';
  }
}

function statusChangeStep(
  clock: SlaClock,
  trigger: StatusChange,
  at: Date,
  regime: Regime,
  calendar: SlaCalendar,
): SlaClock | undefined {
  switch (clock.name) {
    case 'resolve': {
      let next = clock;
      const rule = regime.clocks.resolve;
      if (trigger.hardship !== undefined && rule) {
        next =
          setHardship({
            clock: next,
            rule,
            hardship: trigger.hardship,
            at,
            reason: trigger.hardshipReason ?? 'marked by an agent',
            calendar,
          }) ?? next;
      }
      const pauseReason = trigger.to === 'awaiting-customer' ? 'awaiting-customer' : trigger.pauseReason;
      if (pauseReason) next = pauseClock(next, regime, pauseReason, at) ?? next;
      else if (next.state === 'paused' && trigger.from === 'awaiting-customer')
        next = resumeClock(next, at, 'customer responded', calendar) ?? next;
      else if (next.state === 'paused' && next.pauseReason === 'appraisal')
        next = resumeClock(next, at, 'appraisal finished', calendar) ?? next;
      // a restart replaces whatever pause or resume this change made to the resolve clock
      if (trigger.newFacts && regime.restartOnNewFacts)
        return restartClock(
          next,
          at,
          'new facts received: the period runs again from their receipt',
          calendar,
        );
      return next === clock ? undefined : next;
    }
    case 'first-contact':
      return contacted(trigger) ? stopClock(clock, at, 'customer contacted', calendar) : undefined;
    case 'progress-update':
      return contacted(trigger) && clock.state !== 'met'
        ? restartClock(clock, at, 'progress update given', calendar)
        : undefined;
    default:
      return undefined;
  }
}

/** What one trigger does to one clock at the instant it happened; undefined when nothing. */
export function stepClock(
  clock: SlaClock,
  trigger: SlaTrigger,
  at: Date,
  regime: Regime,
  calendar: SlaCalendar,
): SlaClock | undefined {
  // a window that lapses has ended by the time anything after its deadline happens
  const lapsed = lapseClock(clock, at);
  if (lapsed) return stepClock(lapsed, trigger, at, regime, calendar) ?? lapsed;
  const rule = regime.clocks[clock.name];
  switch (trigger.kind) {
    case 'received':
    case 'triaged':
      return clock.name === 'resolve' && trigger.hardship && rule
        ? setHardship({
            clock,
            rule,
            hardship: true,
            at,
            reason: trigger.kind === 'received' ? 'marked when filed' : 'read in the complaint by triage',
            calendar,
          })
        : undefined;
    case 'status-changed':
      return statusChangeStep(clock, trigger, at, regime, calendar);
    case 'resolved':
      return stopClock(clock, at, 'complaint resolved', calendar);
    case 'closed':
      return stopClock(clock, at, 'complaint closed', calendar);
    case 'reopened':
      return clock.name === 'resolve' || clock.name === 'progress-update'
        ? restartClock(clock, at, 'complaint reopened', calendar)
        : undefined;
    case 'acknowledged':
      // where only a resolution meets the clock (the UK summary window), an acknowledgement does not
      return clock.name === 'acknowledge' && (rule?.metBy ?? 'acknowledgement') === 'acknowledgement'
        ? stopClock(clock, at, 'acknowledgement sent', calendar)
        : undefined;
    case 'extended': {
      if (clock.name !== 'resolve' || !rule || clock.period.amount >= trigger.totalDays) return undefined;
      // the case API checked the tiers when the agent asked; the same rules decide here
      const plan = extendClock({
        clock,
        rule,
        totalDays: trigger.totalDays,
        role: trigger.role,
        at,
        reason: trigger.reason,
        calendar,
      });
      return plan.allowed ? plan.clock : undefined;
    }
  }
}

const byWhenThenId = (a: { at: string; id: string }, b: { at: string; id: string }) =>
  a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

function originOf(clock: SlaClock, regime: Regime): SlaClockOrigin {
  const { origin, inputs, ...rest } = clock;
  const start = origin ?? rest;
  // a clock stored before its rule said it lapses learns so from the regime
  const lapses = regime.clocks[clock.name]?.onDeadline === 'lapse';
  return lapses && !start.lapses ? { ...start, lapses } : start;
}

/**
 * The clock with one more input, folded in the order things happened: its origin, then every
 * input by (at, id), with the sweep's announcements woven in at the instants they were made — an
 * announcement stays only if the folded clock had reached that threshold by then (a late
 * extension can make an announced breach moot; the new deadline gets its own timers).
 * Undefined when the clock already took this input. The version moves on by one.
 */
export function takeInput(
  clock: SlaClock,
  input: ClockInput,
  regime: Regime,
  calendar: SlaCalendar,
  warningFractions: readonly number[],
): SlaClock | undefined {
  if (clock.inputs?.some((i) => i.id === input.id)) return undefined;
  const origin = originOf(clock, regime);
  const inputs = [...(clock.inputs ?? []), input].sort(byWhenThenId);
  const announcements = clock.history
    .slice(origin.history.length)
    .filter((h) => h.change === 'warned' || h.change === 'breached')
    .map((h, i) => ({ at: h.at, id: `~${String(i).padStart(6, '0')}`, announcement: h }));
  const steps = [...inputs.map((i) => ({ at: i.at, id: i.id, input: i })), ...announcements].sort(
    // at the same instant an input goes first: the sweep announces what has already happened
    (a, b) =>
      a.at.localeCompare(b.at) || ('input' in a ? -1 : 0) - ('input' in b ? -1 : 0) || byWhenThenId(a, b),
  );
  let folded: SlaClock = origin;
  for (const step of steps) {
    const at = new Date(step.at);
    if ('input' in step) {
      folded = stepClock(folded, step.input.trigger as SlaTrigger, at, regime, calendar) ?? folded;
      continue;
    }
    const { announcement } = step;
    if (announcement.threshold) {
      const due = pendingThresholds(folded, warningFractions).find((t) => t.key === announcement.threshold);
      if (due && due.at.getTime() <= at.getTime()) folded = passThreshold(folded, due, at) ?? folded;
    } else if (
      // the escalation 24 h after a breach (sweep.ts) stays while the folded clock is still in breach
      folded.state === 'breached' &&
      !folded.stoppedAt &&
      !folded.firedThresholds.includes(ESCALATE)
    ) {
      folded = {
        ...folded,
        firedThresholds: [...folded.firedThresholds, ESCALATE],
        history: [...folded.history, announcement],
      };
    }
  }
  return { ...folded, origin, inputs, version: clock.version + 1 };
}
