/**
 * The campaign planner's decisions, pure: for one campaign, one time zone and one local date, which
 * index partitions hold the audience, and for each candidate whether a message is planned or why
 * it is suppressed. No AWS here; the DynamoDB adapter runs the queries and writes the decisions.
 */
import type * as z from 'zod/mini';
import { addDays, type LocalDate } from '#shared/calendar/local-date';
import { localDateIn } from '#shared/calendar/zoned-time';
import { type CareRuleRefusal, careRuleRefusal, careRuleRefusals } from '#shared/care/care-rules';
import type { CareMessageRequested } from '#shared/contracts/care-message';
import type { ImportedPolicy } from '#shared/contracts/customer-import';
import {
  type CustomerProfileItem,
  type EffectiveProfile,
  effectiveProfile,
} from '#shared/contracts/customer-profile';
import { type Language, languages } from '#shared/contracts/vocabulary';
import { followUpPartition } from '#shared/tables/campaigns';
import {
  anniversaryPartition,
  birthdayPartition,
  lastContactPartition,
  premiumDuePartition,
  rosterPartition,
} from '#shared/tables/customers';
import { compileTemplate, fillTemplate, type TemplateNode } from '#shared/templates/template-engine';
import type { CampaignCatalog, CampaignContent, CampaignDefinition } from './campaign-definitions';
import type { Article } from './knowledge/articles';
import { campaignArticles, isContentDay, nextArticle } from './knowledge/content-programme';
import {
  ageOn,
  bornOnOrBefore,
  daysBetween,
  isCadenceDay,
  isFestivalOn,
  isYearlyOccasionOn,
  monthDaysFallingOn,
} from './occasions';

/** The day a zone is planned for: its local date when the zone's clocks show 09:00. */
export interface Occasion {
  readonly date: LocalDate;
  readonly timeZone: string;
}

/** One index partition (or slice of it) that holds candidates; never a scan. */
export type AudienceQuery =
  | {
      readonly source: 'customers';
      readonly index: 'gsi1' | 'gsi4' | 'gsi5';
      readonly partition: string;
      readonly sortKey?: { readonly beginsWith: string } | { readonly atMost: string };
    }
  | {
      readonly source: 'policies';
      readonly index: 'gsi2' | 'gsi3';
      readonly partition: string;
      readonly beginsWith: string;
    }
  | { readonly source: 'follow-ups'; readonly partition: string; readonly beginsWith: string }
  /** A segment's members in one zone (its index reads: segments/member-queries.ts), with the articles each has had. */
  | { readonly source: 'segment'; readonly segmentId: string; readonly timeZone: string };

/** A policy item of the Customers table as the due-date and anniversary indexes project it. */
export type PolicyItem = z.infer<typeof ImportedPolicy> & {
  readonly customerId: string;
  readonly timeZone: string;
};

/** A follow-up item another part of care writes when a complaint is resolved. */
export interface FollowUpItem {
  readonly complaintId: string;
  readonly reference: string;
  readonly customerId: string;
  readonly resolvedAt: string;
}

export interface Candidate {
  readonly profile: CustomerProfileItem & {
    readonly products?: readonly string[];
    /** The day the customer's relationship ended, as the import wrote it on the profile. */
    readonly relationshipEndedAt?: string;
  };
  readonly policy?: PolicyItem;
  readonly followUp?: FollowUpItem;
  /** Knowledge content: the articles the customer has had (planned or sent), by id. */
  readonly articlesHad?: ReadonlySet<string>;
}

/** The care rules' refusals (shared/care/care-rules.ts), as the run counts them. */
export const suppressionReasons = careRuleRefusals;
export type SuppressionReason = CareRuleRefusal;

export type Decision =
  | {
      readonly outcome: 'planned';
      readonly dedupeKey: string;
      readonly profile: EffectiveProfile;
      readonly message: CareMessageRequested;
      /** Knowledge content: the article the message sends, claimed for the customer with it. */
      readonly articleId?: string;
      /** With an article: the end of the customer's relationship, which the claim expires from. */
      readonly relationshipEndedAt?: string;
    }
  | {
      readonly outcome: 'suppressed';
      readonly dedupeKey: string;
      readonly profile: EffectiveProfile;
      readonly reason: SuppressionReason;
    };

/**
 * Names of the run record's counters, shared with notify (`sent`, `failed`, `suppressed_<reason>`):
 * letters, digits, `_` and `-` only, always written through ExpressionAttributeNames.
 */
export const countName = (decision: Decision): string =>
  decision.outcome === 'planned' ? 'planned' : `suppressed_${decision.reason}`;

export const runIdOf = (occasion: Occasion) => `${occasion.date}#${occasion.timeZone}`;

/** Where the audience of one campaign on one zone's local date is. */
export function audienceQueries(definition: CampaignDefinition, occasion: Occasion): AudienceQuery[] {
  const { date, timeZone } = occasion;
  const zone = `${timeZone}#`;
  const rule = definition.audience;
  switch (rule.kind) {
    case 'birthday':
      return monthDaysFallingOn(date).map((md) => ({
        source: 'customers',
        index: 'gsi1',
        partition: birthdayPartition(md),
        sortKey: { beginsWith: zone },
      }));
    case 'festival':
      if (!isFestivalOn(rule.festival, date)) return [];
      return [
        {
          source: 'customers',
          index: 'gsi5',
          partition: rosterPartition(timeZone),
          // the roster sorts by birth date: an age limit reads only the customers old enough
          ...(rule.minAge ? { sortKey: { atMost: `${bornOnOrBefore(rule.minAge, date)}#\uffff` } } : {}),
        },
      ];
    case 'tier-outreach':
      return isCadenceDay(date, rule.cadence)
        ? [{ source: 'customers', index: 'gsi5', partition: rosterPartition(timeZone) }]
        : [];
    case 'dormant':
      return [
        {
          source: 'customers',
          index: 'gsi4',
          partition: lastContactPartition(addDays(date, -rule.daysSinceContact)),
          sortKey: { beginsWith: zone },
        },
      ];
    case 'policy-anniversary':
      return monthDaysFallingOn(addDays(date, rule.daysBefore)).map((md) => ({
        source: 'policies',
        index: 'gsi3',
        partition: anniversaryPartition(md),
        beginsWith: zone,
      }));
    case 'premium-due':
      return [...new Set(rule.daysBefore)].map((days) => ({
        source: 'policies',
        index: 'gsi2',
        partition: premiumDuePartition(addDays(date, days)),
        beginsWith: zone,
      }));
    case 'premium-grace':
      return [
        {
          source: 'policies',
          index: 'gsi2',
          partition: premiumDuePartition(addDays(date, -rule.daysPastDue)),
          beginsWith: zone,
        },
      ];
    case 'complaint-follow-up':
      // follow-up items are filed under a local date; whether that is the day of resolution or the
      // day the survey is due, one of these two partitions has it and the date rule below decides
      return [date, addDays(date, -rule.daysAfterResolution)].map((d) => ({
        source: 'follow-ups',
        partition: followUpPartition(d),
        beginsWith: zone,
      }));
    case 'knowledge':
      return isContentDay(date, rule.cadence)
        ? [{ source: 'segment', segmentId: rule.segmentId, timeZone }]
        : [];
  }
}

interface Subject {
  /** What makes this occasion unique besides the date: a policy, a complaint. */
  readonly discriminator?: string;
  readonly values: Record<string, string>;
  /** Values that differ by language (an article's title and summary). */
  readonly valuesIn?: Readonly<Record<Language, Record<string, string>>>;
  readonly content: CampaignContent;
  /** The complaint a follow-up is about: no survey while it is open again. */
  readonly complaintId?: string;
  /** The follow-up's complaint, whose rating page the message links to. */
  readonly ratingReference?: string;
  readonly articleId?: string;
}

/** Whether the candidate is really in the audience on this date, and what the message is about. */
function subjectOf(
  definition: CampaignDefinition,
  occasion: Occasion,
  candidate: Candidate,
  profile: EffectiveProfile,
  library: readonly Article[],
): Subject | undefined {
  const { date } = occasion;
  const rule = definition.audience;
  const plain = { values: {}, content: definition.content };
  const { policy, followUp } = candidate;
  switch (rule.kind) {
    case 'birthday':
      return profile.birthDate && isYearlyOccasionOn(profile.birthDate, date) ? plain : undefined;
    case 'festival':
      if (!isFestivalOn(rule.festival, date)) return undefined;
      if (rule.minAge && !(profile.birthDate && ageOn(profile.birthDate, date) >= rule.minAge))
        return undefined;
      return plain;
    case 'tier-outreach':
      return isCadenceDay(date, rule.cadence) && rule.tiers.includes(profile.tier) ? plain : undefined;
    case 'dormant':
      return profile.lastContactAt &&
        daysBetween(localDateIn(new Date(profile.lastContactAt), occasion.timeZone), date) ===
          rule.daysSinceContact
        ? plain
        : undefined;
    case 'policy-anniversary': {
      if (policy?.status !== 'in-force') return undefined;
      const anniversary = addDays(date, rule.daysBefore);
      // a policy taken out this year has no anniversary yet
      if (!isPolicyAnniversaryOn(policy.startDate, anniversary)) return undefined;
      return {
        discriminator: policy.policyNumber,
        values: { policyNumber: policy.policyNumber, anniversaryDate: anniversary },
        content: definition.contentByProduct?.[policy.product] ?? definition.content,
      };
    }
    case 'premium-due': {
      if (policy?.status !== 'in-force' || !policy.premiumDueDate) return undefined;
      const days = daysBetween(date, policy.premiumDueDate);
      if (!rule.daysBefore.includes(days)) return undefined;
      return {
        discriminator: policy.policyNumber,
        values: policyValues(policy),
        content: definition.content,
      };
    }
    case 'premium-grace': {
      if (policy?.status !== 'in-force' || !policy.premiumDueDate) return undefined;
      if (daysBetween(policy.premiumDueDate, date) !== rule.daysPastDue) return undefined;
      return {
        discriminator: policy.policyNumber,
        values: { ...policyValues(policy), lapseDate: addDays(policy.premiumDueDate, rule.graceDays) },
        content: definition.content,
      };
    }
    case 'complaint-follow-up': {
      if (!followUp) return undefined;
      const resolvedOn = localDateIn(new Date(followUp.resolvedAt), occasion.timeZone);
      if (daysBetween(resolvedOn, date) !== rule.daysAfterResolution) return undefined;
      return {
        discriminator: followUp.complaintId,
        values: { reference: followUp.reference },
        content: definition.content,
        complaintId: followUp.complaintId,
        ratingReference: followUp.reference,
      };
    }
    case 'knowledge': {
      if (!isContentDay(date, rule.cadence)) return undefined;
      const article = nextArticle(
        library,
        candidate.articlesHad ?? new Set(),
        candidate.profile.products ?? [],
      );
      if (!article) return undefined; // had every article there is: nothing to send
      return {
        values: {},
        valuesIn: Object.fromEntries(languages.map((l) => [l, articleValues(article, l)])) as Record<
          Language,
          Record<string, string>
        >,
        content: definition.content,
        articleId: article.articleId,
      };
    }
  }
}

/** The placeholders a content campaign's texts wrap the article in. */
function articleValues(article: Article, language: Language): Record<string, string> {
  const text = article.content[language];
  return {
    articleTitle: text.title,
    articleSummary: text.summary,
    articleLink: article.linkUrl ?? '',
  };
}

/** A policy anniversary: the yearly occasion of its start date, from the first full year on. */
function isPolicyAnniversaryOn(startDate: LocalDate, anniversary: LocalDate): boolean {
  return (
    Number(anniversary.slice(0, 4)) > Number(startDate.slice(0, 4)) &&
    isYearlyOccasionOn(startDate, anniversary)
  );
}

function policyValues(policy: PolicyItem): Record<string, string> {
  return {
    policyNumber: policy.policyNumber,
    productCode: policy.product,
    dueDate: policy.premiumDueDate ?? '',
    amount: policy.premiumAmount === undefined ? '' : policy.premiumAmount.toFixed(2),
  };
}

const openComplaintsOf = (item: CustomerProfileItem): ReadonlySet<string> =>
  new Set(item.openComplaints ? [...item.openComplaints] : []);

/** Compiled campaign texts: a catalog holds a few dozen, and a run renders each for every customer. */
const compiledTexts = new Map<string, TemplateNode[]>();

/** Fills a campaign text (checked when the catalog loaded); a placeholder without a value stays visible. */
function renderText(template: string, values: Readonly<Record<string, string>>): string {
  let nodes = compiledTexts.get(template);
  if (!nodes) {
    nodes = compileTemplate(template);
    compiledTexts.set(template, nodes);
  }
  return fillTemplate(nodes, values);
}

/**
 * Every candidate's decision, one per dedupe key (`<campaignId>#<occasion>#<customerId>`): a
 * customer found twice (a 29 Feb birthday read through two partitions) is decided once.
 */
export function decide(
  catalog: Pick<CampaignCatalog, 'version' | 'productNames'>,
  definition: CampaignDefinition,
  occasion: Occasion,
  candidates: readonly Candidate[],
  /** The knowledge library, for a content campaign. */
  library: readonly Article[] = [],
): Decision[] {
  const rule = definition.audience;
  const articles = rule.kind === 'knowledge' ? campaignArticles(library, rule) : [];
  const decisions = new Map<string, Decision>();
  for (const candidate of candidates) {
    const profile = effectiveProfile(candidate.profile);
    if (profile.timeZone !== occasion.timeZone) continue; // moved zone since indexed: planned at its own 09:00
    const subject = subjectOf(definition, occasion, candidate, profile, articles);
    if (!subject) continue;
    const occasionKey = subject.discriminator ? `${occasion.date}.${subject.discriminator}` : occasion.date;
    const dedupeKey = `${definition.id}#${occasionKey}#${profile.customerId}`;
    if (decisions.has(dedupeKey)) continue;
    const reason = careRuleRefusal(profile, definition, {
      followUpComplaintReopened:
        !!subject.complaintId && openComplaintsOf(candidate.profile).has(subject.complaintId),
    });
    if (reason) {
      decisions.set(dedupeKey, { outcome: 'suppressed', dedupeKey, profile, reason });
      continue;
    }
    const content: CareMessageRequested['content'] = {};
    for (const language of languages) {
      const values = {
        ...subject.values,
        ...subject.valuesIn?.[language],
        name: profile.name,
        product: productName(catalog, subject.values.productCode, language),
      };
      content[language] = {
        headline: renderText(subject.content[language].headline, values),
        body: renderText(subject.content[language].body, values),
      };
    }
    decisions.set(dedupeKey, {
      outcome: 'planned',
      dedupeKey,
      profile,
      message: {
        campaignId: definition.id,
        campaignVersion: catalog.version,
        runId: runIdOf(occasion),
        customerId: profile.customerId,
        consent: definition.consent,
        dedupeKey,
        occasionDate: occasion.date,
        content,
        holdWhileComplaintOpen: definition.holdWhileComplaintOpen,
        ...(definition.channel && definition.channel !== 'preferred' && { channel: definition.channel }),
        ...(subject.ratingReference && { ratingReference: subject.ratingReference }),
      },
      ...(subject.articleId && {
        articleId: subject.articleId,
        // from the profile already read: the claim needs no read of its own to expire with the customer
        ...(candidate.profile.relationshipEndedAt && {
          relationshipEndedAt: candidate.profile.relationshipEndedAt,
        }),
      }),
    });
  }
  return [...decisions.values()];
}

function productName(
  catalog: Pick<CampaignCatalog, 'productNames'>,
  code: string | undefined,
  language: Language,
): string {
  if (!code) return '';
  return catalog.productNames[code]?.[language] ?? code;
}
