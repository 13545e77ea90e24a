/** Middleware every trigger kind shares: Lambda context in the logs and metrics flushed per invocation. */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics } from '../observability/logger';

/** Flushes metrics only when a handler recorded some (Powertools warns on every empty flush). */
export const flushMetrics: middy.MiddlewareObj = {
  after: async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  },
  onError: async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  },
};

export function withObservability<E, R>(fn: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics)
    .handler(fn);
}
