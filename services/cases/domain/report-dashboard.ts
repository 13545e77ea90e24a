/**
 * The figures a team lead watches, computed from the same complaints and clocks the complaints
 * report reads (so the console's dashboard and the report never disagree): the complaints still open
 * by team, what falls due today, the clocks in warning or breach right now, escalations, how the met
 * share of each clock moved over the period, the most frequent root causes. Pure: time, the time zone
 * and the records come in.
 */
import { addDays, fromEpochDay, type LocalDate, toEpochDay, weekday } from '#shared/calendar/local-date';
import { localDateIn } from '#shared/calendar/zoned-time';
import { teams } from '#shared/contracts/vocabulary';
import type { ComplaintRecord, ReportedClock, ReportedComplaint } from './report';

/** How the period is cut for the trend: days for a month, ISO weeks up to a quarter, then months. */
export type TrendBucket = 'day' | 'week' | 'month';

export interface SlaWatch {
  /** The instant the figures describe (the report's generatedAt) and the company's date then. */
  readonly asOf: string;
  readonly today: LocalDate;
  /** Complaints of the period neither resolved nor closed, by their current team. */
  readonly openByTeam: Readonly<Record<string, number>>;
  readonly open: number;
  /** Open complaints with a running clock due later today (company time zone), not yet breached. */
  readonly dueToday: number;
  /** Open complaints with a running clock past a warning threshold and not yet breached. */
  readonly warnings: number;
  /** Open complaints with a clock in breach now (not stopped since). */
  readonly breaches: number;
  /** Open complaints the SLA service escalated after a breach. */
  readonly escalated: number;
}

export interface ClockTrendPoint {
  /** The bucket's first day (a Monday for weeks, the 1st for months), in the company time zone. */
  readonly start: LocalDate;
  readonly met: number;
  readonly breached: number;
  /** met / (met + breached); null when no clock of the bucket has a verdict. */
  readonly metShare: number | null;
}

export interface ClockTrend {
  readonly regime: string;
  readonly clock: string;
  readonly points: readonly ClockTrendPoint[];
}

export interface RootCauseCount {
  readonly rootCause: string;
  readonly count: number;
  /** Of the complaints with a standing decision. */
  readonly share: number;
}

/** How many root causes the dashboard ranks. */
export const TOP_ROOT_CAUSES = 5;
const WARNING_KEY = /^0(\.\d+)?$/;

const isOpen = (c: ReportedComplaint) => c.status !== 'resolved' && c.status !== 'closed';
const ratio = (part: number, whole: number) => (whole === 0 ? null : Number((part / whole).toFixed(4)));

/** In breach now: breached and not stopped since (a stopped breached clock is history, not a fire). */
const inBreach = (clock: ReportedClock) => clock.state === 'breached' && !clock.stoppedAt;

/** In warning: still running and at least one warning threshold ("0.5", "0.8") announced. */
const inWarning = (clock: ReportedClock) =>
  clock.state === 'running' && (clock.firedThresholds ?? []).some((key) => WARNING_KEY.test(key));

export function slaWatch(records: readonly ComplaintRecord[], now: Date, timeZone: string): SlaWatch {
  const today = localDateIn(now, timeZone);
  const openByTeam: Record<string, number> = Object.fromEntries(teams.map((t) => [t, 0]));
  let open = 0;
  let dueToday = 0;
  let warnings = 0;
  let breaches = 0;
  let escalated = 0;
  for (const { complaint, clocks } of records) {
    if (!isOpen(complaint)) continue;
    open++;
    const team = complaint.team ?? 'not-triaged';
    openByTeam[team] = (openByTeam[team] ?? 0) + 1;
    // windows that lapse (the UK summary window) are an opportunity, never a duty falling due
    const duties = clocks.filter((c) => !c.lapses);
    const breached = duties.some(inBreach);
    if (breached) breaches++;
    else if (duties.some(inWarning)) warnings++;
    if (
      !breached &&
      duties.some(
        (c) =>
          c.state === 'running' &&
          Date.parse(c.dueAt) >= now.getTime() &&
          localDateIn(new Date(c.dueAt), timeZone) === today,
      )
    )
      dueToday++;
    if (complaint.escalated === true) escalated++;
  }
  return { asOf: now.toISOString(), today, openByTeam, open, dueToday, warnings, breaches, escalated };
}

export function trendBucketFor(from: LocalDate, to: LocalDate): TrendBucket {
  const days = toEpochDay(to) - toEpochDay(from) + 1;
  if (days <= 31) return 'day';
  if (days <= 92) return 'week';
  return 'month';
}

/** The first day of the bucket a date falls in. */
export function bucketStart(date: LocalDate, bucket: TrendBucket): LocalDate {
  if (bucket === 'day') return date;
  if (bucket === 'month') return `${date.slice(0, 7)}-01`;
  return addDays(date, -((weekday(date) + 6) % 7)); // back to Monday
}

/** Every bucket start from the one holding `from` to the one holding `to`, so the chart has no gaps. */
function bucketsBetween(from: LocalDate, to: LocalDate, bucket: TrendBucket): LocalDate[] {
  const starts: LocalDate[] = [];
  const last = bucketStart(to, bucket);
  for (let start = bucketStart(from, bucket); start <= last; ) {
    starts.push(start);
    if (bucket === 'day') start = addDays(start, 1);
    else if (bucket === 'week') start = addDays(start, 7);
    else start = bucketStart(fromEpochDay(toEpochDay(start) + 31), 'month');
  }
  return starts;
}

/** The day itself, or the period's nearest end when the day falls outside it. */
function withinPeriod(day: LocalDate, period: { from: LocalDate; to: LocalDate }): LocalDate {
  if (day < period.from) return period.from;
  if (day > period.to) return period.to;
  return day;
}

/**
 * Met and breached clocks of the period's complaints by when the verdict came: a met clock when it
 * stopped, a breached one at its deadline. Verdicts after `to` (a complaint of the period decided
 * later) fall in the last bucket, so the trend adds up to the report's clock figures.
 */
export function clockTrend(
  records: readonly ComplaintRecord[],
  period: { from: LocalDate; to: LocalDate; timeZone: string },
): { bucket: TrendBucket; series: ClockTrend[] } {
  const bucket = trendBucketFor(period.from, period.to);
  const starts = bucketsBetween(period.from, period.to, bucket);
  const series = new Map<string, { regime: string; clock: string; met: number[]; breached: number[] }>();
  for (const { clocks } of records) {
    for (const c of clocks) {
      const verdictAt = c.state === 'met' ? c.stoppedAt : c.state === 'breached' ? c.dueAt : undefined;
      if (!verdictAt) continue;
      const key = `${c.regime}\u0000${c.name}`;
      let entry = series.get(key);
      if (!entry) {
        entry = {
          regime: c.regime,
          clock: c.name,
          met: starts.map(() => 0),
          breached: starts.map(() => 0),
        };
        series.set(key, entry);
      }
      const day = localDateIn(new Date(verdictAt), period.timeZone);
      const index = starts.indexOf(bucketStart(withinPeriod(day, period), bucket));
      entry[c.state === 'met' ? 'met' : 'breached'][index]!++;
    }
  }
  return {
    bucket,
    series: [...series.values()]
      .sort((a, b) => a.regime.localeCompare(b.regime) || a.clock.localeCompare(b.clock))
      .map(({ regime, clock, met, breached }) => ({
        regime,
        clock,
        points: starts.map((start, i) => ({
          start,
          met: met[i]!,
          breached: breached[i]!,
          metShare: ratio(met[i]!, met[i]! + breached[i]!),
        })),
      })),
  };
}

/** The most frequent root causes among standing decisions, most frequent first (ties by name). */
export function topRootCauses(
  rootCauseCounts: Readonly<Record<string, number>>,
  notResolved: string,
): RootCauseCount[] {
  const decided = Object.entries(rootCauseCounts).filter(([cause, n]) => cause !== notResolved && n > 0);
  const total = decided.reduce((sum, [, n]) => sum + n, 0);
  return decided
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .slice(0, TOP_ROOT_CAUSES)
    .map(([rootCause, count]) => ({ rootCause, count, share: ratio(count, total) ?? 0 }));
}
