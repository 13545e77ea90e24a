/**
 * An SLA clock and everything that can happen to it: start, pause, resume, restart, extend, stop,
 * and the warning and breach thresholds it passes. Pure: time and the business calendar come in.
 * Every change is kept in the clock's history with its reason, so the history explains the deadline.
 */
import type { Priority } from '#shared/contracts/vocabulary';
import type {
  ClockName,
  ClockRule,
  ExtensionTier,
  PauseReason,
  Period,
  Regime,
  RegimeId,
  SlaPolicy,
} from './policy';

/** The calendar operations deadlines need (shared/calendar implements them). */
export interface CalendarResult<T> {
  readonly value: T;
  readonly provisional: boolean;
}
export interface SlaCalendar {
  localDate(instant: Date): string;
  endOfDay(date: string): Date;
  addBusinessDays(date: string, n: number): CalendarResult<string>;
  endOfNthBusinessDay(receivedAt: Date, n: number): CalendarResult<Date>;
  civilCodeDeadline(receivedAt: Date, days: number): CalendarResult<Date>;
  calendarDaysEnd(receivedAt: Date, days: number): CalendarResult<Date>;
  addBusinessHours(from: Date, hours: number): CalendarResult<Date>;
  businessMillisBetween(a: Date, b: Date): CalendarResult<number>;
}

/**
 * `lapsed`: a window that is an opportunity, not a duty, ended unused (the UK summary resolution
 * window: the complaint simply continues under the eight-week clock). Neither met nor breached.
 */
export type ClockState = 'running' | 'paused' | 'met' | 'breached' | 'stopped' | 'lapsed';

export interface ClockChange {
  readonly at: string;
  readonly change:
    | 'started'
    | 'paused'
    | 'resumed'
    | 'restarted'
    | 'extended'
    | 'warned'
    | 'breached'
    | 'met'
    | 'stopped'
    | 'lapsed'
    | 'hardship';
  readonly reason: string;
  readonly dueAt: string;
  /** The threshold a `warned` or `breached` entry announced ("0.5", "0.8", "1"). */
  readonly threshold?: string;
}

/**
 * A complaint event the clock has taken in, kept so that an event arriving late is put in its
 * place: the clock is the fold of its inputs in the order they happened (`at`, then `id`).
 */
export interface ClockInput {
  /** The event id: an input is taken once. */
  readonly id: string;
  /** When the change happened (the event's occurredAt), not when it arrived. */
  readonly at: string;
  /** The trigger itself (clock-inputs.ts SlaTrigger), stored with the clock. */
  readonly trigger: { readonly kind: string };
}

export interface SlaClock {
  readonly complaintId: string;
  readonly name: ClockName;
  readonly regime: RegimeId;
  readonly customerFacing: boolean;
  readonly state: ClockState;
  /** When the current period began: receipt, or the latest restart. */
  readonly startedAt: string;
  /** The period's own end, before any pause moved it. */
  readonly periodDueAt: string;
  /** The deadline in force: the period's end moved by every paused stretch of business time. */
  readonly dueAt: string;
  readonly period: Period;
  /** The regime's own period, before extensions: what a restart counts again. */
  readonly basePeriod: Period;
  readonly pausedAt?: string;
  readonly pauseReason?: PauseReason;
  readonly pausedBusinessMs: number;
  /** Index of the last extension tier used; -1 when the clock has never been extended. */
  readonly extensionTier: number;
  /** Thresholds already announced in this period, e.g. "0.5", "0.8", "1". */
  readonly firedThresholds: readonly string[];
  readonly stoppedAt?: string;
  /** Some day behind the deadline comes from provisional holiday data. */
  readonly provisional: boolean;
  readonly version: number;
  readonly history: readonly ClockChange[];
  /** The window lapses at its deadline instead of breaching (ClockRule.onDeadline "lapse"). */
  readonly lapses?: boolean;
  /** The clock before any input, and the inputs taken since (clock-inputs.ts folds them). */
  readonly origin?: SlaClockOrigin;
  readonly inputs?: readonly ClockInput[];
}

export type SlaClockOrigin = Omit<SlaClock, 'origin' | 'inputs'>;

const iso = (d: Date) => d.toISOString();

export function dueFor(period: Period, start: Date, calendar: SlaCalendar): CalendarResult<Date> {
  switch (period.kind) {
    case 'business-days': {
      const day = calendar.addBusinessDays(calendar.localDate(start), period.amount);
      return { value: calendar.endOfDay(day.value), provisional: day.provisional };
    }
    case 'close-of-business-day':
      return calendar.endOfNthBusinessDay(start, period.amount);
    case 'civil-code-days':
      return calendar.civilCodeDeadline(start, period.amount);
    case 'calendar-days':
      return calendar.calendarDaysEnd(start, period.amount);
    case 'business-hours':
      return calendar.addBusinessHours(start, period.amount);
    case 'hours-or-business-day': {
      // "within 24 hours (or one business day)": whichever gives the firm the later moment
      const day = calendar.addBusinessDays(calendar.localDate(start), 1);
      const endOfBusinessDay = calendar.endOfDay(day.value);
      const hours = new Date(start.getTime() + period.amount * 3_600_000);
      return { value: hours > endOfBusinessDay ? hours : endOfBusinessDay, provisional: day.provisional };
    }
  }
}

/** Moves a deadline later by an amount of business time (the time a pause took out of the clock). */
function shiftByBusinessTime(due: Date, businessMs: number, calendar: SlaCalendar): CalendarResult<Date> {
  if (businessMs <= 0) return { value: due, provisional: false };
  return calendar.addBusinessHours(due, businessMs / 3_600_000);
}

export function startClock(args: {
  complaintId: string;
  name: ClockName;
  regime: RegimeId;
  rule: Pick<ClockRule, 'customerFacing' | 'period' | 'onDeadline'>;
  at: Date;
  reason: string;
  calendar: SlaCalendar;
}): SlaClock {
  const due = dueFor(args.rule.period, args.at, args.calendar);
  const clock: SlaClock = {
    complaintId: args.complaintId,
    name: args.name,
    regime: args.regime,
    customerFacing: args.rule.customerFacing,
    state: 'running',
    startedAt: iso(args.at),
    periodDueAt: iso(due.value),
    dueAt: iso(due.value),
    period: args.rule.period,
    basePeriod: args.rule.period,
    pausedBusinessMs: 0,
    extensionTier: -1,
    firedThresholds: [],
    provisional: due.provisional,
    version: 1,
    history: [{ at: iso(args.at), change: 'started', reason: args.reason, dueAt: iso(due.value) }],
  };
  return args.rule.onDeadline === 'lapse' ? { ...clock, lapses: true } : clock;
}

const isOpen = (clock: SlaClock) =>
  clock.state === 'running' || clock.state === 'paused' || clock.state === 'breached';

function changed(clock: SlaClock, update: Partial<SlaClock>, change: ClockChange): SlaClock {
  return { ...clock, ...update, version: clock.version + 1, history: [...clock.history, change] };
}

export function pauseClock(
  clock: SlaClock,
  regime: Regime,
  reason: PauseReason,
  at: Date,
): SlaClock | undefined {
  if (clock.state !== 'running' || !regime.pauseOn.includes(reason)) return undefined;
  return changed(
    clock,
    { state: 'paused', pausedAt: iso(at), pauseReason: reason },
    { at: iso(at), change: 'paused', reason, dueAt: clock.dueAt },
  );
}

export function resumeClock(
  clock: SlaClock,
  at: Date,
  reason: string,
  calendar: SlaCalendar,
): SlaClock | undefined {
  if (clock.state !== 'paused' || !clock.pausedAt) return undefined;
  const paused = calendar.businessMillisBetween(new Date(clock.pausedAt), at);
  const due = shiftByBusinessTime(new Date(clock.dueAt), paused.value, calendar);
  return changed(
    clock,
    {
      state: 'running',
      pausedAt: undefined,
      pauseReason: undefined,
      pausedBusinessMs: clock.pausedBusinessMs + paused.value,
      dueAt: iso(due.value),
      provisional: clock.provisional || paused.provisional || due.provisional,
    },
    {
      at: iso(at),
      change: 'resumed',
      reason: `${reason}; paused ${Math.round(paused.value / 60_000)} business minutes`,
      dueAt: iso(due.value),
    },
  );
}

/**
 * A new period from `at`: new facts (where the regime says so), a reopened complaint, a progress
 * update. The regime's own period runs again; an earlier extension does not carry over (a new one
 * needs its own approval and notice).
 */
export function restartClock(clock: SlaClock, at: Date, reason: string, calendar: SlaCalendar): SlaClock {
  const period = clock.basePeriod ?? clock.period;
  const due = dueFor(period, at, calendar);
  return changed(
    clock,
    {
      state: 'running',
      period,
      startedAt: iso(at),
      periodDueAt: iso(due.value),
      dueAt: iso(due.value),
      pausedAt: undefined,
      pauseReason: undefined,
      pausedBusinessMs: 0,
      extensionTier: -1,
      firedThresholds: [],
      stoppedAt: undefined,
      provisional: due.provisional,
    },
    { at: iso(at), change: 'restarted', reason, dueAt: iso(due.value) },
  );
}

/**
 * Stops the clock: `met` when in time, otherwise it stays `breached`. A clock stopped while paused
 * (a withdrawal during an appraisal) is judged against its deadline moved by the pause so far.
 */
export function stopClock(
  clock: SlaClock,
  at: Date,
  reason: string,
  calendar: SlaCalendar,
): SlaClock | undefined {
  if (!isOpen(clock)) return undefined;
  let due = new Date(clock.dueAt);
  if (clock.state === 'paused' && clock.pausedAt) {
    due = shiftByBusinessTime(
      due,
      calendar.businessMillisBetween(new Date(clock.pausedAt), at).value,
      calendar,
    ).value;
  }
  const inTime = clock.state !== 'breached' && at.getTime() <= due.getTime();
  if (!inTime && clock.lapses) return lapseClock(clock, at);
  return changed(
    clock,
    { state: inTime ? 'met' : 'breached', stoppedAt: iso(at), pausedAt: undefined, dueAt: iso(due) },
    { at: iso(at), change: inTime ? 'met' : 'stopped', reason, dueAt: iso(due) },
  );
}

/**
 * Ends a window that lapses rather than breaches (ClockRule.onDeadline "lapse") once `at` is past
 * its deadline: it ended unused at the deadline, which is no failure, and nothing else changes.
 */
export function lapseClock(clock: SlaClock, at: Date): SlaClock | undefined {
  if (!clock.lapses || (clock.state !== 'running' && clock.state !== 'paused')) return undefined;
  if (at.getTime() <= Date.parse(clock.dueAt)) return undefined;
  return changed(
    clock,
    { state: 'lapsed', stoppedAt: clock.dueAt, pausedAt: undefined, pauseReason: undefined },
    {
      at: clock.dueAt,
      change: 'lapsed',
      reason: 'window ended without a resolution: the complaint continues under the resolve clock',
      dueAt: clock.dueAt,
    },
  );
}

/**
 * Marks or unmarks financial hardship (or a default notice) on the resolve clock: the period
 * becomes the rule's hardshipPeriod (ASIC RG 271: 21 days), or the ordinary one again, counted
 * from the start of the current period. An extension already granted keeps its own length.
 * Undefined when nothing changes or the regime has no hardship period.
 */
export function setHardship(args: {
  clock: SlaClock;
  rule: ClockRule;
  hardship: boolean;
  at: Date;
  reason: string;
  calendar: SlaCalendar;
}): SlaClock | undefined {
  const { clock, rule, hardship, at, calendar } = args;
  if (!rule.hardshipPeriod || !isOpen(clock)) return undefined;
  const base = hardship ? rule.hardshipPeriod : rule.period;
  if (base.kind === clock.basePeriod.kind && base.amount === clock.basePeriod.amount) return undefined;
  const period = clock.extensionTier >= 0 ? clock.period : base;
  const periodDue = dueFor(period, new Date(clock.startedAt), calendar);
  const due = shiftByBusinessTime(periodDue.value, clock.pausedBusinessMs, calendar);
  const later = due.value.getTime() > Date.parse(clock.dueAt);
  return changed(
    clock,
    {
      basePeriod: base,
      period,
      periodDueAt: iso(periodDue.value),
      dueAt: iso(due.value),
      // a later deadline is measured afresh; an earlier one lets its passed thresholds fire now
      state: later && clock.state === 'breached' ? 'running' : clock.state,
      firedThresholds: later ? clock.firedThresholds.filter((t) => t !== '1') : clock.firedThresholds,
      provisional: clock.provisional || periodDue.provisional || due.provisional,
    },
    {
      at: iso(at),
      change: 'hardship',
      reason: `${hardship ? 'financial hardship or a default notice' : 'no longer hardship'}: ${args.reason}`,
      dueAt: iso(due.value),
    },
  );
}

export type ExtensionPlan =
  | {
      readonly allowed: true;
      readonly clock: SlaClock;
      readonly tier: ExtensionTier;
      readonly customerNotice: boolean;
    }
  | { readonly allowed: false; readonly rule: string };

/**
 * Extends the resolve clock to `totalDays` from the start of its period, within the regime's tiers:
 * each tier says how far, who may approve and whether the customer must be told.
 */
export function extendClock(args: {
  clock: SlaClock;
  rule: ClockRule;
  totalDays: number;
  role: 'agent' | 'lead' | 'admin';
  at: Date;
  reason: string;
  calendar: SlaCalendar;
}): ExtensionPlan {
  const { clock, rule, totalDays, role, at, calendar } = args;
  const tiers = rule.extensions ?? [];
  if (tiers.length === 0)
    return {
      allowed: false,
      rule: `${rule.rule} — this regime allows no extension of the ${clock.name} clock`,
    };
  if (!isOpen(clock)) return { allowed: false, rule: `the ${clock.name} clock has already stopped` };
  const tierIndex = tiers.findIndex((t) => totalDays <= t.upToDays);
  if (tierIndex < 0) {
    return {
      allowed: false,
      rule: `${tiers.at(-1)!.rule} — at most ${tiers.at(-1)!.upToDays} days in total`,
    };
  }
  const tier = tiers[tierIndex]!;
  if (totalDays <= clock.period.amount) {
    return { allowed: false, rule: `an extension must go beyond the current ${clock.period.amount} days` };
  }
  if (!tier.approval.includes(role)) {
    return { allowed: false, rule: `${tier.rule} — needs approval by ${tier.approval.join(' or ')}` };
  }
  const period: Period = { ...clock.period, amount: totalDays };
  const periodDue = dueFor(period, new Date(clock.startedAt), calendar);
  const due = shiftByBusinessTime(periodDue.value, clock.pausedBusinessMs, calendar);
  const extended = changed(
    clock,
    {
      period,
      periodDueAt: iso(periodDue.value),
      dueAt: iso(due.value),
      extensionTier: tierIndex,
      // a later deadline: thresholds are measured afresh against it, except those already past
      state: clock.state === 'breached' ? 'running' : clock.state,
      firedThresholds: clock.firedThresholds.filter((t) => t !== '1'),
      provisional: clock.provisional || periodDue.provisional || due.provisional,
    },
    { at: iso(at), change: 'extended', reason: `${args.reason} (${tier.rule})`, dueAt: iso(due.value) },
  );
  return { allowed: true, clock: extended, tier, customerNotice: tier.customerNotice };
}

export interface Threshold {
  /** "0.5", "0.8" … and "1" for the breach. */
  readonly key: string;
  readonly fraction: number;
  readonly at: Date;
}

/** The thresholds of a running clock not yet announced, with the instant each falls due. */
export function pendingThresholds(clock: SlaClock, warningFractions: readonly number[]): Threshold[] {
  // a window that lapses has nothing to warn about and nothing to breach
  if (clock.state !== 'running' || clock.lapses) return [];
  const start = new Date(clock.startedAt).getTime();
  const span = new Date(clock.dueAt).getTime() - start;
  return [...warningFractions, 1]
    .map((fraction) => ({ key: String(fraction), fraction, at: new Date(start + span * fraction) }))
    .filter((t) => !clock.firedThresholds.includes(t.key));
}

/** Records that a threshold was announced; the last one breaches the clock. */
export function passThreshold(clock: SlaClock, threshold: Threshold, at: Date): SlaClock | undefined {
  if (clock.state !== 'running' || clock.firedThresholds.includes(threshold.key)) return undefined;
  const breach = threshold.fraction >= 1;
  return changed(
    clock,
    { state: breach ? 'breached' : 'running', firedThresholds: [...clock.firedThresholds, threshold.key] },
    {
      at: iso(at),
      change: breach ? 'breached' : 'warned',
      reason: breach ? 'deadline passed' : `${Math.round(threshold.fraction * 100)}% of the time used`,
      dueAt: clock.dueAt,
      threshold: threshold.key,
    },
  );
}

export function firstContactRule(
  policy: SlaPolicy,
  priority: Priority,
): Pick<ClockRule, 'customerFacing' | 'period'> {
  return { customerFacing: false, period: policy.internalTargets['first-contact'][priority] };
}

/** One step more urgent (P4 → P3 … P1 stays P1), for a breached complaint. */
export function raisePriority(priority: Priority): Priority {
  return priority === 'P1' ? 'P1' : (`P${Number(priority[1]) - 1}` as Priority);
}
