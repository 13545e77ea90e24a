/**
 * Keys of the Privacy table's items, all owned by the privacy service (services/privacy). Existing
 * data depends on these exact strings: change one only with a migration.
 *
 *   request          PRIVACYREQUEST#<id>     REQUEST
 *   request alert    PRIVACYREQUEST#<id>     ALERT#<stage>              (one per request and stage)
 *   sweep checkpoint PRIVACY#SWEEP           CHECKPOINT
 *   tombstone        ERASED#CUSTOMER#<id>    TOMBSTONE                  (an erased customer; kept)
 *   tombstone        ERASED#PHONE#<hash>     TOMBSTONE                  (an erased phone's keyed hash)
 *   tombstone        ERASED#EMAIL#<hash>     TOMBSTONE                  (an erased email's keyed hash)
 *   outbox event     see shared/outbox/outbox-keys.ts
 *
 * Indexes:
 *   gsi1  PRIVACYDUE#<hour>  <due instant>#<id>  each open request's next alert (keys only)
 *
 * The AccessAudit table (append-only):
 *   audit entry      AUDIT#<YYYY-MM-DD>      <at>#<auditId>             (put once, never updated)
 */
import { type ItemKind, outboxKind } from './item-kinds';

const REQUEST_PREFIX = 'PRIVACYREQUEST#';
export const privacyRequestKey = (requestId: string) => ({
  pk: `${REQUEST_PREFIX}${requestId}`,
  sk: 'REQUEST',
});
export const requestIdOfKey = (pk: string) => pk.slice(REQUEST_PREFIX.length);

const ALERT_PREFIX = 'ALERT#';
export const requestAlertKey = (requestId: string, stage: string) => ({
  pk: `${REQUEST_PREFIX}${requestId}`,
  sk: `${ALERT_PREFIX}${stage}`,
});
/** The sort-key prefix of a request's alerts: `begins_with(sk, REQUEST_ALERT_PREFIX)`. */
export const REQUEST_ALERT_PREFIX = ALERT_PREFIX;

/** The next alert of an open request (gsi1), bucketed by UTC hour like the SLA timers. */
export const requestDueKey = (at: string, requestId: string) => ({
  gsi1pk: requestDuePartition(at.slice(0, 13)),
  gsi1sk: `${at}#${requestId}`,
});
export const requestDuePartition = (hour: string) => `PRIVACYDUE#${hour}`;

export const privacySweepCheckpointKey = { pk: 'PRIVACY#SWEEP', sk: 'CHECKPOINT' } as const;

/** The access audit (AccessAudit table): a UTC day's partition, entries in time order. */
export const auditPartition = (day: string) => `AUDIT#${day}`;
export const auditEntryKey = (at: string, auditId: string) => ({
  pk: auditPartition(at.slice(0, 10)),
  sk: `${at}#${auditId}`,
});

/**
 * That a person was erased, by customer id and by the keyed hashes of their phone and email
 * (shared/pii.ts): writers of personal data read these before they write (shared/aws/erasure-tombstones.ts).
 */
export const erasureTombstoneKey = {
  customer: (customerId: string) => ({ pk: `ERASED#CUSTOMER#${customerId}`, sk: 'TOMBSTONE' }),
  contact: (kind: 'phone' | 'email', hash: string) => ({
    pk: `ERASED#${kind.toUpperCase()}#${hash}`,
    sk: 'TOMBSTONE',
  }),
};

/**
 * The item kinds above, by their keys' fixed starts (shared/tables/item-kinds.ts); each has a
 * retention rule in services/privacy/rules/retention.json.
 */
export const itemKinds: readonly ItemKind[] = [
  { table: 'Privacy', kind: 'privacy-request', pk: 'PRIVACYREQUEST#', sk: 'REQUEST' },
  { table: 'Privacy', kind: 'privacy-request-alert', pk: 'PRIVACYREQUEST#', sk: 'ALERT#' },
  { table: 'Privacy', kind: 'sweep-checkpoint', pk: 'PRIVACY#SWEEP', sk: 'CHECKPOINT' },
  { table: 'Privacy', kind: 'erasure-tombstone', pk: 'ERASED#', sk: 'TOMBSTONE' },
  { table: 'AccessAudit', kind: 'access-audit', pk: 'AUDIT#', sk: '' },
  outboxKind('Privacy'),
];
