/** Init layer probe (bench/run.ts): the business calendars and their holiday data. */
export * from '#shared/calendar/business-calendar';
