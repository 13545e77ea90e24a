/** Every minute: fires the warning, breach and escalation timers that have fallen due. */
import { scheduleHandler } from '#shared/middleware/schedule';
import { logger } from '#shared/observability/logger';
import { slaDeps } from '../adapters/deps';
import { sweepTimers } from '../domain/sweep';

export const handler = scheduleHandler(async () => {
  const report = await sweepTimers(slaDeps);
  if (report.due > 0) logger.info('timers swept', { ...report });
  return report;
});
