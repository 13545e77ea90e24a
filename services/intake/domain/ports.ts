/** What filing a complaint needs from the outside world. Adapters implement these; tests fake them. */
import type { Clock } from '#shared/clock';
import type { Complaint } from '#shared/contracts/complaint';
import type { EventEnvelope } from '#shared/contracts/events/index';
import type { PiiKind } from '#shared/pii';
import type { OpeningDeadlines, RegimeFacts } from '../../sla/domain/track-complaint';

export interface FiledComplaint {
  readonly complaintId: string;
  readonly reference: string;
  readonly status: 'received';
  readonly receivedAt: string;
}

export interface IdempotencyRecord {
  readonly scope: 'web' | 'hotline';
  readonly key: string;
  readonly requestHash: string;
  readonly response: FiledComplaint;
}

/** What the status lookup compares the caller's `contact` with; never the contact itself. */
export interface ContactCheck {
  readonly emailHash?: string;
  readonly phoneLast4?: string;
}

/**
 * `idempotency-key-in-flight`: another transaction was writing the same idempotency key at that
 * moment (DynamoDB cancels with TransactionConflict), so its answer may not be readable yet.
 */
export type CreateOutcome =
  | 'created'
  | 'reference-taken'
  | 'idempotency-key-taken'
  | 'idempotency-key-in-flight';

export interface RecentComplaint {
  readonly complaintId: string;
  readonly policyNumber?: string;
  readonly description: string;
  readonly receivedAt: string;
}

/** A complaint naming a policy, with the customer key whose history it is in. */
export interface RecentPolicyComplaint extends RecentComplaint {
  readonly customerKey: string;
}

/** Something the insurer asked the customer for (a `request-info` action on the case). */
export interface InformationRequest {
  readonly message: string;
  readonly requestedAt: string;
}

export interface ComplaintStore {
  findIdempotencyRecord(
    scope: IdempotencyRecord['scope'],
    key: string,
  ): Promise<IdempotencyRecord | undefined>;
  /** The customer's complaints received at or after `since`, oldest first. */
  recentComplaintsOf(customerKey: string, since: Date): Promise<RecentComplaint[]>;
  /**
   * The complaints naming this policy received at or after `since`, whoever filed them: readable
   * before the customer is known, so a complaint naming a policy reads its history beside the lookup.
   */
  recentComplaintsOfPolicy(policyNumber: string, since: Date): Promise<RecentPolicyComplaint[]>;
  /** Writes complaint, reference, idempotency record and event in one transaction, or nothing. */
  create(
    complaint: Complaint,
    event: EventEnvelope,
    contactCheck: ContactCheck,
    idempotency: IdempotencyRecord | undefined,
  ): Promise<CreateOutcome>;
  findByReference(
    reference: string,
  ): Promise<{ complaint: Complaint; contactCheck: ContactCheck } | undefined>;
  /** What the insurer asked the customer for on this complaint, oldest first. */
  requestsForInformation(complaintId: string): Promise<InformationRequest[]>;
}

/** The customer a lookup names, with the facts of their regime when the lookup carries them. */
export interface FoundCustomer {
  readonly customerId: string;
  /**
   * The policy's product and the customer's jurisdiction as the SLA service's reader would find
   * them; undefined when the lookup was written without them (before they were carried), and
   * then they are read from the customer's items.
   */
  readonly regimeFacts?: RegimeFacts;
}

export interface CustomerDirectory {
  /** The customer a policy number or phone belongs to, policy first. */
  findCustomer(
    policyNumber: string | undefined,
    phoneHash: string | undefined,
  ): Promise<FoundCustomer | undefined>;
}

/** The SLA service's own rules, asked at receipt (services/sla/domain `openingDeadlines`). */
export interface SlaRules {
  /**
   * The complaint's regime and the deadlines it opens with, for the customer and policy it names;
   * undefined when they cannot be worked out now (no calendar data yet for the dates involved).
   */
  openingDeadlines(
    complaint: Pick<Complaint, 'complaintId' | 'receivedAt' | 'customerId' | 'policyNumber'> & {
      readonly hardship?: boolean;
    },
    /** The regime facts when already known (from the customer's lookup): nothing is read then. */
    facts?: RegimeFacts,
  ): Promise<OpeningDeadlines | undefined>;
}

export interface IntakeDeps {
  readonly complaints: ComplaintStore;
  readonly customers: CustomerDirectory;
  readonly sla: SlaRules;
  readonly hash: (kind: PiiKind, value: string) => Promise<string>;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Company time zone: the date in a reference is the local date of receipt. */
  readonly timeZone: string;
}
