/**
 * POST /v1/privacy/requests/{id}/complete: the privacy office closes a customer's request once it
 * has been answered, each kind in its own way. An access request after its export was produced
 * (and delivered); a correction with what was corrected in the core systems and where (the
 * platform does not master the imported fields, it records the correction); a withdraw-consent
 * request by withdrawing the consents on the customer's profile itself; an erasure by handing it
 * to its own function (erasure.ts). The completion is what stops the request's deadline alerts.
 */

import type * as z from 'zod/mini';
import { Conflict, NotFound, ValidationFailed } from '#shared/domain/errors';
import type { Principal } from '#shared/domain/principal';
import { fieldErrors } from '#shared/domain/validation';
import type { ConsentActor, ConsentChange } from '#shared/tables/customers';
import { requestErasure } from './erasure';
import type { PrivacyRequestDeps } from './privacy-requests';
import {
  type ConsentWithdrawalOutcome,
  completionBodies,
  type PrivacyRequest,
  type RequestKind,
  withdrawableConsents,
} from './request-contracts';

type Consent = (typeof withdrawableConsents)[number];

/** The customer's consents as the care service keeps them on the profile. */
export interface CustomerConsents {
  /** The profile's consent history, oldest first; undefined when there is no profile (or it has ended). */
  historyOf(customerId: string): Promise<readonly ConsentChange[] | undefined>;
  /** Withdraws one consent as `actor`, with its history entry, the way an unsubscribe does. */
  withdraw(
    customerId: string,
    consent: Consent,
    at: Date,
    actor: ConsentActor,
  ): Promise<'withdrawn' | 'already-withdrawn' | 'unknown-customer'>;
}

export interface CompletionDeps extends PrivacyRequestDeps {
  readonly consents: CustomerConsents;
}

/** Who a withdraw-consent request's changes are recorded as: the request, not the admin who pressed the button. */
export const requestActor = (requestId: string): ConsentActor => ({
  by: `privacy-request:${requestId}`,
  via: 'privacy-request',
});

function bodyFor<K extends RequestKind>(kind: K, body: unknown): z.infer<(typeof completionBodies)[K]> {
  const result = completionBodies[kind].safeParse(body ?? {});
  if (!result.success)
    throw new ValidationFailed(
      fieldErrors(result.error.issues, ['body']),
      `A ${kind} request is completed with ${kind === 'erasure' ? 'no body' : 'the fields below'}.`,
    );
  return result.data as z.infer<(typeof completionBodies)[K]>;
}

/**
 * Completes a request (an erasure: hands it over and answers it `erasing`). Conflict when it is not
 * open, or an access request has no export yet; every field error of the body at once otherwise.
 */
export async function completeRequest(
  requestId: string,
  body: unknown,
  principal: Principal,
  deps: CompletionDeps,
): Promise<PrivacyRequest> {
  const request = await deps.requests.get(requestId);
  if (!request) throw new NotFound(`No privacy request ${requestId}.`);
  if (request.status !== 'open') throw new Conflict(`Request ${requestId} is already ${request.status}.`);
  const done = { completedAt: deps.clock.now().toISOString(), completedBy: principal.sub };
  switch (request.kind) {
    case 'erasure':
      bodyFor('erasure', body);
      return requestErasure(request, principal, deps);
    case 'access': {
      const { deliveredVia, note } = bodyFor('access', body);
      if (!request.exportedAt)
        throw new Conflict(
          `Request ${requestId} has no export yet: produce it (GET /v1/privacy/requests/${requestId}/export), deliver it, then complete the request.`,
        );
      return deps.requests.complete(request, {
        ...done,
        access: {
          exportedAt: request.exportedAt,
          ...(deliveredVia ? { deliveredVia } : {}),
          ...noteOf(note),
        },
      });
    }
    case 'correction': {
      const { corrected, note } = bodyFor('correction', body);
      return deps.requests.complete(request, { ...done, correction: { corrected, ...noteOf(note) } });
    }
    case 'withdraw-consent': {
      const { consents, note } = bodyFor('withdraw-consent', body);
      const withdrawal = await withdrawConsents(request, consents ?? withdrawableConsents, deps);
      return deps.requests.complete(request, {
        ...done,
        consentWithdrawal: { ...withdrawal, ...noteOf(note) },
      });
    }
  }
}

const noteOf = (note: string | undefined) => (note ? { note } : {});

const listed = (consents: readonly Consent[]) => consents.join(', ');

/**
 * Withdraws the consents on the customer's profile, as the request. A completion retried after it
 * withdrew them but failed to record itself withdraws nothing twice: each consent is found
 * withdrawn already, and the profile's history says by this request.
 */
async function withdrawConsents(
  request: PrivacyRequest,
  asked: readonly Consent[],
  deps: CompletionDeps,
): Promise<ConsentWithdrawalOutcome> {
  const notFound = {
    customerFound: false,
    withdrawn: [],
    alreadyWithdrawn: [],
    summary: 'No customer profile was found for this request, so there was no consent to withdraw.',
  };
  const customerId = request.customerId;
  const history = customerId ? await deps.consents.historyOf(customerId) : undefined;
  if (!customerId || !history) return notFound;

  const actor = requestActor(request.requestId);
  const at = deps.clock.now();
  const withdrawn: Consent[] = [];
  const alreadyWithdrawn: Consent[] = [];
  for (const consent of withdrawableConsents.filter((c) => asked.includes(c))) {
    const outcome = await deps.consents.withdraw(customerId, consent, at, actor);
    // the profile went meanwhile (erased): nothing left to withdraw
    if (outcome === 'unknown-customer') return notFound;
    const last = history.filter((change) => change.consent === consent).at(-1);
    const byThisRequest = last?.given === false && last.by === actor.by;
    (outcome === 'withdrawn' || byThisRequest ? withdrawn : alreadyWithdrawn).push(consent);
  }
  const summary = [
    withdrawn.length ? `Withdrawn on the customer's profile: ${listed(withdrawn)}.` : '',
    alreadyWithdrawn.length ? `Already withdrawn: ${listed(alreadyWithdrawn)}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { customerFound: true, withdrawn, alreadyWithdrawn, summary };
}
