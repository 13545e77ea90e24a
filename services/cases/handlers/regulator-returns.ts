/**
 * GET /v1/reports/returns/{uk-fca|au-asic|cn-nfra}?from=&to=&format=csv|json — a regulator's return
 * for a period (docs/returns.md); admins only. What the data cannot fill is said in `gaps` (JSON) and
 * counted in the `x-return-gaps` header (CSV), never guessed. The FCA and NFRA returns of whole
 * months come from the counters; a period before them is a 409 until their rebuild has been run.
 */
import { clock } from '#shared/clock';
import { setting } from '#shared/config/settings';
import { staffRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { dynamoReportSource } from '../adapters/dynamo-report-source';
import { dynamoReturnCounters } from '../adapters/dynamo-return-counters';
import { ComplaintReportQuery } from '../domain/case-requests';
import { ReturnPath, regulatorReturn, returnCsv } from '../domain/returns/regulator-returns';

export const handler = staffRoute(
  { path: ReturnPath, query: ComplaintReportQuery },
  async ({ path, query, principal }) => {
    const result = await regulatorReturn(
      {
        regime: path.regime,
        period: { from: query.from, to: query.to, timeZone: setting('COMPANY_TIME_ZONE') },
        viewer: principal,
        now: clock.now(),
      },
      dynamoReportSource,
      dynamoReturnCounters,
    );
    logger.info('regulator return', {
      regime: path.regime,
      from: query.from,
      to: query.to,
      rows: result.rows.length,
      gaps: result.gaps.length,
    });
    const headers = { 'cache-control': 'no-store', 'x-return-gaps': String(result.gaps.length) };
    if (query.format === 'json') return { status: 200, body: result, headers };
    return {
      status: 200,
      text: returnCsv(result),
      contentType: 'text/csv; charset=utf-8',
      headers: {
        ...headers,
        'content-disposition': `attachment; filename=${path.regime}-${query.from}-${query.to}.csv`,
      },
    };
  },
);
