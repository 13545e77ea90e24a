/**
 * Powertools Metrics, in a module of its own so that only the functions that emit metrics bundle
 * and evaluate it (a few ms of every other function's cold start, bench/README.md). It registers
 * its flush with ./metrics-flush.ts, which the shared middleware calls after every invocation.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { onMetricsFlush } from './metrics-flush';

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'ComplaintCare',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'complaint-care',
});

// Only when a handler recorded some: Powertools warns on every empty flush.
onMetricsFlush(() => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
});
