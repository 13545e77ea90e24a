/** Every minute: fires the warning, breach and escalation timers that have fallen due. */
import { scheduleHandler } from '#shared/middleware/schedule';
import { logger } from '#shared/observability/logger';
import { slaDeps } from '../adapters/deps';
import { sweepTimers } from '../domain/sweep';

/**
 * Time kept back from the function's timeout: no complaint is started after it, so the complaints
 * in hand (a few writes each, seconds on a loaded table) finish before the timeout.
 */
const STOP_BEFORE_TIMEOUT_MS = 15_000;

export const handler = scheduleHandler(async (_scheduled, context) => {
  const report = await sweepTimers(
    slaDeps,
    () => context.getRemainingTimeInMillis() > STOP_BEFORE_TIMEOUT_MS,
  );
  if (report.due > 0) logger.info('timers swept', { ...report });
  return { ...report, moreDue: report.deferred > 0 };
});
