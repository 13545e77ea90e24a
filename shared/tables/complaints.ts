/**
 * Keys of the Complaints table's items, in one place: every service that writes or reads an item
 * kind builds its keys here, so a key format is spelled exactly once (existing data depends on
 * these exact strings; change one only with a migration). Owners, by item kind:
 *
 *   complaint        COMPLAINT#<complaintId>        COMPLAINT                     intake (triage, cases, sla update it)
 *   reference        REFERENCE#<reference>          REFERENCE                     intake
 *   idempotency      IDEMPOTENCY#<scope>#<key>      IDEMPOTENCY                   intake
 *   timeline entry   COMPLAINT#<complaintId>        TIMELINE#<at>#<id>            cases (triage, sla add entries)
 *   SLA clock        COMPLAINT#<complaintId>        CLOCK#<name>                  sla (carries its next timer on gsi3)
 *   attachment       COMPLAINT#<complaintId>        ATTACHMENT#<attachmentId>     inbound, status page uploads (shared/contracts/attachment.ts)
 *   SLA timer        COMPLAINT#<complaintId>        TIMER#<name>#<key>            sla (earlier layout: read and dropped, no longer written)
 *   sweep checkpoint SLA#SWEEP                      CHECKPOINT                    sla
 *   lookup window    LOOKUPS#<client hash>#<start>  LOOKUPS                       intake (status lookups per client; expires)
 *   outbox event     see shared/outbox/outbox-keys.ts (the same kind on three tables)
 *
 * Indexes:
 *   gsi1  TEAM#<team>           <next deadline>#<complaintId>   team queues (triage sets, sla reorders)
 *   gsi2  CUSTKEY#<customerKey> <receivedAt>#<complaintId>      a customer's complaints
 *   gsi3  TIMER#<hour>          <due instant>#<id>#<clock>#<key> due SLA timers: each clock's next one (and timer items of the earlier layout)
 *   gsi4  RECEIVED#<YYYY-MM>    <receivedAt>#<complaintId>      reports
 *   gsi5  PHONE#<phone hash>    gsi4sk                          case search by phone    (keys only)
 *   gsi6  EMAIL#<email hash>    gsi4sk                          case search by email    (keys only)
 *   gsi7  POLICY#<policy no.>   gsi4sk                          case search by policy   (keys only)
 *   gsi8  OPEN                  gsi4sk                          open complaints         (keys only)
 *   gsi9  gsi7pk (POLICY#<no.>) gsi4sk                          a policy's recent complaints, for
 *         intake's duplicate check (INCLUDE complaintId, policyNumber, description, receivedAt, gsi2pk)
 *
 * gsi5-7 are written with the complaint at intake and never again: the hash is the keyed hash of
 * shared/pii.ts (never a phone or email in a key), and an index that projects only keys is not
 * rewritten by the updates of case work, triage and SLA, which leave these attributes alone.
 * gsi9 is gsi7's keys again with what intake's duplicate check reads: a new index, as a GSI's
 * projection cannot be changed in place on AWS, and DynamoDB fills it from the complaints that
 * already carry gsi7pk. Its attributes are written at filing; the updates of case work, triage and
 * SLA leave them alone, so they never write it.
 * gsi8 holds a complaint from its filing (intake) until case work resolves or closes it, and again
 * from a reopening: the lead's dashboard counts what is open now from it, whenever it was received.
 */
import { type ItemKind, outboxKind } from './item-kinds';

export const complaintKey = (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: 'COMPLAINT' });
export const referenceKey = (reference: string) => ({ pk: `REFERENCE#${reference}`, sk: 'REFERENCE' });
export const idempotencyKey = (scope: string, key: string) => ({
  pk: `IDEMPOTENCY#${scope}#${key}`,
  sk: 'IDEMPOTENCY',
});
/** The client's key an idempotency record's partition key carries (without its scope). */
export const idempotencyKeyOf = (pk: string) => pk.replace(/^IDEMPOTENCY#\w+#/, '');

/** Reporting index (gsi4): complaints by month of receipt, in order of receipt. */
export const receivedMonthKey = (receivedAt: string, complaintId: string) => ({
  gsi4pk: receivedMonthPartition(receivedAt.slice(0, 7)),
  gsi4sk: `${receivedAt}#${complaintId}`,
});
/** The gsi4 partition of a month (`YYYY-MM`). */
export const receivedMonthPartition = (month: string) => `RECEIVED#${month}`;

/** The search indexes' keys of a complaint (gsi5-7), for what it has; its sort key is gsi4sk. */
export const complaintSearchKeys = (search: {
  phoneHash?: string;
  emailHash?: string;
  policyNumber?: string;
}) => ({
  ...(search.phoneHash ? { gsi5pk: searchPartition('phone', search.phoneHash) } : {}),
  ...(search.emailHash ? { gsi6pk: searchPartition('email', search.emailHash) } : {}),
  ...(search.policyNumber ? { gsi7pk: searchPartition('policy', search.policyNumber) } : {}),
});
export type SearchKind = 'phone' | 'email' | 'policy';
/** The index and partition that hold the complaints with this phone hash, email hash or policy. */
export const searchIndexes: Record<SearchKind, { index: string; partitionKey: string; prefix: string }> = {
  phone: { index: 'gsi5', partitionKey: 'gsi5pk', prefix: 'PHONE#' },
  email: { index: 'gsi6', partitionKey: 'gsi6pk', prefix: 'EMAIL#' },
  policy: { index: 'gsi7', partitionKey: 'gsi7pk', prefix: 'POLICY#' },
};
export const searchPartition = (kind: SearchKind, value: string) => `${searchIndexes[kind].prefix}${value}`;

/** Open complaints index (gsi8): set at filing and on reopening, removed at resolution and closure. */
export const openComplaintKey = { gsi8pk: 'OPEN' } as const;
/** The complaint id of a complaint item's partition key. */
export const complaintIdOfKey = (pk: string) => pk.replace(/^COMPLAINT#/, '');

/** Customer history index (gsi2): every complaint of one customer, oldest first. */
export const customerHistoryKey = (customerKey: string, receivedAt: string, complaintId: string) => ({
  gsi2pk: customerHistoryPartition(customerKey),
  gsi2sk: `${receivedAt}#${complaintId}`,
});
export const customerHistoryPartition = (customerKey: string) => `CUSTKEY#${customerKey}`;
/** The customer key of a gsi2 partition (`customerHistoryPartition` undone). */
export const customerKeyOfHistoryPartition = (partition: string) => partition.replace(/^CUSTKEY#/, '');

/** A policy's complaints with what a duplicate check compares (gsi9, on gsi7's keys). */
export const policyHistoryIndex = { name: 'gsi9', partitionKey: 'gsi7pk', sortKey: 'gsi4sk' } as const;

/** Team queue index (gsi1): a team's complaints, most urgent first. */
export const teamQueuePartition = (team: string) => `TEAM#${team}`;

export const TIMELINE_PREFIX = 'TIMELINE#';
export const timelineKey = (complaintId: string, at: string, id: string) => ({
  pk: complaintKey(complaintId).pk,
  sk: `${TIMELINE_PREFIX}${at}#${id}`,
});

/** A customer's document on the complaint; the id is a ULID, so they read in the order received. */
export const ATTACHMENT_PREFIX = 'ATTACHMENT#';
export const attachmentKey = (complaintId: string, attachmentId: string) => ({
  pk: complaintKey(complaintId).pk,
  sk: `${ATTACHMENT_PREFIX}${attachmentId}`,
});

/** Clocks sort just before the complaint item in its partition (`CLOCK#…` < `COMPLAINT`). */
export const CLOCK_PREFIX = 'CLOCK#';
export const clockKey = (complaintId: string, name: string) => ({
  pk: complaintKey(complaintId).pk,
  sk: `${CLOCK_PREFIX}${name}`,
});
export const isClockKey = (sk: unknown) => String(sk).startsWith(CLOCK_PREFIX);

export const timerKey = (complaintId: string, name: string, key: string) => ({
  pk: complaintKey(complaintId).pk,
  sk: `TIMER#${name}#${key}`,
});
/** Due-timer index (gsi3): the timers falling due in one hour (`YYYY-MM-DDTHH`). */
export const dueTimerPartition = (hour: string) => `TIMER#${hour}`;
/** A due timer's gsi3 sort key: its instant first, so a bucket reads in the order timers fall due. */
export const dueTimerSortKey = (at: string, complaintId: string, clock: string, key: string) =>
  `${at}#${complaintId}#${clock}#${key}`;
/** The parts of a gsi3 sort key written by `dueTimerSortKey`. */
export function dueTimerOfSortKey(sortKey: string) {
  const [at = '', complaintId = '', clock = '', key = ''] = sortKey.split('#');
  return { at, complaintId, clock, key };
}

/** Where the SLA sweep records the last hour it read. */
export const sweepCheckpointKey = { pk: 'SLA#SWEEP', sk: 'CHECKPOINT' } as const;

/** One client's status lookups in one window (the window's start, epoch ms). */
export const statusLookupWindowKey = (clientHash: string, windowStart: number) => ({
  pk: `LOOKUPS#${clientHash}#${windowStart}`,
  sk: 'LOOKUPS',
});

/** What kind of Complaints item a partition key names (benches count their writes by it). */
export function complaintsItemKindOf(
  pk: string,
): 'complaint' | 'reference' | 'idempotency record' | undefined {
  if (pk.startsWith('COMPLAINT#')) return 'complaint';
  if (pk.startsWith('REFERENCE#')) return 'reference';
  if (pk.startsWith('IDEMPOTENCY#')) return 'idempotency record';
  return undefined;
}

/**
 * The item kinds above, by their keys' fixed starts (shared/tables/item-kinds.ts); each has a
 * retention rule in services/privacy/rules/retention.json.
 */
export const itemKinds: readonly ItemKind[] = [
  { table: 'Complaints', kind: 'complaint', pk: 'COMPLAINT#', sk: 'COMPLAINT' },
  { table: 'Complaints', kind: 'reference', pk: 'REFERENCE#', sk: 'REFERENCE' },
  { table: 'Complaints', kind: 'idempotency', pk: 'IDEMPOTENCY#', sk: 'IDEMPOTENCY' },
  { table: 'Complaints', kind: 'timeline', pk: 'COMPLAINT#', sk: 'TIMELINE#' },
  { table: 'Complaints', kind: 'sla-clock', pk: 'COMPLAINT#', sk: 'CLOCK#' },
  { table: 'Complaints', kind: 'attachment', pk: 'COMPLAINT#', sk: 'ATTACHMENT#' },
  { table: 'Complaints', kind: 'sla-timer', pk: 'COMPLAINT#', sk: 'TIMER#' },
  { table: 'Complaints', kind: 'sweep-checkpoint', pk: 'SLA#SWEEP', sk: 'CHECKPOINT' },
  { table: 'Complaints', kind: 'lookup-window', pk: 'LOOKUPS#', sk: 'LOOKUPS' },
  outboxKind('Complaints'),
];
