/** What filing a complaint needs from the outside world. Adapters implement these; tests fake them. */
import type { Clock } from '#shared/clock';
import type { Complaint } from '#shared/contracts/complaint';
import type { EventEnvelope } from '#shared/contracts/events/index';
import type { PiiKind } from '#shared/pii';
import type { OpeningDeadlines } from '../../sla/domain/track-complaint';

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

export interface CustomerDirectory {
  /** The customer a policy number or phone belongs to, policy first. */
  findCustomerId(
    policyNumber: string | undefined,
    phoneHash: string | undefined,
  ): Promise<string | undefined>;
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
