/**
 * What a complaint about a policy gets to know of its claims (triage, the case detail, the
 * customer's journey): each claim's stage, whether it is stalled, why it was declined, and its
 * timeline, newest first. Pure: the events and stored states come in.
 */
import type { CoreEvent } from '#shared/contracts/core-events';
import { FINAL_CLAIM_STAGES, foldJourney } from './journey';

export interface ClaimTimelineEntry {
  readonly type: string;
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
}

export interface ClaimContext {
  readonly claimNumber: string;
  readonly policyNumber: string;
  readonly stage: string;
  readonly lastProgressAt: string;
  /** No progress for the stall period: announced, or due and not yet swept. */
  readonly stalled: boolean;
  readonly declinedReason?: string;
  readonly timeline: ClaimTimelineEntry[];
}

/** A claim's stored stall bookkeeping (the claims service's claim state item). */
export interface ClaimStallState {
  readonly claimNumber: string;
  readonly lastProgressAt: string;
  readonly stallDueAt?: string;
  readonly stallNoticedFor?: string;
}

export function claimContexts(
  policyNumber: string,
  events: readonly CoreEvent[],
  states: readonly ClaimStallState[],
  now: Date,
): ClaimContext[] {
  return foldJourney(policyNumber, events).claims.map((claim) => {
    const state = states.find((s) => s.claimNumber === claim.claimNumber);
    // the stored state holds instants in UTC; the events as the core system wrote them
    const progress = Date.parse(claim.lastProgressAt);
    const current = state !== undefined && Date.parse(state.lastProgressAt) === progress;
    const stalled =
      !FINAL_CLAIM_STAGES.includes(claim.stage) &&
      current &&
      ((state.stallNoticedFor !== undefined && Date.parse(state.stallNoticedFor) === progress) ||
        (state?.stallDueAt !== undefined && Date.parse(state.stallDueAt) <= now.getTime()));
    return {
      claimNumber: claim.claimNumber,
      policyNumber,
      stage: claim.stage,
      lastProgressAt: claim.lastProgressAt,
      stalled,
      ...(claim.declinedReason !== undefined && { declinedReason: claim.declinedReason }),
      timeline: [...claim.steps]
        .reverse()
        .map((step) => ({ type: step.type, occurredAt: step.occurredAt, data: step.data })),
    };
  });
}

/** What a complaint names of the claims journey: a claim, a policy, both or neither. */
export interface ClaimLink {
  readonly claimNumber?: string;
  readonly policyNumber?: string;
}

/** The claim a complaint names comes first; the other claims of its policy follow. */
export function namedClaimFirst(claims: readonly ClaimContext[], claimNumber?: string): ClaimContext[] {
  const named = claims.filter((c) => c.claimNumber === claimNumber);
  return [...named, ...claims.filter((c) => c.claimNumber !== claimNumber)];
}
