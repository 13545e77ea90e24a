/**
 * EventBridge Scheduler expressions, evaluated locally: `cron(min hour dom month dow year)` in the
 * schedule's time zone (AWS numbers weekdays 1 = Sunday, like Quartz) and `rate(n unit)`.
 */
import { Cron } from 'croner';

export interface ScheduleTimes {
  /** Occurrences in (after, until], oldest first, at most `limit`. */
  between(after: Date, until: Date, limit: number): Date[];
  /** The interval between occurrences is short (sweepers): catch-up runs them once, not per tick. */
  readonly frequent: boolean;
}

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const FREQUENT_MS = 3_600_000;

export function parseScheduleExpression(expression: string, timeZone: string, anchor: Date): ScheduleTimes {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const periodMs = Number(rate[1]) * RATE_UNITS[rate[2]!.replace(/s$/, '')]!;
    if (periodMs <= 0) throw new Error(`bad rate: ${expression}`);
    return {
      frequent: periodMs < FREQUENT_MS,
      between(after, until, limit) {
        const out: Date[] = [];
        let n = Math.floor((after.getTime() - anchor.getTime()) / periodMs) + 1;
        for (; out.length < limit; n++) {
          const t = anchor.getTime() + n * periodMs;
          if (t > until.getTime()) break;
          if (t > after.getTime()) out.push(new Date(t));
        }
        return out;
      },
    };
  }
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) throw new Error(`unsupported schedule expression: ${expression}`);
  const [, minute, hour, dom, month, dow, year] = cron.map((f) => f.replace('?', '*')) as string[];
  const job = new Cron(`0 ${minute} ${hour} ${dom} ${month} ${dow} ${year}`, {
    timezone: timeZone,
    mode: '7-part',
    alternativeWeekdays: true,
    paused: true,
  });
  const firstTwo = job.nextRuns(2, anchor);
  const frequent = firstTwo.length === 2 && firstTwo[1]!.getTime() - firstTwo[0]!.getTime() < FREQUENT_MS;
  return {
    frequent,
    between(after, until, limit) {
      const out: Date[] = [];
      let cursor: Date | null = after;
      while (out.length < limit) {
        cursor = job.nextRun(cursor);
        if (!cursor || cursor.getTime() > until.getTime()) break;
        out.push(cursor);
      }
      return out;
    },
  };
}
