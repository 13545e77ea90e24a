/** Every 15 minutes: alerts the owner and the lead of each rectification action past its due date, once. */
import { scheduleHandler } from '#shared/middleware/schedule';
import { logger } from '#shared/observability/logger';
import { qualityDeps } from '../adapters/deps';
import { sweepOverdueActions } from '../domain/rectification-work';

export const handler = scheduleHandler(async () => {
  const report = await sweepOverdueActions(qualityDeps);
  if (report.due > 0) logger.info('rectification actions swept', { ...report });
  return report;
});
