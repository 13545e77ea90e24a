/**
 * Timers: the instants at which a clock's warnings, breach and post-breach escalation fall due.
 * Derived from the clock alone: a stored clock carries the first of them (`nextTimer`) as its
 * due-timer index entry, so writing the clock writes its timer, and a sweep that finds the entry
 * asks the clock it reads what is due rather than trusting the entry.
 */
import { pendingThresholds, type SlaClock } from './clock';
import type { SlaPolicy } from './policy';

export const ESCALATE = 'escalate';

export interface TimerSpec {
  /** "0.5", "0.8", "1" or "escalate". */
  readonly key: string;
  readonly at: Date;
}

/** Every key a clock can have a timer under, so stale ones can be deleted. */
export function timerKeys(policy: SlaPolicy): string[] {
  return [...policy.warningFractions.map(String), '1', ESCALATE];
}

export function breachedAt(clock: SlaClock): Date | undefined {
  const breach = clock.history.findLast((h) => h.change === 'breached');
  return breach ? new Date(breach.at) : undefined;
}

export function timersOf(clock: SlaClock, policy: SlaPolicy): TimerSpec[] {
  if (clock.state === 'running') {
    return pendingThresholds(clock, policy.warningFractions).map((t) => ({ key: t.key, at: t.at }));
  }
  const breach = breachedAt(clock);
  if (clock.state === 'breached' && !clock.stoppedAt && breach && !clock.firedThresholds.includes(ESCALATE)) {
    return [{ key: ESCALATE, at: new Date(breach.getTime() + policy.escalateAfterBreachHours * 3_600_000) }];
  }
  return [];
}

/** The timer that falls due first: the one the clock's item carries on the due-timer index. */
export function nextTimer(clock: SlaClock, policy: SlaPolicy): TimerSpec | undefined {
  return timersOf(clock, policy).reduce<TimerSpec | undefined>(
    (first, timer) => (first && first.at.getTime() <= timer.at.getTime() ? first : timer),
    undefined,
  );
}

/** The clock's timer that is due by `now` and asks for the escalation, if that is what is due. */
export function dueEscalation(clock: SlaClock, policy: SlaPolicy, now: Date): TimerSpec | undefined {
  return timersOf(clock, policy).find((t) => t.key === ESCALATE && t.at.getTime() <= now.getTime());
}
