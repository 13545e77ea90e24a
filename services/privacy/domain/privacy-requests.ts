/**
 * The request use cases behind /v1/privacy/requests: record a verified request with its statutory
 * deadline, read it, and the due sweep on the timer design of the SLA service (a pointer per open
 * request on an index bucketed by due hour; the sweep reads only the buckets that fell due and
 * alerts each request's "due soon" and "overdue" once).
 */
import type { Clock } from '#shared/clock';
import { buildEvent, type EventEnvelope } from '#shared/contracts/events/index';
import { NotFound } from '#shared/domain/errors';
import type { Principal } from '#shared/domain/principal';
import type { CompletionOutcome, NewPrivacyRequest, PrivacyRequest } from './request-contracts';
import type { RetentionHold } from './retention-holds';
import { statutoryDeadline } from './statutory-deadline';

export const alertStages = ['due-soon', 'overdue'] as const;
export type AlertStage = (typeof alertStages)[number];

export interface PrivacyRequestStore {
  get(requestId: string): Promise<PrivacyRequest | undefined>;
  /** Writes a new request with the pointer to its first alert; never overwrites one. */
  create(request: PrivacyRequest, nextAlertAt: string | undefined): Promise<void>;
  /** Request ids with an alert pointer in the hours from the sweep's checkpoint up to now. */
  dueRequests(now: Date): Promise<string[]>;
  advanceCheckpoint(now: Date): Promise<void>;
  alertedStages(requestId: string): Promise<Set<AlertStage>>;
  /** Records the stage's alert with its event (never twice); false when recorded already. */
  recordAlert(requestId: string, stage: AlertStage, event: EventEnvelope): Promise<boolean>;
  /**
   * Hands an erasure to the privacy-erasure function: the request becomes `erasing` and `event`
   * (privacy.erasure-requested) is published in the same write; Conflict when the request moved on.
   */
  startErasure(request: PrivacyRequest, event: EventEnvelope): Promise<PrivacyRequest>;
  /** Keeps the holds an erasure found before it erases anything; Conflict when the request moved on. */
  planErasure(request: PrivacyRequest, holds: readonly RetentionHold[]): Promise<PrivacyRequest>;
  /**
   * Completes the request at its version and status with its outcome (its alert pointer goes);
   * Conflict when it moved on.
   */
  complete(request: PrivacyRequest, outcome: CompletionOutcome): Promise<PrivacyRequest>;
  /** Records that the request's access export was produced at `at` (the latest export's time). */
  markExported(requestId: string, at: string): Promise<void>;
  /** Moves the pointer, only while the request is still at its version. */
  movePointer(request: PrivacyRequest, nextAlertAt: string | undefined): Promise<void>;
}

/** Who the contact is: the customer id it is registered to, and its keyed hash. */
export interface ContactDirectory {
  resolve(contact: string): Promise<{ kind: 'phone' | 'email'; hash: string; customerId?: string }>;
}

/**
 * An erased complaint's hold as its skeleton holds it now (case work closing or reopening it moves
 * the end); undefined once the TTL purged the skeleton.
 */
export type CurrentHold = Pick<RetentionHold, 'closedAt' | 'endsAt' | 'reason'>;
export interface SkeletonHolds {
  current(complaintIds: readonly string[]): Promise<Map<string, CurrentHold>>;
}

export interface PrivacyRequestDeps {
  readonly requests: PrivacyRequestStore;
  readonly contacts: ContactDirectory;
  readonly clock: Clock;
  readonly newId: () => string;
}

/** The stage to alert next and when, given the stages already alerted; none once closed. */
export function nextAlert(
  request: PrivacyRequest,
  alerted: ReadonlySet<AlertStage>,
): { stage: AlertStage; at: string } | undefined {
  // an erasure under way is still due: stuck in its DLQ, it is alerted overdue
  if (request.status === 'completed') return undefined;
  if (!alerted.has('due-soon') && !alerted.has('overdue'))
    return { stage: 'due-soon', at: request.deadline.alertAt };
  if (!alerted.has('overdue')) return { stage: 'overdue', at: request.deadline.dueAt };
  return undefined;
}

export async function recordPrivacyRequest(
  body: NewPrivacyRequest,
  principal: Principal,
  deps: PrivacyRequestDeps,
): Promise<PrivacyRequest> {
  const now = deps.clock.now();
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
  const contact = body.contact ? await deps.contacts.resolve(body.contact) : undefined;
  const customerId = body.customerId ?? contact?.customerId;
  const regime = body.regime ?? 'pipl';
  const request: PrivacyRequest = {
    requestId: deps.newId(),
    kind: body.kind,
    regime,
    status: 'open',
    ...(customerId ? { customerId } : {}),
    ...(contact ? { contact: { kind: contact.kind, hash: contact.hash } } : {}),
    receivedAt: receivedAt.toISOString(),
    createdAt: now.toISOString(),
    createdBy: principal.sub,
    verification: body.verification,
    ...(body.detail ? { detail: body.detail } : {}),
    deadline: statutoryDeadline(regime, receivedAt),
    version: 1,
  };
  await deps.requests.create(request, nextAlert(request, new Set())?.at);
  return request;
}

/** The holds an erasure recorded, each with its end as the skeleton holds it now. */
async function currentHolds(request: PrivacyRequest, skeletons: SkeletonHolds): Promise<PrivacyRequest> {
  if (!request.erasure?.holds.length) return request;
  const current = await skeletons.current(request.erasure.holds.map((h) => h.complaintId));
  const holds = request.erasure.holds.map((h) => ({ ...h, ...current.get(h.complaintId) }));
  return { ...request, erasure: { ...request.erasure, holds } };
}

export async function privacyRequestView(
  requestId: string,
  deps: PrivacyRequestDeps & { readonly skeletons: SkeletonHolds },
) {
  const stored = await deps.requests.get(requestId);
  if (!stored) throw new NotFound(`No privacy request ${requestId}.`);
  const request = await currentHolds(stored, deps.skeletons);
  const alerted = await deps.requests.alertedStages(requestId);
  const now = deps.clock.now().toISOString();
  return {
    ...request,
    overdue: request.status !== 'completed' && now >= request.deadline.dueAt,
    alerts: alertStages.filter((s) => alerted.has(s)),
  };
}

/** Every few minutes: alerts the privacy office once per request as it nears and passes its deadline. */
export async function sweepDueRequests(deps: PrivacyRequestDeps): Promise<{ due: number; alerted: number }> {
  const now = deps.clock.now();
  const due = [...new Set(await deps.requests.dueRequests(now))];
  let alerted = 0;
  for (const requestId of due) {
    const request = await deps.requests.get(requestId);
    if (!request) continue;
    const stages = await deps.requests.alertedStages(requestId);
    // a request found late (past its deadline at the first sweep) is alerted overdue only
    for (let next = nextAlert(request, stages); next && next.at <= now.toISOString(); ) {
      const stage: AlertStage = now.toISOString() >= request.deadline.dueAt ? 'overdue' : next.stage;
      const event = buildEvent(
        'privacy.request-due',
        { requestId, kind: request.kind, regime: request.regime, stage, dueAt: request.deadline.dueAt },
        requestId,
      );
      if (await deps.requests.recordAlert(requestId, stage, event)) alerted += 1;
      stages.add(stage);
      next = nextAlert(request, stages);
    }
    await deps.requests.movePointer(request, nextAlert(request, stages)?.at);
  }
  await deps.requests.advanceCheckpoint(now);
  return { due: due.length, alerted };
}
