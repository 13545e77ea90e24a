/**
 * Keys of the Quality table's items, all owned by the quality service (services/quality). Existing
 * data depends on these exact strings: change one only with a migration.
 *
 *   rectification     RECTIFICATION#<id>         RECTIFICATION
 *   timeline entry    RECTIFICATION#<id>         TIMELINE#<at>#<entryId>     (written once, never updated)
 *   linked complaint  RECTIFICATION#<id>         COMPLAINT#<complaintId>
 *   overdue alert     RECTIFICATION#<id>         ALERT#<actionId>#<dueDate>  (one per action and deadline)
 *   resolution seen   RESOLVED#<complaintId>     ROOTCAUSE                   (counted once per complaint)
 *   weekly counter    WEEK#<monday>              ROOTCAUSE#<code>
 *   trend alert       TREND#<monday>             ROOTCAUSE#<code>            (one per cause and week)
 *   sweep checkpoint  QUALITY#SWEEP              CHECKPOINT
 *   return row        RETURNROW#<regime>#<month>#<shard>  COMPLAINT#<complaintId>  (a complaint as the
 *                     regulators' returns count it; <month> of receipt in the company time zone)
 *   return counters   RETURNCOUNT#<regime>       <month>#<shard>             (one attribute per cell)
 *   counters' reach   RETURNCOUNT                COVERAGE                    (since when, rebuilt when)
 *   outbox event      see shared/outbox/outbox-keys.ts
 *
 * Indexes:
 *   gsi1  RECTIFICATIONS#<status>  <createdAt>#<id>   rectifications by status
 *   gsi2  ACTIONDUE#<hour>         <due instant>#<id> each open rectification's next action deadline (keys only)
 *   gsi1  RETURNOPEN#<regime>#<decided month or ~>#<shard>  <received month>#<id>  au-asic return rows
 *         open past the start of a month (open, or decided in a later month than received): sparse
 */
import { type ItemKind, outboxKind } from './item-kinds';

const RECTIFICATION_PREFIX = 'RECTIFICATION#';
export const rectificationPartition = (rectificationId: string) =>
  `${RECTIFICATION_PREFIX}${rectificationId}`;
export const rectificationKey = (rectificationId: string) => ({
  pk: rectificationPartition(rectificationId),
  sk: 'RECTIFICATION',
});
export const rectificationIdOfKey = (pk: string) => pk.slice(RECTIFICATION_PREFIX.length);

export const RECTIFICATION_TIMELINE_PREFIX = 'TIMELINE#';
export const rectificationTimelineKey = (rectificationId: string, at: string, entryId: string) => ({
  pk: rectificationPartition(rectificationId),
  sk: `${RECTIFICATION_TIMELINE_PREFIX}${at}#${entryId}`,
});

export const LINKED_COMPLAINT_PREFIX = 'COMPLAINT#';
export const linkedComplaintKey = (rectificationId: string, complaintId: string) => ({
  pk: rectificationPartition(rectificationId),
  sk: `${LINKED_COMPLAINT_PREFIX}${complaintId}`,
});
export const complaintIdOfLinkKey = (sk: string) => sk.slice(LINKED_COMPLAINT_PREFIX.length);

export const OVERDUE_ALERT_PREFIX = 'ALERT#';
export const overdueAlertKey = (rectificationId: string, actionId: string, dueDate: string) => ({
  pk: rectificationPartition(rectificationId),
  sk: `${OVERDUE_ALERT_PREFIX}${actionId}#${dueDate}`,
});
export const overdueAlertOfKey = (sk: string) => {
  const [actionId = '', dueDate = ''] = sk.slice(OVERDUE_ALERT_PREFIX.length).split('#');
  return { actionId, dueDate };
};

/** Rectifications by status (gsi1). */
export const rectificationStatusKey = (status: string, createdAt: string, rectificationId: string) => ({
  gsi1pk: rectificationStatusPartition(status),
  gsi1sk: `${createdAt}#${rectificationId}`,
});
export const rectificationStatusPartition = (status: string) => `RECTIFICATIONS#${status}`;

/** The next action deadline of a rectification (gsi2), bucketed by UTC hour like the SLA timers. */
export const actionDueKey = (dueAt: string, rectificationId: string) => ({
  gsi2pk: actionDuePartition(dueAt.slice(0, 13)),
  gsi2sk: `${dueAt}#${rectificationId}`,
});
export const actionDuePartition = (hour: string) => `ACTIONDUE#${hour}`;

/** A resolution counted once (duplicate deliveries and re-resolutions add nothing). */
export const resolutionSeenKey = (complaintId: string) => ({
  pk: `RESOLVED#${complaintId}`,
  sk: 'ROOTCAUSE',
});

export const ROOT_CAUSE_PREFIX = 'ROOTCAUSE#';
/** Complaints resolved in the week starting Monday `monday` (company time zone), per root cause. */
export const weeklyCounterKey = (monday: string, rootCause: string) => ({
  pk: weeklyCounterPartition(monday),
  sk: `${ROOT_CAUSE_PREFIX}${rootCause}`,
});
export const weeklyCounterPartition = (monday: string) => `WEEK#${monday}`;
export const rootCauseOfCounterKey = (sk: string) => sk.slice(ROOT_CAUSE_PREFIX.length);

/** A trend alert for a cause and week, written with its event: a rerun of the job alerts nobody twice. */
export const trendAlertKey = (monday: string, rootCause: string) => ({
  pk: `TREND#${monday}`,
  sk: `${ROOT_CAUSE_PREFIX}${rootCause}`,
});

/** Where the overdue-action sweep records the last hour it read. */
export const qualitySweepCheckpointKey = { pk: 'QUALITY#SWEEP', sk: 'CHECKPOINT' } as const;

/**
 * The regulators' returns' counters (services/cases/domain/returns/return-counts.ts), written by
 * quality-complaint-resolved. A regime's months are one partition, so a return reads them in one
 * query; each month is split over RETURN_SHARDS items so concurrent complaints rarely meet on one.
 */
export const RETURN_SHARDS = 4;
const regimePart = (regime: string) => regime || '-';
export const returnCounterPartition = (regime: string) => `RETURNCOUNT#${regimePart(regime)}`;
export const returnCounterKey = (regime: string, month: string, shard: number) => ({
  pk: returnCounterPartition(regime),
  sk: `${month}#${shard}`,
});
/** Sort keys from the first shard of `from` (a month) to the last of `through`. */
export const returnCounterRange = (from: string, through: string) => ({
  from: `${from}#`,
  through: `${through}#~`,
});
export const monthOfReturnCounterKey = (sk: string) => sk.slice(0, sk.indexOf('#'));
export const returnCoverageKey = { pk: 'RETURNCOUNT', sk: 'COVERAGE' } as const;

/** One complaint's row as last counted: the counters' marker, and the ASIC return's row. */
export const returnRowKey = (regime: string, month: string, shard: number, complaintId: string) => ({
  pk: returnRowPartition(regime, month, shard),
  sk: `COMPLAINT#${complaintId}`,
});
export const returnRowPartition = (regime: string, month: string, shard: number) =>
  `RETURNROW#${regimePart(regime)}#${month}#${shard}`;

/**
 * A row still open at the start of a month after its receipt (gsi1), by the month it was decided in
 * (`~` while open), sorted by the month of receipt: the rows open at a month's start are those of
 * the partitions of that month and later, received before it.
 */
export const returnOpenRowKey = (
  regime: string,
  shard: number,
  decidedMonth: string | undefined,
  receivedMonth: string,
  complaintId: string,
) => ({
  gsi1pk: returnOpenPartition(regime, decidedMonth, shard),
  gsi1sk: `${receivedMonth}#${complaintId}`,
});
export const returnOpenPartition = (regime: string, decidedMonth: string | undefined, shard: number) =>
  `RETURNOPEN#${regimePart(regime)}#${decidedMonth ?? '~'}#${shard}`;

/** The shard of a complaint: a stable spread of its id. */
export function returnShardOf(complaintId: string): number {
  let h = 0;
  for (let i = 0; i < complaintId.length; i++) h = (h * 31 + complaintId.charCodeAt(i)) | 0;
  return Math.abs(h) % RETURN_SHARDS;
}

/**
 * The item kinds above, by their keys' fixed starts (shared/tables/item-kinds.ts); each has a
 * retention rule in services/privacy/rules/retention.json.
 */
export const itemKinds: readonly ItemKind[] = [
  { table: 'Quality', kind: 'rectification', pk: 'RECTIFICATION#', sk: 'RECTIFICATION' },
  { table: 'Quality', kind: 'rectification-timeline', pk: 'RECTIFICATION#', sk: 'TIMELINE#' },
  { table: 'Quality', kind: 'rectification-link', pk: 'RECTIFICATION#', sk: 'COMPLAINT#' },
  { table: 'Quality', kind: 'overdue-alert', pk: 'RECTIFICATION#', sk: 'ALERT#' },
  { table: 'Quality', kind: 'resolution-counted', pk: 'RESOLVED#', sk: 'ROOTCAUSE' },
  { table: 'Quality', kind: 'weekly-counter', pk: 'WEEK#', sk: 'ROOTCAUSE#' },
  { table: 'Quality', kind: 'trend-alert', pk: 'TREND#', sk: 'ROOTCAUSE#' },
  { table: 'Quality', kind: 'sweep-checkpoint', pk: 'QUALITY#SWEEP', sk: 'CHECKPOINT' },
  { table: 'Quality', kind: 'return-row', pk: 'RETURNROW#', sk: 'COMPLAINT#' },
  { table: 'Quality', kind: 'return-counter', pk: 'RETURNCOUNT#', sk: '' },
  { table: 'Quality', kind: 'return-coverage', pk: 'RETURNCOUNT', sk: 'COVERAGE' },
  outboxKind('Quality'),
];
