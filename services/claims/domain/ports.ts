/** What the claims service needs from the outside world; adapters implement these. */
import type { CoreEvent } from '#shared/contracts/core-events';
import type { EventEnvelope } from '#shared/contracts/events/index';
import type { ClaimStage } from './journey';
import type { RelationshipEnd } from './relationship-end';

export interface JourneyEventLog {
  /** Stores the event unless its id is known already; true when it was new. */
  record(event: CoreEvent, correlationId: string): Promise<boolean>;
  /** Every event recorded for the policy, in no particular order. */
  eventsOf(policyNumber: string): Promise<CoreEvent[]>;
  /**
   * Sets the customer's relationship end on the recorded event, or takes it away (undefined);
   * false when there was nothing to change or the event is gone.
   */
  setRelationshipEnd(eventId: string, end: RelationshipEnd | undefined): Promise<boolean>;
}

/** The stored state of one claim: where it stands and when its stall falls due. */
export interface ClaimState {
  readonly claimNumber: string;
  readonly policyNumber: string;
  readonly customerId?: string;
  readonly stage: ClaimStage;
  readonly lastProgressAt: string;
  /** When the claim counts as stalled; absent when nothing is pending. */
  readonly stallDueAt?: string;
  /** The lastProgressAt of the stall already announced (once per stall). */
  readonly stallNoticedFor?: string;
  /** Once the customer's relationship ended: its day and the state's expiry (relationship-end.ts). */
  readonly relationshipEndedAt?: string;
  readonly expiresAt?: number;
}

export interface ClaimStore {
  /**
   * Saves the claim's state unless a newer one (a later lastProgressAt) is stored, with the events
   * it causes in the same transaction; false when a newer state was there (nothing written).
   */
  save(state: ClaimState, events: readonly EventEnvelope[]): Promise<boolean>;
  get(claimNumber: string): Promise<ClaimState | undefined>;
  /** Events about a policy or a customer alone (a policy notice), through the outbox. */
  publish(events: readonly EventEnvelope[]): Promise<void>;
  /**
   * Sets the customer's relationship end on the claim's state, or takes it away (undefined), and
   * nothing else; false when there was nothing to change or the state is gone.
   */
  setRelationshipEnd(claimNumber: string, end: RelationshipEnd | undefined): Promise<boolean>;
}

export interface StallStore {
  /** Claim numbers whose stall check fell due by `now` (the sweep's buckets). */
  dueStalls(now: Date): Promise<string[]>;
  /**
   * Marks the stall of `lastProgressAt` announced, with its event, unless the claim moved or the
   * stall was announced already; false when it was not written.
   */
  markStalled(claimNumber: string, lastProgressAt: string, event: EventEnvelope): Promise<boolean>;
  /** Drops a stall check that no longer holds. */
  clearStall(claimNumber: string): Promise<void>;
  /** Records that the sweep read every bucket up to `now`. */
  checkpoint(now: Date): Promise<void>;
}

/** Who holds a policy, from its lookup item, which also carries the end of their relationship. */
export interface PolicyHolder {
  readonly customerId: string;
  /** The day the customer's relationship ended (`YYYY-MM-DD`); absent while it goes on. */
  readonly relationshipEndedAt?: string;
}

/** A customer's relationship as their profile holds it now, and the policies of their partition. */
export interface CustomerRelationship {
  readonly relationshipEndedAt?: string;
  readonly policyNumbers: readonly string[];
}

export interface CustomerDirectory {
  holderOf(policyNumber: string): Promise<PolicyHolder | undefined>;
  /** Undefined when the customer has no profile (never imported, or erased). */
  relationshipOf(customerId: string): Promise<CustomerRelationship | undefined>;
}
