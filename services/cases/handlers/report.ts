/**
 * GET /v1/reports/complaints?from=&to=&format=json|csv — complaint statistics for a period of
 * receipt; admins see every team, leads their own. CSV is the one-section layout of docs/reports.md.
 */
import { clock } from '#shared/clock';
import { setting } from '#shared/config/settings';
import { staffRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { dynamoReportSource } from '../adapters/dynamo-report-source';
import { ComplaintReportQuery } from '../domain/case-requests';
import { complaintReport, reportCsv } from '../domain/report';

export const handler = staffRoute({ query: ComplaintReportQuery }, async ({ query, principal }) => {
  const report = await complaintReport(
    {
      period: { from: query.from, to: query.to, timeZone: setting('COMPANY_TIME_ZONE') },
      viewer: principal,
      now: clock.now(),
    },
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
