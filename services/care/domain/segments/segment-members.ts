/**
 * Listing a segment's members: the index reads of member-queries.ts, each item read checked
 * against the rules. `SegmentMembers` is the port other parts of care (events, content campaigns)
 * call; `dynamoSegmentMembers` (services/care/adapters/dynamo-segment-members.ts) implements it.
 */
import { localDateIn } from '#shared/calendar/zoned-time';
import { type CustomerProfileItem, effectiveProfile } from '#shared/contracts/customer-profile';
import { type MemberQuery, memberQueries, readsContactMonths } from './member-queries';
import { isMember, type SegmentCandidate, type SegmentRules } from './segment-rules';

/** Customer ids of a segment's members as of now, each once. Throws SegmentNotFound. */
export interface SegmentMembers {
  listMembers(segmentId: string): AsyncIterable<string>;
}

export class SegmentNotFound extends Error {
  constructor(readonly segmentId: string) {
    super(`There is no segment ${segmentId}.`);
  }
}

/** The profile item as the indexes project it, with the facts the import and rsvp20 write on it. */
export type SegmentProfileItem = CustomerProfileItem & {
  readonly products?: readonly string[];
  readonly annualPremium?: number;
  readonly customerSince?: string;
  readonly npsScore?: number;
  readonly healthScore?: number;
};

export interface CandidatePage {
  readonly items: readonly SegmentProfileItem[];
  /** Items the read consumed, whether or not they turn out to be members. */
  readonly itemsRead: number;
}

export interface CandidateSource {
  /**
   * Zones that have customers (a segment not naming zones covers them all), and whether every
   * NPS and health sort key starts with the zone yet (the TIMEZONES item, one read).
   */
  zoneRegistry(): Promise<{ zones: string[]; scoreKeysZoned: boolean }>;
  /** The earliest last-contact month (YYYY-MM) any customer was imported with, if known. */
  earliestContactMonth(): Promise<string | undefined>;
  /**
   * The pages of one index read, without the profiles expired by `now` (past their `expiresAt`:
   * read, and counted in `itemsRead`, but no candidate, as if DynamoDB had purged them).
   */
  pages(query: MemberQuery, now: Date): AsyncIterable<CandidatePage>;
}

export interface MemberProfile {
  readonly customerId: string;
  readonly name: string;
  readonly tier: SegmentCandidate['tier'];
  readonly timeZone: string;
}

export function candidateOf(item: SegmentProfileItem, now: Date): SegmentCandidate {
  const profile = effectiveProfile(item);
  return {
    customerId: profile.customerId,
    tier: profile.tier,
    timeZone: profile.timeZone,
    today: localDateIn(now, profile.timeZone),
    birthDate: profile.birthDate,
    products: item.products ?? [],
    annualPremium: item.annualPremium ?? 0,
    customerSince: item.customerSince,
    openComplaintCount: profile.openComplaintCount,
    lastContactDate: profile.lastContactAt
      ? localDateIn(new Date(profile.lastContactAt), profile.timeZone)
      : undefined,
    npsScore: typeof item.npsScore === 'number' ? item.npsScore : undefined,
    healthScore: typeof item.healthScore === 'number' ? item.healthScore : undefined,
    deceased: profile.deceased,
  };
}

/** Counts what an evaluation read, for the preview and the bench. */
export interface ReadTally {
  itemsRead: number;
}

/** The members' profile items, in index order; `tally.itemsRead` grows as pages are read. */
export async function* segmentMemberItems(
  rules: SegmentRules,
  now: Date,
  source: CandidateSource,
  tally: ReadTally = { itemsRead: 0 },
): AsyncIterable<SegmentProfileItem> {
  const earliest = readsContactMonths(rules) ? await source.earliestContactMonth() : undefined;
  const byContact =
    readsContactMonths(rules) && (rules.daysSinceLastContact?.max !== undefined || earliest !== undefined);
  // the rosters' zones, or how many there are when a named zone weighs against NPS or health (and
  // whether their indexes can be read by zone)
  const { zones, scoreKeysZoned } =
    rules.tiers || rules.annualPremium || byContact || (rules.timeZones && !rules.nps && !rules.health)
      ? { zones: [], scoreKeysZoned: false }
      : await source.zoneRegistry();
  const utcToday = now.toISOString().slice(0, 10);
  // the plan reads one index, where each customer is in exactly one of the partitions it reads
  for (const query of memberQueries(rules, utcToday, zones, earliest, scoreKeysZoned)) {
    for await (const page of source.pages(query, now)) {
      tally.itemsRead += page.itemsRead;
      for (const item of page.items) if (isMember(rules, candidateOf(item, now))) yield item;
    }
  }
}

/** The members, in index order; `tally.itemsRead` grows as pages are read. */
export async function* segmentMembers(
  rules: SegmentRules,
  now: Date,
  source: CandidateSource,
  tally: ReadTally = { itemsRead: 0 },
): AsyncIterable<MemberProfile> {
  for await (const item of segmentMemberItems(rules, now, source, tally)) {
    const profile = effectiveProfile(item);
    yield { customerId: profile.customerId, name: item.name, tier: profile.tier, timeZone: profile.timeZone };
  }
}

/**
 * The rules narrowed to one time zone (a content campaign plans each zone at its own 09:00): a
 * segment naming zones keeps this one if it names it; undefined when the zone is not in it.
 */
export function inZone(rules: SegmentRules, timeZone: string): SegmentRules | undefined {
  if (rules.timeZones && !rules.timeZones.includes(timeZone)) return undefined;
  return { ...rules, timeZones: [timeZone] };
}
