/** Every 15 minutes: alerts the privacy office of requests nearing or past their statutory deadline, once each. */
import { scheduleHandler } from '#shared/middleware/schedule';
import { logger } from '#shared/observability/logger';
import { privacyDeps } from '../adapters/deps';
import { sweepDueRequests } from '../domain/privacy-requests';

export const handler = scheduleHandler(async () => {
  const report = await sweepDueRequests(privacyDeps);
  if (report.due > 0) logger.info('privacy requests swept', { ...report });
  return report;
});
