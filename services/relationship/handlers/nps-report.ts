/** GET /v1/reports/nps?from=&to= — NPS by segment (tier when asked) and touchpoint, leads and admins. */
import { clock } from '#shared/clock';
import { ValidationFailed } from '#shared/http/errors';
import { httpRoute } from '#shared/middleware/http';
import { dynamoNpsStore } from '../adapters/dynamo-nps-store';
import { NpsReportQuery } from '../domain/nps-contracts';
import { npsReport } from '../domain/nps-report';

/** A year of answers at most: the report reads one index partition per month. */
const MAX_DAYS = 366;

export const handler = httpRoute({ query: NpsReportQuery }, async ({ query }) => {
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
  if (days < 0 || days > MAX_DAYS) {
    throw new ValidationFailed([
      { path: 'query.to', message: `Must be on or after from, at most ${MAX_DAYS} days later` },
    ]);
  }
  const answers = await dynamoNpsStore.answersBetween(query.from, query.to, clock.now());
  return { status: 200, body: npsReport(query.from, query.to, answers) };
});
