/** Mondays: compares last week's complaints per root cause with the eight weeks before (domain/trends.ts). */
import { scheduleHandler } from '#shared/middleware/schedule';
import { logger } from '#shared/observability/logger';
import { trendDeps } from '../adapters/deps';
import { runWeeklyTrends } from '../domain/trends';

export const handler = scheduleHandler(async ({ scheduledTime }) => {
  const result = await runWeeklyTrends(scheduledTime, trendDeps);
  logger.info('root-cause trends', {
    week: result.week,
    rising: result.rising.map((r) => r.rootCause),
    alerted: result.alerted,
  });
  return { week: result.week, rising: result.rising.length, alerted: result.alerted };
});
