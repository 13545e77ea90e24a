/** Init layer probe (bench/run.ts): the zod schemas intake builds at module scope (requests, events). */
export * from '#shared/contracts/complaint-requests';
export * from '#shared/contracts/events/index';
