/**
 * GET /v1/reports/complaints?from=&to=&format=json|csv — complaint statistics for a period of
 * receipt; admins see every team, leads their own. CSV is the one-section layout of docs/reports.md.
 */
import * as z from 'zod/mini';
import { isLocalDate } from '../../../shared/calendar/local-date';
import { clock } from '../../../shared/clock';
import { Unauthenticated } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/middleware/http';
import { logger } from '../../../shared/observability/logger';
import { dynamoReportSource } from '../adapters/dynamo-report-source';
import { complaintReport, periodProblem, reportCsv } from '../domain/report';

const TIME_ZONE = process.env.COMPANY_TIME_ZONE ?? 'Asia/Shanghai';

const ReportDate = z.iso.date('Must be a calendar date (YYYY-MM-DD)');
export const ComplaintReportQuery = z
  .strictObject({
    from: ReportDate,
    to: ReportDate,
    format: z._default(z.enum(['json', 'csv']), 'json'),
  })
  .check(
    z.superRefine((query, context) => {
      // zod checks the object even when a date failed; that date has its own error already
      if (!isLocalDate(query.from) || !isLocalDate(query.to)) return;
      const problem = periodProblem(query.from, query.to);
      if (problem) context.issues.push({ code: 'custom', message: problem, path: ['to'], input: query.to });
    }),
  );

export const handler = httpRoute({ query: ComplaintReportQuery }, async ({ query, principal }) => {
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  const report = await complaintReport(
    { period: { from: query.from, to: query.to, timeZone: TIME_ZONE }, viewer: principal, now: clock.now() },
    dynamoReportSource,
  );
  logger.info('complaint report', {
    from: query.from,
    to: query.to,
    format: query.format,
    scope: report.scope,
    received: report.totals.received,
  });
  const headers = { 'cache-control': 'no-store' };
  if (query.format === 'json') return { status: 200, body: report, headers };
  return {
    status: 200,
    text: reportCsv(report),
    contentType: 'text/csv; charset=utf-8',
    headers: {
      ...headers,
      'content-disposition': `attachment; filename=complaints-${query.from}-${query.to}.csv`,
    },
  };
});
