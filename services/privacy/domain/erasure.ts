/**
 * Completing an erasure request (PIPL art. 47, GDPR art. 17): the person's data is removed or
 * pseudonymised wherever it lives, except what a regulator requires the insurer to keep — each
 * complaint stays as a skeleton (reference, dates, category, outcome, clocks, regulator fields) under
 * its retention hold, and DynamoDB's TTL purges it when the hold ends. A tombstone records that the
 * person was erased, so a replayed old event or import cannot bring the data back.
 */
import { buildEvent } from '#shared/contracts/events/index';
import type { Principal } from '#shared/domain/principal';
import type { PersonRecordSource, PersonRecords } from './access-export';
import type { PrivacyRequestDeps } from './privacy-requests';
import type { ErasureOutcome, PrivacyRequest } from './request-contracts';
import { type RetentionHold, retentionHold } from './retention-holds';

export interface ErasureStamp {
  readonly requestId: string;
  readonly erasedAt: string;
  readonly customerId?: string;
  /** The contact the request named, as its keyed hash. */
  readonly contact?: { kind: 'phone' | 'email'; hash: string };
}

export interface PersonEraser {
  /**
   * Writes the tombstones first, then removes what `records` hold and rewrites each complaint as
   * its skeleton under its hold. Safe to run again: what is gone stays gone.
   */
  erase(records: PersonRecords, holds: readonly RetentionHold[], stamp: ErasureStamp): Promise<ErasureCounts>;
}

export type ErasureCounts = Required<ErasureOutcome['erased']>;

export interface ErasureDeps extends PrivacyRequestDeps {
  readonly records: PersonRecordSource;
  readonly eraser: PersonEraser;
}

/** What a skeleton calls its customer: no name, no contact. */
export const ERASED_NAME = '(erased)';

/** The fixed text a skeleton's description is replaced with. */
export const erasedDescription = (erasedAt: string, requestId: string) =>
  `Erased on ${erasedAt.slice(0, 10)} (privacy request ${requestId}); kept as a record under its retention hold.`;

/**
 * POST /v1/privacy/requests/{id}/complete of an open erasure request (request-completion.ts checks
 * it): hands the erasure to the privacy-erasure function through its queue (the request becomes
 * `erasing`, and privacy.erasure-requested is published in the same write), so a large customer's
 * erasure is not bound by API Gateway's 29 s.
 */
export async function requestErasure(
  request: PrivacyRequest,
  principal: Principal,
  deps: PrivacyRequestDeps,
): Promise<PrivacyRequest> {
  const { requestId } = request;
  return deps.requests.startErasure(
    request,
    buildEvent('privacy.erasure-requested', { requestId, requestedBy: principal.sub }, requestId),
  );
}

/**
 * One pass of an erasure handed over by requestErasure, on the privacy-erasure function. A pass that
 * fails (a throttle, a complaint changed by case work meanwhile) throws, and SQS delivers the event
 * again: every step is idempotent, so the next pass finds what is left and finishes. A request
 * already completed (a duplicate delivery) is left as it is.
 */
export async function carryOutErasure(
  requestId: string,
  requestedBy: string,
  deps: ErasureDeps,
): Promise<PrivacyRequest | undefined> {
  const request = await deps.requests.get(requestId);
  if (request?.status !== 'erasing') return undefined;

  const records = await deps.records.recordsOf({
    ...(request.customerId ? { customerId: request.customerId } : {}),
    contactHashes: request.contact ? [request.contact] : [],
    // a pass after one that stopped half-way: complaints already skeletons are no longer found by
    // the person's contacts
    complaintIds: (request.erasure?.holds ?? []).map((h) => h.complaintId),
  });
  const found = records.complaints.flatMap((items) => {
    const complaint = items.find((i) => i.kind === 'complaint');
    return complaint ? [retentionHold(complaint as Parameters<typeof retentionHold>[0], request.regime)] : [];
  });
  // an earlier pass that stopped half-way has turned some complaints into skeletons already, which
  // the person's contacts no longer find: their holds were kept on the request
  const holds = [
    ...new Map([...(request.erasure?.holds ?? []), ...found].map((h) => [h.complaintId, h])).values(),
  ];
  const erasedAt = deps.clock.now().toISOString();
  const planned = await deps.requests.planErasure(request, holds);
  const erased = await deps.eraser.erase(records, holds, {
    requestId,
    erasedAt,
    ...(request.customerId ? { customerId: request.customerId } : {}),
    ...(request.contact ? { contact: request.contact } : {}),
  });
  return deps.requests.complete(planned, {
    completedAt: erasedAt,
    completedBy: requestedBy,
    erasure: { erasedAt, erased, holds },
  });
}
