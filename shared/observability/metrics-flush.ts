/**
 * What the shared middleware flushes after each invocation, without importing Powertools Metrics:
 * ./metrics.ts registers its flush here when a function imports it, and a function that emits no
 * metrics has nothing to flush and never loads the library.
 */
const flushes: (() => void)[] = [];

export function onMetricsFlush(flush: () => void): void {
  flushes.push(flush);
}

export function flushStoredMetrics(): void {
  for (const flush of flushes) flush();
}
