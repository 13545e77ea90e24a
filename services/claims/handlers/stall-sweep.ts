/** Every minute: announces the claims that have stalled (no progress for N business days), once each. */
import { clock } from '#shared/clock';
import { scheduleHandler } from '#shared/middleware/schedule';
import { logger } from '#shared/observability/logger';
import { claimStore, stallBusinessDays } from '../adapters/deps';
import { sweepStalls } from '../domain/sweep-stalls';

export const handler = scheduleHandler(async () => {
  const report = await sweepStalls(clock.now(), stallBusinessDays(), {
    stalls: claimStore,
    claims: claimStore,
  });
  if (report.due > 0) logger.info('stalls swept', { ...report });
  return report;
});
