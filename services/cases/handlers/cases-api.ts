/**
 * The agents' case API: GET /v1/cases (the queue), GET /v1/cases/{complaintId} (one case) and
 * POST /v1/cases/{complaintId}/{action}. The JWT is verified by the HTTP API; the role and team
 * come from its claims.
 */
import * as z from 'zod/mini';
import { recordAccess } from '#shared/audit/access-audit';
import { addDays } from '#shared/calendar/local-date';
import { instantIn, localDateIn } from '#shared/calendar/zoned-time';
import { setting } from '#shared/config/settings';
import { MalformedRequest, ValidationFailed } from '#shared/http/errors';
import { versionOf as versionOfResource } from '#shared/http/if-match';
import { parseOrThrow } from '#shared/http/validation';
import { staffRoute } from '#shared/middleware/http';
import { caseDeps, caseQueries, downloadLink } from '../adapters/deps';
import { actionBodies } from '../domain/case-actions';
import { CaseActionPath, CasePath, CaseQueueQuery } from '../domain/case-requests';
import { searchCases, searchTerms } from '../domain/case-search';
import {
  caseDetail,
  caseSummary,
  decodeCursor,
  listCases,
  queueFilter,
  seesPersonalData,
} from '../domain/case-views';
import { performAction } from '../domain/case-work';

/** `If-Match: "7"` (or W/"7", or 7) → 7. */
export const versionOf = (ifMatch: string | undefined) => versionOfResource(ifMatch, 'case');

const etag = (version: number) => ({ etag: `"${version}"` });

const queue = staffRoute({ query: CaseQueueQuery }, async ({ query, principal: who, requestId }) => {
  const limit = query.limit;
  if (limit < 1 || limit > 100)
    throw new ValidationFailed([{ path: 'query.limit', message: 'Must be a number from 1 to 100' }]);
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (query.cursor && !cursor) throw new MalformedRequest('The cursor is not one this API gave out.');
  const now = caseDeps.clock.now();
  if (query.q !== undefined) {
    // the query schema let only a searchable text through
    const terms = searchTerms(query.q) ?? [];
    const found = await searchCases(caseQueries, caseDeps.store, who, terms, limit, now);
    // a phone or an email names a person: the search is an access to their data (never the value)
    const byContact = terms.filter((t) => t.kind === 'phone' || t.kind === 'email').map((t) => t.kind);
    if (byContact.length > 0)
      await recordAccess(who, 'case-search', {}, `case search by ${byContact.join(' or ')}`, requestId);
    return { status: 200, body: found };
  }
  const timeZone = setting('COMPANY_TIME_ZONE');
  const filter = queueFilter(who, query, now, () =>
    instantIn(addDays(localDateIn(now, timeZone), 1), '00:00', timeZone),
  );
  const page = await listCases(caseQueries, who, { ...filter, team: query.team, limit, cursor }, now);
  return { status: 200, body: { items: page.items, cursor: page.cursor } };
});

const detail = staffRoute({ path: CasePath }, async ({ path, principal: who, requestId }) => {
  const view = await caseDetail(
    caseDeps.store,
    caseQueries,
    caseDeps.sla,
    who,
    path.complaintId,
    caseDeps.clock.now(),
    downloadLink,
  );
  if (seesPersonalData(who, view))
    await recordAccess(who, 'case-detail', { complaintId: view.complaintId }, 'case work', requestId);
  return { status: 200, body: view, headers: etag(view.version) };
});

const act = staffRoute(
  {
    path: CaseActionPath,
    // each action has its own body, checked below once the action is known
    body: z.unknown(),
  },
  async ({ path, body, headers, principal, requestId }) => {
    const parsed = parseOrThrow(actionBodies[path.action], body, 'body');
    const updated = await performAction(
      {
        complaintId: path.complaintId,
        action: path.action,
        body: parsed as never,
        principal: principal,
        ifMatch: versionOf(headers['if-match']),
        correlationId: headers['x-correlation-id'] ?? requestId,
      },
      caseDeps,
    );
    return { status: 200, body: caseSummary(updated, principal), headers: etag(updated.version) };
  },
);

export const handler: typeof queue = ((event, context) => {
  if (event.routeKey === 'GET /v1/cases/{complaintId}') return detail(event, context);
  if (event.routeKey === 'POST /v1/cases/{complaintId}/{action}') return act(event, context);
  return queue(event, context);
}) as typeof queue;
