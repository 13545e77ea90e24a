/**
 * The privacy office's API (admins): POST /v1/privacy/requests (a customer's verified request),
 * GET /v1/privacy/requests/{requestId} (its statutory deadline and alerts),
 * GET /v1/privacy/requests/{requestId}/export?format=json|html (everything held about the requester
 * of an access request; audited), GET /v1/privacy/audit?date= (the access audit log) and
 * GET /v1/privacy/retention/expiring?days= (what the tables' TTL purges next) and
 * POST /v1/privacy/requests/{requestId}/complete, which completes an access, correction or
 * withdraw-consent request (the last withdrawing the consents on the customer's profile) and hands
 * an erasure to its own function (privacy-erasure.ts, through its queue): only that one may erase
 * the person from the tables that hold them.
 */
import { Unauthenticated } from '#shared/http/errors';
import type { Principal } from '#shared/http/principal';
import { httpRoute } from '#shared/middleware/http';
import { auditEntriesOf } from '../adapters/access-audit-log';
import { privacyDeps } from '../adapters/deps';
import { expiringItems } from '../adapters/expiring-items';
import { accessExport, accessExportHtml } from '../domain/access-export';
import { privacyRequestView, recordPrivacyRequest } from '../domain/privacy-requests';
import { completeRequest } from '../domain/request-completion';
import {
  AuditQuery,
  CompletionBody,
  ExpiringQuery,
  ExportQuery,
  NewPrivacyRequest,
  PrivacyRequestPath,
} from '../domain/request-contracts';
import { expiringReport } from '../domain/retention-report';

function caller(principal: Principal | undefined): Principal {
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  return principal;
}

const create = httpRoute({ body: NewPrivacyRequest }, async ({ body, principal }) => {
  const request = await recordPrivacyRequest(body, caller(principal), privacyDeps);
  return { status: 201, body: request, headers: { location: `/v1/privacy/requests/${request.requestId}` } };
});

const detail = httpRoute({ path: PrivacyRequestPath }, async ({ path, principal }) => {
  caller(principal);
  return { status: 200, body: await privacyRequestView(path.requestId, privacyDeps) };
});

/**
 * 200 with the completed request; 202 for an erasure, under way: GET the request until it is
 * `completed`. The body's fields depend on the request's kind, which the use case checks.
 */
const complete = httpRoute(
  { path: PrivacyRequestPath, body: CompletionBody },
  async ({ path, body, principal }) => {
    const request = await completeRequest(path.requestId, body, caller(principal), privacyDeps);
    return {
      status: request.status === 'erasing' ? 202 : 200,
      body: request,
      headers: { location: `/v1/privacy/requests/${request.requestId}` },
    };
  },
);

const exportData = httpRoute(
  { path: PrivacyRequestPath, query: ExportQuery },
  async ({ path, query, principal }) => {
    const data = await accessExport(path.requestId, caller(principal), privacyDeps);
    const headers = { 'cache-control': 'no-store' };
    return query.format === 'html'
      ? { status: 200, text: accessExportHtml(data), contentType: 'text/html; charset=utf-8', headers }
      : { status: 200, body: data, headers };
  },
);

const audit = httpRoute({ query: AuditQuery }, async ({ query, principal }) => {
  caller(principal);
  const date = query.date ?? privacyDeps.clock.now().toISOString().slice(0, 10);
  const entries = (await auditEntriesOf(date)).filter(
    (e) =>
      (!query.customerId || e.subject.customerId === query.customerId) &&
      (!query.complaintId || e.subject.complaintId === query.complaintId),
  );
  return { status: 200, body: { date, entries } };
});

const expiring = httpRoute({ query: ExpiringQuery }, async ({ query, principal }) => {
  caller(principal);
  return { status: 200, body: await expiringReport(privacyDeps.clock.now(), query.days, expiringItems) };
});

export const handler: typeof detail = ((event, context) => {
  switch (event.routeKey) {
    case 'POST /v1/privacy/requests':
      return create(event, context);
    case 'POST /v1/privacy/requests/{requestId}/complete':
      return complete(event, context);
    case 'GET /v1/privacy/requests/{requestId}/export':
      return exportData(event, context);
    case 'GET /v1/privacy/audit':
      return audit(event, context);
    case 'GET /v1/privacy/retention/expiring':
      return expiring(event, context);
    default:
      return detail(event, context);
  }
}) as typeof detail;
