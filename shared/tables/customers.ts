/**
 * Keys and index keys of the Customers table's items, owned by the care service (it imports
 * customers and keeps their preferences); intake, triage, sla and notify read through these, and
 * notify's one write (a consent withdrawn by an unsubscribe link, or by a privacy request through
 * notify's writer) is built here too, with the consent history every consent change appends to. Existing data
 * depends on these exact strings: change one only with a migration.
 *
 *   profile          CUSTOMER#<customerId>    PROFILE
 *   policy           CUSTOMER#<customerId>    POLICY#<policyNumber>
 *   complaint link   CUSTOMER#<customerId>    COMPLAINT#<complaintId>   (open complaints, from events)
 *   policy lookup    POLICY#<policyNumber>    LOOKUP                    (names the customer; regime facts)
 *   phone lookup     PHONE#<phone hash>       LOOKUP                    (names the customer; regime facts)
 *   time zones       TIMEZONES                SET                       (zones that have customers)
 *
 * The index keys date-driven campaigns find customers by, so the import, a preferences change (a
 * new time zone moves a customer between planner runs) and the planner agree. Every sort key
 * starts with the customer's time zone: the planner runs at 09:00 in each zone and reads only that
 * zone's slice of a day's partition, about one item per customer it targets, never a table scan.
 *
 *   profile  gsi1  BDAY#<MM-DD>             <tz>#<customerId>
 *   profile  gsi4  LASTCONTACT#<YYYY-MM-DD> <tz>#<customerId>       (local date of last contact)
 *   profile  gsi5  ROSTER#<tz>              <birthDate|9999-12-31>#<customerId>  (festivals; 60+ by range)
 *   policy   gsi2  DUE#<YYYY-MM-DD>         <tz>#<customerId>#<policyNumber>     (in-force only)
 *   policy   gsi3  ANNIV#<MM-DD>            <tz>#<customerId>#<policyNumber>
 *   profile  gsi7  TIER#<tier>              <annual premium in fen, 15 digits>#<customerId>  (segments)
 *   profile  gsi8  CONTACTMONTH#<YYYY-MM|never>  <YYYY-MM-DD|never>#<customerId>  (segments; local
 *                  date of last contact, every profile in exactly one partition)
 *   profile  gsi9  NPS#<0..10|none>         <tz>#<customerId>   (segments; the latest NPS answer)
 *   profile  gsi10 HEALTH#<00..90|none>     <tz>#<customerId>   (segments; relationship health by tens)
 *
 * The TIMEZONES item also lists, in `contactMonths`, the last-contact months the import wrote: a
 * "last contact before" rule reads gsi8 from the earliest of them, never a month before the first
 * customer's (live contacts only move a customer to the current month, never back).
 *
 * Segments (services/care/domain/segments) read the index of their most selective rule: gsi7 for
 * tiers or an annual premium, gsi8 for days since the last contact (only the months the range
 * covers), gsi9 for NPS (only the scores in range), gsi10 for relationship health (only the tens
 * the range touches), gsi5 otherwise (by time zone, birth dates for an age band). Each projects the
 * whole profile, so a candidate costs one item read and nothing is fetched again.
 *
 * gsi9 and gsi10 split their keys between two owners, so that neither has to read the other's
 * half: the partition (the score) is written by whoever writes the score (relationship's NPS
 * answer and health recompute, which do not know the zone), the sort key (the effective zone,
 * `preferences.timeZone` else `timeZone`) by whoever sets the zone (the import, a preferences
 * change, the backfill), never the other way round. An answer and a zone change racing each other
 * then write different attributes: neither can leave the other's half stale. Every profile is in
 * exactly one partition of each (the sentinel `none` until a score is written), which is how the
 * backfill tells a keyed profile from one written before the indexes. The sort key was once the
 * customer id alone; `npm run customers:score-index` rewrites those, and sets `scoreKeysZoned` on
 * the TIMEZONES item once none is left (a new stage's first import sets it, having none): until
 * then segments read whole score partitions (every profile, whatever its key), after it only the
 * named zones' ranges.
 */

import type * as z from 'zod/mini';
import { localDateIn } from '../calendar/zoned-time';
import type { ImportedPolicy } from '../contracts/customer-import';
import type { WithdrawableConsent } from '../contracts/customer-profile';
import { type ItemKind, outboxKind } from './item-kinds';

const customerPartition = (customerId: string) => `CUSTOMER#${customerId}`;
export const POLICY_PREFIX = 'POLICY#';

export const customerProfileKey = (customerId: string) => ({
  pk: customerPartition(customerId),
  sk: 'PROFILE',
});
export const isProfileKey = (sk: unknown) => sk === 'PROFILE';
export const policyKey = (customerId: string, policyNumber: string) => ({
  pk: customerPartition(customerId),
  sk: `${POLICY_PREFIX}${policyNumber}`,
});
export const isPolicyKey = (sk: unknown) => String(sk).startsWith(POLICY_PREFIX);
const COMPLAINT_LINK_PREFIX = 'COMPLAINT#';
export const complaintLinkKey = (customerId: string, complaintId: string) => ({
  pk: customerPartition(customerId),
  sk: `${COMPLAINT_LINK_PREFIX}${complaintId}`,
});
export const isComplaintLinkKey = (sk: unknown) => String(sk).startsWith(COMPLAINT_LINK_PREFIX);
/** The complaint id a customer's complaint link names in its sort key. */
export const complaintIdOfLinkKey = (sk: string) => sk.slice(COMPLAINT_LINK_PREFIX.length);
/** Every item of one customer: `pk = :pk` (add `begins_with(sk, POLICY_PREFIX)` for the policies). */
export const customerItemsPartition = customerPartition;

/**
 * How other services find a customer: lookup items keyed by policy number and by the keyed hash of
 * a phone number, each naming the customer.
 */
export const customerLookupKey = {
  policy: (policyNumber: string) => ({ pk: `${POLICY_PREFIX}${policyNumber}`, sk: 'LOOKUP' }),
  phone: (phoneHash: string) => ({ pk: `PHONE#${phoneHash}`, sk: 'LOOKUP' }),
};
/**
 * What a lookup item carries of its customer's regime (`regimeFacts`), so intake picks a known
 * customer's regime from the lookup it reads anyway: the time zone of the imported profile (the
 * jurisdiction is the imported one's, as services/sla/adapters/regime-facts.ts reads it, not the
 * customer's own preferred zone) and, on a policy lookup, the policy's product. The import writes
 * them in the transaction that writes the profile and the policy, and takes them off the lookup of
 * a policy it drops (its item is deleted, so the product is no longer the reader's). A lookup
 * without them (written before they were carried) sends the reader to the profile and policy.
 */
export interface LookupRegimeFacts {
  readonly timeZone: string;
  readonly product?: string;
}

/** Whether a lookup item is the policy's (it names the customer more precisely than a phone). */
export const isPolicyLookup = (pk: unknown) => String(pk).startsWith(POLICY_PREFIX);

/** Where the time zones that have customers are listed (the planner's hourly "who is at 09:00?"). */
export const timeZonesKey = { pk: 'TIMEZONES', sk: 'SET' } as const;

/** Customers without a birth date sort after everyone in the roster, so age ranges skip them. */
export const NO_BIRTH_DATE = '9999-12-31';

export const monthDay = (isoDate: string) => isoDate.slice(5, 10);

export const birthdayPartition = (monthDay: string) => `BDAY#${monthDay}`;
export const lastContactPartition = (localDate: string) => `LASTCONTACT#${localDate}`;
export const rosterPartition = (timeZone: string) => `ROSTER#${timeZone}`;
export const anniversaryPartition = (monthDay: string) => `ANNIV#${monthDay}`;
export const premiumDuePartition = (date: string) => `DUE#${date}`;

export const tierPartition = (tier: string) => `TIER#${tier}`;
/** The sentinel month and date of a customer never contacted. */
export const NEVER_CONTACTED = 'never';
export const contactMonthPartition = (month: string) => `CONTACTMONTH#${month}`;
/** The local date of the last contact (as gsi4 and the segment rules count it), or the sentinel. */
export const lastContactDateOf = (lastContactAt: string | undefined, timeZone: string) =>
  lastContactAt ? localDateIn(new Date(lastContactAt), timeZone) : NEVER_CONTACTED;

/** The gsi8 keys: every profile carries them, the never contacted under the sentinel. */
export function contactMonthKeys(p: { customerId: string; timeZone: string; lastContactAt?: string }) {
  const date = lastContactDateOf(p.lastContactAt, p.timeZone);
  return { gsi8pk: contactMonthPartition(date.slice(0, 7)), gsi8sk: `${date}#${p.customerId}` };
}
/** The partition of profiles without an NPS answer or a health score yet. */
export const NO_SCORE = 'none';
export const npsPartition = (score?: number) => `NPS#${score ?? NO_SCORE}`;
/**
 * Health partitions are tens (90 holds 90–100): a recompute moves a score by a few points (recency
 * decays about a point a fortnight), so the key rarely moves, and a move costs the index a delete
 * and a put instead of one write. The tens line up with the health bands (40 watch, 70 healthy).
 */
export const HEALTH_PARTITION_WIDTH = 10;
export const healthTens = (score: number) =>
  Math.min(90, Math.max(0, Math.floor(score / HEALTH_PARTITION_WIDTH) * HEALTH_PARTITION_WIDTH));
export const healthPartition = (score?: number) =>
  `HEALTH#${score === undefined ? NO_SCORE : String(healthTens(score)).padStart(2, '0')}`;
/**
 * The gsi9 and gsi10 sort key: the effective zone first, so that a segment naming zones reads only
 * their range of a score's partition (`scoreZoneRange`).
 */
export const scoreIndexSortKey = (customerId: string, timeZone: string) => `${timeZone}#${customerId}`;
/** Both sort keys, as the writers of the zone (import, preferences, backfill) set them. */
export const scoreIndexSortKeys = (customerId: string, timeZone: string) => ({
  gsi9sk: scoreIndexSortKey(customerId, timeZone),
  gsi10sk: scoreIndexSortKey(customerId, timeZone),
});
/** One zone's inclusive sort-key range in a gsi9 or gsi10 partition (ids sort before `~`). */
export const scoreZoneRange = (timeZone: string) => [`${timeZone}#`, `${timeZone}#~`] as const;
/**
 * The TIMEZONES item's flag that no profile has an old score sort key (the customer id
 * alone) any more: set by the backfill after a pass that left none.
 */
export const SCORE_KEYS_ZONED = 'scoreKeysZoned';
/** The gsi9 keys of a profile's latest NPS answer (none: the sentinel). */
export const npsIndexKeys = (customerId: string, timeZone: string, score?: number) => ({
  gsi9pk: npsPartition(score),
  gsi9sk: scoreIndexSortKey(customerId, timeZone),
});
/** The gsi10 keys of a profile's relationship health (none: the sentinel). */
export const healthIndexKeys = (customerId: string, timeZone: string, score?: number) => ({
  gsi10pk: healthPartition(score),
  gsi10sk: scoreIndexSortKey(customerId, timeZone),
});

/** Fen, zero-padded so that the index sorts by premium: 15 digits hold 40 policies at the maximum. */
export const premiumSortPrefix = (annualPremium: number) =>
  String(Math.round(annualPremium * 100)).padStart(15, '0');
/** After every sort key of customers with this premium (customer ids are letters, digits, _ and -). */
export const premiumSortCeiling = (annualPremium: number) => `${premiumSortPrefix(annualPremium)}#~`;
/** After every roster sort key of customers born on this date. */
export const birthDateSortCeiling = (birthDate: string) => `${birthDate}#~`;

/**
 * What the import derives from a customer's policies onto the profile, so that a segment reads one
 * item per candidate: the products of in-force policies, their premiums summed (yuan; the import's
 * `premiumAmount` is a policy's annual premium) and the start of the first policy (tenure).
 */
export function policyFacts(policies: readonly z.infer<typeof ImportedPolicy>[]) {
  const inForce = policies.filter((p) => p.status === 'in-force');
  const starts = policies.map((p) => p.startDate).sort();
  return {
    products: [...new Set(inForce.map((p) => p.product))].sort(),
    // in fen and back, so 0.1 + 0.2 is never 0.30000000000000004
    annualPremium: inForce.reduce((sum, p) => sum + Math.round((p.premiumAmount ?? 0) * 100), 0) / 100,
    customerSince: starts[0],
  };
}

export function segmentIndexKeys(p: { customerId: string; tier: string; annualPremium: number }) {
  return { gsi7pk: tierPartition(p.tier), gsi7sk: `${premiumSortPrefix(p.annualPremium)}#${p.customerId}` };
}

export interface IndexedProfile {
  readonly customerId: string;
  readonly timeZone: string;
  readonly birthDate?: string;
  readonly lastContactAt?: string;
}

export function profileIndexKeys(p: IndexedProfile): Record<string, string> {
  return {
    ...(p.birthDate
      ? { gsi1pk: birthdayPartition(monthDay(p.birthDate)), gsi1sk: `${p.timeZone}#${p.customerId}` }
      : {}),
    ...(p.lastContactAt
      ? {
          gsi4pk: lastContactPartition(localDateIn(new Date(p.lastContactAt), p.timeZone)),
          gsi4sk: `${p.timeZone}#${p.customerId}`,
        }
      : {}),
    gsi5pk: rosterPartition(p.timeZone),
    gsi5sk: `${p.birthDate ?? NO_BIRTH_DATE}#${p.customerId}`,
    ...contactMonthKeys(p),
  };
}

export function policyIndexKeys(
  customerId: string,
  timeZone: string,
  policy: z.infer<typeof ImportedPolicy>,
): Record<string, string> {
  const sk = `${timeZone}#${customerId}#${policy.policyNumber}`;
  return {
    gsi3pk: anniversaryPartition(monthDay(policy.startDate)),
    gsi3sk: sk,
    ...(policy.premiumDueDate && policy.status === 'in-force'
      ? { gsi2pk: premiumDuePartition(policy.premiumDueDate), gsi2sk: sk }
      : {}),
  };
}

/** How a consent was changed: an admin's preferences write, an unsubscribe (link or SMS reply), a privacy request. */
export type ConsentVia = 'preferences' | 'unsubscribe' | 'privacy-request';
/** Who changed a customer's consents, and through what. */
export interface ConsentActor {
  readonly by: string;
  readonly via: ConsentVia;
}
/**
 * One change of a customer's own consent, kept on the profile (`consentHistory`, oldest first): it
 * lives and dies with the profile, and holds nothing the profile does not (who is a staff id or a
 * fixed actor such as `customer:unsubscribe`).
 */
export interface ConsentChange extends ConsentActor {
  readonly consent: WithdrawableConsent;
  readonly given: boolean;
  readonly at: string;
}
/** The history keeps the latest changes only, so a profile item stays far below DynamoDB's 400 KB. */
export const CONSENT_HISTORY_LIMIT = 100;

/**
 * The SET clause (with its names and values) that appends `changes` to the consent history in the
 * same update as the consent change itself, so the two can never disagree. Below the limit it
 * appends (list_append); at the limit it rewrites the list from `seen`, the history as read, which
 * is only safe because every writer of consents also moves `preferencesVersion` and conditions its
 * update on the version it read.
 */
export function consentHistoryUpdate(
  seen: readonly ConsentChange[] | undefined,
  changes: readonly ConsentChange[],
) {
  const names = { '#history': 'consentHistory' };
  if ((seen?.length ?? 0) + changes.length <= CONSENT_HISTORY_LIMIT)
    return {
      set: '#history = list_append(if_not_exists(#history, :noHistory), :changes)',
      names,
      values: { ':noHistory': [], ':changes': [...changes] },
    };
  return {
    set: '#history = :history',
    names,
    values: { ':history': [...(seen ?? []), ...changes].slice(-CONSENT_HISTORY_LIMIT) },
  };
}

/**
 * The updates that set `preferences.consent.<kind> = false` (and who and when) on a profile, and
 * append the change to its consent history, and nothing else: imported fields and other
 * preferences stay as they are. A profile may have no `preferences` map yet, or one without
 * `consent`, and DynamoDB cannot set a path under a map that does not exist; so the writer tries
 * them in order, each guarded by the shape it assumes. Each is also conditioned on the preferences
 * version `seen` (read with the history) and moves it, the version an admin's If-Match on the
 * preferences route compares against: when every attempt is refused, the profile changed since it
 * was read, and the writer reads it again.
 */
export function consentWithdrawalUpdates(
  kind: WithdrawableConsent,
  at: string,
  actor: ConsentActor,
  seen: { readonly version: number; readonly history?: readonly ConsentChange[] },
) {
  const history = consentHistoryUpdate(seen.history, [{ consent: kind, given: false, at, ...actor }]);
  const version =
    seen.version === 0 ? 'attribute_not_exists(preferencesVersion)' : 'preferencesVersion = :seen';
  const common = { ':one': 1, ...(seen.version === 0 ? {} : { ':seen': seen.version }), ...history.values };
  const stamp = { ...common, ':at': at, ':by': actor.by };
  return [
    {
      UpdateExpression: `SET preferences.consent.#kind = :false, preferences.updatedAt = :at, preferences.updatedBy = :by, ${history.set} ADD preferencesVersion :one`,
      ConditionExpression: `attribute_exists(pk) AND ${version} AND attribute_type(preferences.consent, :map)`,
      ExpressionAttributeNames: { '#kind': kind, ...history.names },
      ExpressionAttributeValues: { ...stamp, ':false': false, ':map': 'M' },
    },
    {
      UpdateExpression: `SET preferences.consent = :consent, preferences.updatedAt = :at, preferences.updatedBy = :by, ${history.set} ADD preferencesVersion :one`,
      ConditionExpression: `attribute_exists(pk) AND ${version} AND attribute_type(preferences, :map) AND attribute_not_exists(preferences.consent)`,
      ExpressionAttributeNames: history.names,
      ExpressionAttributeValues: { ...stamp, ':consent': { [kind]: false }, ':map': 'M' },
    },
    {
      UpdateExpression: `SET preferences = :preferences, ${history.set} ADD preferencesVersion :one`,
      ConditionExpression: `attribute_exists(pk) AND ${version} AND attribute_not_exists(preferences)`,
      ExpressionAttributeNames: history.names,
      ExpressionAttributeValues: {
        ...common,
        ':preferences': { consent: { [kind]: false }, updatedAt: at, updatedBy: actor.by },
      },
    },
  ];
}

/**
 * The item kinds above, by their keys' fixed starts (shared/tables/item-kinds.ts); each has a
 * retention rule in services/privacy/rules/retention.json.
 */
export const itemKinds: readonly ItemKind[] = [
  { table: 'Customers', kind: 'customer', pk: 'CUSTOMER#', sk: 'PROFILE' },
  { table: 'Customers', kind: 'policy', pk: 'CUSTOMER#', sk: 'POLICY#' },
  { table: 'Customers', kind: 'complaint-link', pk: 'CUSTOMER#', sk: 'COMPLAINT#' },
  { table: 'Customers', kind: 'policy-lookup', pk: 'POLICY#', sk: 'LOOKUP' },
  { table: 'Customers', kind: 'phone-lookup', pk: 'PHONE#', sk: 'LOOKUP' },
  { table: 'Customers', kind: 'time-zones', pk: 'TIMEZONES', sk: 'SET' },
  outboxKind('Customers'),
];
