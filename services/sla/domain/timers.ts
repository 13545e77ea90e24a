/**
 * Timers: the instants at which a clock's warnings, breach and post-breach escalation fall due.
 * Derived from the clock alone, so storing a clock always stores exactly its timers, and a timer
 * whose clock has since moved on is recognised by the clock version it was made for.
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
