/**
 * The weekly root-cause trend: each cause's complaints resolved last week (Monday to Sunday in the
 * company's time zone) against the mean of the eight weeks before; a cause above it by the rule's
 * threshold (rules/trend-rules.json, data) alerts the leads once and proposes a rectification,
 * unless one is open for the cause already. Counts come from weekly counters the resolution
 * consumer keeps (one item per week and cause), so the job reads nine partitions whatever the
 * volume.
 */
import { addDays, type LocalDate, weekday } from '#shared/calendar/local-date';
import { localDateIn } from '#shared/calendar/zoned-time';
import { buildEvent, type EventEnvelope } from '#shared/contracts/events/index';
import { rootCauseTitle } from '#shared/contracts/root-causes/taxonomy';
import raw from '../rules/trend-rules.json';
import type { QualityDeps } from './rectification-work';
import { OPEN_STATUSES } from './rectification-work';

export interface TrendRules {
  readonly version: string;
  readonly trailingWeeks: number;
  readonly alertWhen: {
    readonly minimumCount: number;
    readonly riseFactor: number;
    readonly minimumRise: number;
  };
  readonly notify: string;
  readonly proposal: { readonly dueInDays: number };
}
export const trendRules: TrendRules = raw;

export interface WeekCount {
  readonly count: number;
  readonly complaintIds: readonly string[];
}

export interface TrendStore {
  /** Each root cause's complaints resolved in the week starting `monday`. */
  weeklyCounts(monday: LocalDate): Promise<Record<string, WeekCount>>;
  /** Counts a resolution in its week, once per complaint; false when it was counted already. */
  recordResolution(complaintId: string, rootCause: string, monday: LocalDate): Promise<boolean>;
  /** Records the alert of a cause and week with its event; false when it was given already. */
  recordTrendAlert(monday: LocalDate, rootCause: string, event: EventEnvelope): Promise<boolean>;
}

/** The Monday of the week holding `date`. */
export const mondayOf = (date: LocalDate) => addDays(date, -((weekday(date) + 6) % 7));

/** The week a resolution counts in: the Monday of its day in the company's time zone. */
export const resolutionWeek = (resolvedAt: string, timeZone: string) =>
  mondayOf(localDateIn(new Date(resolvedAt), timeZone));

export interface RisingCause {
  readonly rootCause: string;
  readonly count: number;
  readonly trailingMean: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The causes of `week` above their trailing mean by the rule; pure, most risen first. */
export function risingCauses(
  week: Readonly<Record<string, WeekCount>>,
  trailing: readonly Readonly<Record<string, WeekCount>>[],
  rules: TrendRules,
): RisingCause[] {
  const { minimumCount, riseFactor, minimumRise } = rules.alertWhen;
  return Object.entries(week)
    .map(([rootCause, { count }]) => {
      const total = trailing.reduce((n, w) => n + (w[rootCause]?.count ?? 0), 0);
      return { rootCause, count, trailingMean: round(total / rules.trailingWeeks) };
    })
    .filter(
      (c) =>
        c.count >= minimumCount &&
        c.count >= c.trailingMean * riseFactor &&
        c.count - c.trailingMean >= minimumRise,
    )
    .sort(
      (a, b) =>
        b.count - b.trailingMean - (a.count - a.trailingMean) || a.rootCause.localeCompare(b.rootCause),
    );
}

export const ruleText = (rules: TrendRules) =>
  `at least ${rules.alertWhen.minimumCount} complaints, at least ${rules.alertWhen.riseFactor}× and ` +
  `${rules.alertWhen.minimumRise} more than the mean of the ${rules.trailingWeeks} weeks before (rules ${rules.version})`;

/** Runs after a week ends: the week before the one holding `scheduledTime`. */
export async function runWeeklyTrends(
  scheduledTime: Date,
  deps: QualityDeps & { readonly trends: TrendStore },
  rules: TrendRules = trendRules,
): Promise<{ week: LocalDate; rising: RisingCause[]; alerted: number }> {
  const week = addDays(mondayOf(localDateIn(scheduledTime, deps.timeZone())), -7);
  const weeks = Array.from({ length: rules.trailingWeeks + 1 }, (_, i) => addDays(week, -7 * i));
  const [current, ...trailing] = await Promise.all(weeks.map((w) => deps.trends.weeklyCounts(w)));
  const rising = risingCauses(current!, trailing, rules);
  if (rising.length === 0) return { week, rising, alerted: 0 };
  const open = await deps.store.list(OPEN_STATUSES);
  let alerted = 0;
  for (const cause of rising) {
    const existing = open.find((r) => r.rootCause === cause.rootCause);
    const event = buildEvent(
      'root-cause.trend-rising',
      {
        rootCause: cause.rootCause,
        week,
        count: cause.count,
        trailingMean: cause.trailingMean,
        trailingWeeks: rules.trailingWeeks,
        rule: ruleText(rules),
        notify: rules.notify,
        ...(existing
          ? { openRectificationId: existing.rectificationId }
          : {
              proposal: {
                rootCause: cause.rootCause,
                title: `Rectify: ${rootCauseTitle(cause.rootCause) ?? cause.rootCause} (${cause.count} complaints in the week of ${week})`,
                dueDate: addDays(week, 7 + rules.proposal.dueInDays),
                complaintIds: [...(current![cause.rootCause]?.complaintIds ?? [])].sort(),
              },
            }),
      },
      `trend-${week}-${cause.rootCause}`,
    );
    if (await deps.trends.recordTrendAlert(week, cause.rootCause, event)) alerted++;
  }
  return { week, rising, alerted };
}
