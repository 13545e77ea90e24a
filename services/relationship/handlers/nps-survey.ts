/**
 * `GET /v1/nps?t=` shows the survey's question and changes nothing; `POST /v1/nps?t=` records the
 * answer (0–10 and a comment), from the page's form or as JSON, once per ask: a second answer is a
 * 409. A forged, expired or foreign link is a 400 on `query.t`. Logs name the ask, never the token.
 */
import { CustomerLinkQuery } from '#shared/contracts/complaint-requests';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { askOfLink } from '../adapters/customer-link';
import { npsDeps } from '../adapters/deps';
import { answerNps } from '../domain/nps';
import { NpsAnswerBody } from '../domain/nps-contracts';
import { surveyPage, thanksPage } from '../domain/survey-page';

const FORM = 'application/x-www-form-urlencoded';

const PAGE_POLICY = {
  'form-action': "'self'",
  'style-src': "'unsafe-inline'",
  sandbox: 'allow-forms allow-same-origin',
};

/** A form's fields, or JSON. */
function parseAnswer(raw: string): unknown {
  if (raw.trimStart().startsWith('{')) {
    try {
      return JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

const html = (status: number, text: string) => ({
  status,
  text,
  contentType: 'text/html; charset=utf-8',
  headers: { 'cache-control': 'no-store' },
});

const show = httpRoute(
  { query: CustomerLinkQuery, contentSecurityPolicy: PAGE_POLICY },
  async ({ query }) => {
    await askOfLink(query.t, 'nps');
    return html(200, surveyPage(`/v1/nps?t=${encodeURIComponent(query.t)}`));
  },
);

const record = httpRoute(
  {
    query: CustomerLinkQuery,
    body: NpsAnswerBody,
    mediaTypes: ['application/json', FORM],
    parseBody: parseAnswer,
    contentSecurityPolicy: PAGE_POLICY,
  },
  async ({ query, body, headers }) => {
    const askId = await askOfLink(query.t, 'nps');
    const answer = await answerNps(askId, body, npsDeps);
    logger.info('nps answered', { askId, touchpoint: answer.touchpoint, score: answer.score });
    if ((headers['content-type'] ?? '').startsWith(FORM)) return html(201, thanksPage());
    return {
      status: 201,
      body: { askId, touchpoint: answer.touchpoint, score: answer.score, answeredAt: answer.answeredAt },
      headers: { 'cache-control': 'no-store' },
    };
  },
);

export const handler: typeof show = ((event, context) =>
  event.routeKey.startsWith('GET ') ? show(event, context) : record(event, context)) as typeof show;
