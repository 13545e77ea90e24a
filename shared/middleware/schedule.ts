/**
 * The middleware stack for scheduled functions. EventBridge Scheduler delivers the same
 * "Scheduled Event" shape the local cloud builds: `time` is the scheduled instant, which the
 * function should plan for (not the moment it happens to run).
 */
import type { ScheduledEvent } from 'aws-lambda';
import { logger } from '../observability/logger';
import { withObservability } from './common';

export interface ScheduledRun {
  readonly schedule: string;
  readonly scheduledTime: Date;
}

export function scheduleHandler<R>(run: (scheduled: ScheduledRun) => Promise<R>) {
  return withObservability<ScheduledEvent<{ schedule?: string }>, R>(async (event) => {
    const scheduled = { schedule: event.detail?.schedule ?? 'unknown', scheduledTime: new Date(event.time) };
    logger.info('scheduled run', { schedule: scheduled.schedule, scheduledTime: event.time });
    return run(scheduled);
  });
}
