/**
 * Keys of the claims service's items in the Customers table (claims and policy journeys sit beside
 * the customers and policies they belong to). Existing data depends on these exact strings: change
 * one only with a migration.
 *
 *   journey event    OUTBOX#core-<eventId>          OUTBOX     the core event, also its outbox item
 *   claim state      CLAIM#<claimNumber>            STATE      stage, last progress, next stall check
 *   stall sweep      CLAIMSTALL#SWEEP               CHECKPOINT the last hour the stall sweep read
 *
 *   journey event  gsi6  JOURNEY#<policyNumber>     <occurredAt>#<eventId>      (keys only)
 *   claim state    gsi4  CLAIMSTALL#<YYYY-MM-DDTHH> <due instant>#<claimNumber> (while a stall is pending)
 *
 * A journey event is written once, as the outbox item that publishes it (journey.event-recorded):
 * one item, its keys-only index entry and the relay's published marker are all an event costs at
 * ingest. gsi4 is shared with the care service's last-contact partitions; the prefixes differ.
 */
import { outboxKey } from '../outbox/outbox-keys';
import type { ItemKind } from './item-kinds';

/** The envelope id of the journey.event-recorded a core event becomes: one per core event id. */
export const journeyEnvelopeId = (eventId: string) => `core-${eventId}`;
export const journeyEventKey = (eventId: string) => outboxKey(journeyEnvelopeId(eventId));
export const journeyPartition = (policyNumber: string) => `JOURNEY#${policyNumber}`;
export const journeySortKey = (occurredAt: string, eventId: string) => `${occurredAt}#${eventId}`;

export const claimStateKey = (claimNumber: string) => ({ pk: `CLAIM#${claimNumber}`, sk: 'STATE' });

/** Stall-check index (gsi4): the claims whose stall falls due in one hour (`YYYY-MM-DDTHH`). */
export const stallPartition = (hour: string) => `CLAIMSTALL#${hour}`;
export const stallSortKey = (dueAt: string, claimNumber: string) => `${dueAt}#${claimNumber}`;
export const stallSweepCheckpointKey = { pk: 'CLAIMSTALL#SWEEP', sk: 'CHECKPOINT' } as const;

/**
 * The item kinds above, by their keys' fixed starts (shared/tables/item-kinds.ts); each has a
 * retention rule in services/privacy/rules/retention.json.
 */
export const itemKinds: readonly ItemKind[] = [
  // the core event is its own outbox item, kept: more specific than the table's outbox copies
  { table: 'Customers', kind: 'journey-event', ...journeyEventKey('') },
  { table: 'Customers', kind: 'claim-state', pk: 'CLAIM#', sk: 'STATE' },
  { table: 'Customers', kind: 'stall-checkpoint', pk: 'CLAIMSTALL#SWEEP', sk: 'CHECKPOINT' },
];
