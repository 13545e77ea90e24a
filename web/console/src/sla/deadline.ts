/**
 * What an agent sees of a deadline: its state (running, paused, warning, breached) and the time
 * left, counted down live. Pure, so the queue and the case page agree and property tests can
 * hold it to its rules.
 */
export type DeadlineState = 'running' | 'paused' | 'warning' | 'breached';

/** The share of a period after which the SLA service warns (services/sla policy default). */
export const WARNING_FRACTION = 0.8;

export interface Deadline {
  readonly dueAt: string;
  /** When the period started (the complaint's receipt); without it only breach is known. */
  readonly startedAt?: string;
  readonly paused?: boolean;
}

export function deadlineState(deadline: Deadline, now: Date): DeadlineState {
  const due = Date.parse(deadline.dueAt);
  if (now.getTime() >= due) return 'breached';
  if (deadline.paused) return 'paused';
  const start = deadline.startedAt ? Date.parse(deadline.startedAt) : Number.NaN;
  if (Number.isFinite(start) && start < due) {
    const elapsed = (now.getTime() - start) / (due - start);
    if (elapsed >= WARNING_FRACTION) return 'warning';
  }
  return 'running';
}

export interface TimeLeft {
  /** True once the deadline has passed: the parts then count the time since. */
  readonly overdue: boolean;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

export function timeLeft(dueAt: string, now: Date): TimeLeft {
  const ms = Date.parse(dueAt) - now.getTime();
  const overdue = ms <= 0;
  let rest = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  return { overdue, days, hours, minutes, seconds: rest - minutes * 60 };
}

/** "3d 04:05:06" — compact, fixed-width parts so a ticking column does not jump. */
export function formatTimeLeft(left: TimeLeft, dayUnit: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(left.hours)}:${pad(left.minutes)}:${pad(left.seconds)}`;
  return left.days > 0 ? `${left.days}${dayUnit} ${clock}` : clock;
}

/** Whether an instant falls on the same calendar day as now in the given time zone. */
export function dueToday(dueAt: string, now: Date, timeZone: string): boolean {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return day.format(new Date(dueAt)) === day.format(now);
}
