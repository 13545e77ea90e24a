/** Init layer probe (bench/run.ts): the Powertools logger and metrics every function creates at init. */
export * from '#shared/observability/logger';
