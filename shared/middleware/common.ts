/** Middleware every trigger kind shares: Lambda context in the logs and metrics flushed per invocation. */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '../observability/logger';
import { flushStoredMetrics } from '../observability/metrics-flush';

/** Flushes the metrics a handler recorded, in the functions that emit any (../observability/metrics.ts). */
export const flushMetrics: middy.MiddlewareObj = {
  after: async () => flushStoredMetrics(),
  onError: async () => flushStoredMetrics(),
};

export function withObservability<E, R>(fn: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics)
    .handler(fn);
}
