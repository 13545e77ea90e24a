/** Init layer probe (bench/run.ts): the Powertools logger every function creates at init (metrics: only where emitted). */
export * from '#shared/observability/logger';
