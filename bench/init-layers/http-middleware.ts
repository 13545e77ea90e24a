/** Init layer probe (bench/run.ts): the HTTP middleware stack (middy, security headers, logger). */
export * from '#shared/middleware/http';
