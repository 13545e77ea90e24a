/**
 * Which index reads find a segment's candidates: never a scan of the Customers table. Tiers and
 * premium are the insurer's first layering (分层), so a segment naming either reads the tier index
 * (one partition per tier, the premium as a key range); a segment naming days since the last
 * contact reads the last-contact months its range covers (gsi8), none before the earliest month
 * any customer has; any other segment reads the roster of each time zone it covers (all
 * registered zones unless it names some), narrowed by birth date for an age band. A segment
 * naming NPS or relationship health may read instead the NPS scores (gsi9) or the health tens
 * (gsi10) its range covers, when that is the smaller share of customers (`plannedShare`); naming
 * zones too, it reads only their key range of each of those partitions (the sort key starts with
 * the zone), once every profile's key carries it (`scoreKeysZoned`; before that, whole
 * partitions, which hold the profiles keyed either way). The rules are then checked on each item read (isMember), so the key ranges may be wider than the
 * rules — by a day at either end, since "today" differs between zones — never narrower.
 */
import { addDays } from '#shared/calendar/local-date';
import { customerTiers } from '#shared/contracts/customer-import';
import {
  birthDateSortCeiling,
  contactMonthPartition,
  HEALTH_PARTITION_WIDTH,
  healthPartition,
  healthTens,
  npsPartition,
  premiumSortCeiling,
  premiumSortPrefix,
  rosterPartition,
  scoreZoneRange,
  tierPartition,
} from '#shared/tables/customers';
import { bornOnOrBefore } from '../occasions';
import { MAX_ANNUAL_PREMIUM, type SegmentRules, type WholeRange } from './segment-rules';

export interface MemberQuery {
  readonly index: 'gsi5' | 'gsi7' | 'gsi8' | 'gsi9' | 'gsi10';
  readonly partition: string;
  /** Inclusive sort-key range; absent = the whole partition. */
  readonly between?: readonly [string, string];
}

/** Whether the plan reads the last-contact index: what the caller must look up first. */
export const readsContactMonths = (rules: SegmentRules) =>
  !(rules.tiers || rules.annualPremium) && rules.daysSinceLastContact !== undefined;

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/**
 * `utcToday` is the UTC date now; `registeredZones` the zones that have customers;
 * `earliestContactMonth` the earliest last-contact month any customer has (undefined: none known,
 * then an open-ended last-contact rule reads the rosters); `scoreKeysZoned` whether every NPS and
 * health sort key starts with the zone (the TIMEZONES item's flag, set by the backfill).
 */
export function memberQueries(
  rules: SegmentRules,
  utcToday: string,
  registeredZones: readonly string[],
  earliestContactMonth?: string,
  scoreKeysZoned = false,
): MemberQuery[] {
  // a zone range in each score partition reads that share of it; a key without the zone would be
  // outside every range, so only once none is left
  const zones = scoreKeysZoned && rules.timeZones ? [...new Set(rules.timeZones)] : undefined;
  const inZones = zones ? zoneShare(rules, registeredZones) : 1;
  const plans = [
    {
      share: plannedShare(rules, registeredZones),
      queries: () => layeredQueries(rules, utcToday, registeredZones, earliestContactMonth),
    },
    ...(rules.nps
      ? [{ share: npsShare(rules.nps) * inZones, queries: () => inEachZone(npsQueries(rules.nps!), zones) }]
      : []),
    ...(rules.health
      ? [
          {
            share: healthShare(rules.health) * inZones,
            queries: () => inEachZone(healthQueries(rules.health!), zones),
          },
        ]
      : []),
  ];
  // the first of the smallest: a tie keeps the layered plan, then NPS before health
  return plans.reduce((best, plan) => (plan.share < best.share ? plan : best)).queries();
}

/**
 * The share of customers each plan reads, were values spread evenly: how the planner compares
 * indexes without counting partitions (which would cost the reads it saves). NPS and health
 * rules read only the scores or tens their range covers; the layered plan reads the tiers it
 * names, else the days of a bounded last-contact range of a year's (last contacts spread over
 * about a year), else every customer for a premium or open-ended contact range (no known spread:
 * it wins only a tie), else the zones it names of those registered.
 */
const npsScores = (r: WholeRange) => (r.max ?? 10) - (r.min ?? 0) + 1;
export const npsShare = (r: WholeRange) => npsScores(r) / 11;
const healthTensCovered = (r: WholeRange) =>
  (healthTens(r.max ?? 100) - healthTens(r.min ?? 0)) / HEALTH_PARTITION_WIDTH + 1;
export const healthShare = (r: WholeRange) => healthTensCovered(r) / (100 / HEALTH_PARTITION_WIDTH);
export function plannedShare(rules: SegmentRules, registeredZones: readonly string[]): number {
  if (rules.tiers) return new Set(rules.tiers).size / customerTiers.length;
  if (rules.annualPremium) return 1;
  const contact = rules.daysSinceLastContact;
  if (contact)
    return contact.max === undefined ? 1 : Math.min(1, (contact.max - (contact.min ?? 0) + 1) / 365);
  return zoneShare(rules, registeredZones);
}
/** The zones a segment names, of those registered (1 when it names none). */
function zoneShare(rules: SegmentRules, registeredZones: readonly string[]): number {
  if (!rules.timeZones) return 1;
  return Math.min(1, new Set(rules.timeZones).size / Math.max(1, new Set(registeredZones).size));
}

/** Each score partition's read narrowed to each zone's key range (no zones: the whole partition). */
const inEachZone = (queries: MemberQuery[], zones?: readonly string[]): MemberQuery[] =>
  zones ? queries.flatMap((q) => zones.map((zone) => ({ ...q, between: scoreZoneRange(zone) }))) : queries;

const npsQueries = (r: WholeRange): MemberQuery[] =>
  Array.from({ length: npsScores(r) }, (_, i) => ({
    index: 'gsi9',
    partition: npsPartition((r.min ?? 0) + i),
  }));

const healthQueries = (r: WholeRange): MemberQuery[] =>
  Array.from({ length: healthTensCovered(r) }, (_, i) => ({
    index: 'gsi10',
    partition: healthPartition(healthTens(r.min ?? 0) + i * HEALTH_PARTITION_WIDTH),
  }));

/** The tier, last-contact or roster reads, in that order of the insurer's layering. */
function layeredQueries(
  rules: SegmentRules,
  utcToday: string,
  registeredZones: readonly string[],
  earliestContactMonth?: string,
): MemberQuery[] {
  if (rules.tiers || rules.annualPremium) {
    const { min = 0, max = MAX_ANNUAL_PREMIUM } = rules.annualPremium ?? {};
    const between = rules.annualPremium
      ? ([premiumSortPrefix(min), premiumSortCeiling(max)] as const)
      : undefined;
    return [...new Set(rules.tiers ?? customerTiers)].map((tier) => ({
      index: 'gsi7',
      partition: tierPartition(tier),
      ...(between ? { between } : {}),
    }));
  }
  const contact = rules.daysSinceLastContact;
  if (readsContactMonths(rules) && (contact?.max !== undefined || earliestContactMonth)) {
    // the local date of the last contact is within a day of the UTC one either way; a zone change
    // can move a customer's month one back from the one the import registered
    const floor = earliestContactMonth && `${addDays(`${earliestContactMonth}-01`, -1).slice(0, 7)}-01`;
    const byRange = contact?.max === undefined ? undefined : addDays(utcToday, -1 - contact.max);
    // no month before the floor holds anyone, however far back the range reaches
    const from = [byRange, floor]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1)!;
    const to = addDays(utcToday, 1 - (contact?.min ?? 0));
    const queries: MemberQuery[] = [];
    for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = nextMonth(month))
      queries.push({ index: 'gsi8', partition: contactMonthPartition(month), between: [from, `${to}#~`] });
    return queries;
  }
  const zones = rules.timeZones ?? registeredZones;
  const band = rules.ageBand;
  // someone at most `max` was born after the day a `max + 1`-year-old was born on, someone at least
  // `min` on or before that day for `min`, wherever "today" is; customers without a birth date
  // sort last and stay out
  const between = band
    ? ([
        band.max === undefined ? '0000' : bornOnOrBefore(band.max + 1, addDays(utcToday, -1)),
        birthDateSortCeiling(bornOnOrBefore(band.min ?? 0, addDays(utcToday, 1))),
      ] as const)
    : undefined;
  return [...new Set(zones)].map((zone) => ({
    index: 'gsi5',
    partition: rosterPartition(zone),
    ...(between ? { between } : {}),
  }));
}
