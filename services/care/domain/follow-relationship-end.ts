/**
 * The care records that name a customer besides the import's own (their complaint links and their
 * article claims) follow the end of the customer's relationship: on `customer.relationship-changed`
 * each takes `relationshipEndedAt` and its rule's `expiresAt`, or loses both when the relationship
 * goes on again. The end is read from the profile, never taken from the event, so a redelivered or
 * out-of-order event converges on the last import.
 */
import { type CareRecordKind, type RelationshipEnd, relationshipEndOf } from './relationship-end';

/** A record naming the customer, with the end it carries now. */
export interface RelationshipRecord {
  readonly kind: Extract<CareRecordKind, 'complaint-link' | 'article-claim'>;
  readonly key: { readonly pk: string; readonly sk: string };
  readonly relationshipEndedAt?: string;
  readonly expiresAt?: number;
}

export interface RelationshipRecords {
  /** The profile's end (`endedOn` undefined while the relationship goes on); undefined without a profile. */
  profileEnd(customerId: string): Promise<{ readonly endedOn?: string } | undefined>;
  recordsOf(customerId: string): Promise<readonly RelationshipRecord[]>;
  /** Sets the end on the record, or removes it (undefined); a record deleted meanwhile stays deleted. */
  setEnd(record: RelationshipRecord, end: RelationshipEnd | undefined): Promise<void>;
}

/** Imports of one customer seconds apart are rare; one that keeps changing fails the record for a retry. */
const MAX_PASSES = 5;

export type FollowedEnd = { readonly profile: false } | { readonly profile: true; readonly changed: number };

/**
 * Gives every record the profile's end. After writing, the profile is read again: a later import
 * may have changed the end while this pass wrote the older one over what the later event's pass
 * wrote, so a pass that finds the end moved runs again with the new one. A pass that wrote nothing
 * can have overwritten nothing, and ends there.
 */
export async function followRelationshipEnd(
  customerId: string,
  records: RelationshipRecords,
  now: Date,
): Promise<FollowedEnd> {
  let profile = await records.profileEnd(customerId);
  // an erased customer's records went with them
  if (!profile) return { profile: false };
  let changed = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const endedOn = profile.endedOn;
    const stale = (await records.recordsOf(customerId))
      .map((record) => ({ record, end: relationshipEndOf(record.kind, endedOn, now) }))
      .filter(({ record, end }) => !carries(record, end));
    if (stale.length === 0) return { profile: true, changed };
    await Promise.all(stale.map(({ record, end }) => records.setEnd(record, end)));
    changed += stale.length;
    const after = await records.profileEnd(customerId);
    if (!after || after.endedOn === endedOn) return { profile: true, changed };
    profile = after;
  }
  throw new Error('the relationship kept changing while its records followed it');
}

const carries = (record: RelationshipRecord, end: RelationshipEnd | undefined) =>
  record.relationshipEndedAt === end?.relationshipEndedAt && record.expiresAt === end?.expiresAt;
