/**
 * The middleware stack for scheduled functions. EventBridge Scheduler delivers the same
 * "Scheduled Event" shape the local cloud builds: `time` is the scheduled instant, which the
 * function should plan for (not the moment it happens to run).
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from '../observability/logger';
import { withObservability } from './common';

export interface ScheduledRun {
  readonly schedule: string;
  readonly scheduledTime: Date;
}

/**
 * What a scheduled run may answer: `moreDue` says it stopped before its timeout with work left.
 * On AWS the next occurrence carries on; the local cloud, which runs a frequent schedule once for
 * all the minutes a jump of its clock skipped, runs it again at once (infra/local/scheduler.ts).
 */
export interface ScheduledRunResult {
  readonly moreDue?: boolean;
}

export function scheduleHandler<R>(run: (scheduled: ScheduledRun, context: Context) => Promise<R>) {
  return withObservability<ScheduledEvent<{ schedule?: string }>, R>(async (event, context) => {
    const scheduled = { schedule: event.detail?.schedule ?? 'unknown', scheduledTime: new Date(event.time) };
    logger.info('scheduled run', { schedule: scheduled.schedule, scheduledTime: event.time });
    return run(scheduled, context);
  });
}
