/**
 * Every hour (UTC): plans today's active care campaigns for each time zone where it is now 09:00. Plans
 * for the scheduled instant, not the moment the function happens to run, so a late or repeated
 * invocation plans the same day again (and finds it already planned). The same run sends the
 * customer events' day-before reminders and asks the post-event surveys that fall due in its hour.
 */

import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { scheduleHandler } from '#shared/middleware/schedule';
import { logger } from '#shared/observability/logger';
import { metrics } from '#shared/observability/metrics';
import { eventReminders } from '../../relationship/adapters/event-reminders';
import { activeCampaigns } from '../adapters/active-campaigns';
import { dynamoCampaignStore } from '../adapters/dynamo-campaign-store';
import { occasionsAt, planDueCampaigns } from '../domain/plan-campaigns';

export const handler = scheduleHandler(async ({ scheduledTime }) => {
  // Independent work, run together: most hours send nothing, and an hourly run then costs one
  // round of reads (a clock jump on the local cloud runs this once per hour it skips). Reminders
  // run whatever the zones: 09:00 in a customer's zone need not be a zone the Customers table lists.
  const [reminders, surveys, zones] = await allOrFirstError([
    eventReminders.sendDue(scheduledTime),
    eventReminders.askDueSurveys(scheduledTime),
    dynamoCampaignStore.timeZones(),
  ] as const);
  if (reminders.due > 0) logger.info('event reminders', reminders);
  if (surveys.due > 0) logger.info('post-event surveys', surveys);
  // in most hours no zone with customers is at 09:00: one read, and the campaigns are left unread
  const occasions = occasionsAt(scheduledTime, zones);
  if (occasions.length === 0) return { zones: 0, runs: 0, reminders: reminders.sent };
  // approved and active versions only (campaign authoring, four eyes)
  const { catalog, versions } = await activeCampaigns(scheduledTime);
  const report = await planDueCampaigns(catalog, dynamoCampaignStore, occasions, scheduledTime, versions);
  for (const run of report.runs) {
    if (run.audience > 0) logger.info('campaign planned', { ...run });
    if (run.missingSegment) {
      logger.warn('campaign segment missing', { ...run });
      const metric = metrics.singleMetric();
      metric.addDimension('campaignId', run.campaignId);
      metric.addMetric('CampaignSegmentMissing', MetricUnit.Count, 1);
    }
  }
  if (report.failed.length > 0) {
    logger.error('campaigns not planned', { failed: report.failed });
    // a failed run is retried by the scheduler; what was planned already is not planned again
    throw new Error(`${report.failed.length} campaign run(s) failed`);
  }
  return { zones: report.occasions.length, runs: report.runs.length, reminders: reminders.sent };
});

/** Waits for every one (none is cut off half-way), then fails with the first failure, if any. */
async function allOrFirstError<T extends readonly unknown[]>(
  work: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
