/**
 * Care campaigns as versioned data (services/care/campaigns/campaigns.json): who a campaign is for
 * (its audience rule), which consent it needs, whether it waits while a complaint is open, and
 * what it says in each language. Validated once per cold start, so a bad edit fails loudly with
 * every problem and its path instead of sending the wrong thing later.
 */
import * as z from 'zod/mini';
import { customerTiers } from '#shared/contracts/customer-import';
import { consentKinds } from '#shared/contracts/customer-profile';
import { languages } from '#shared/contracts/vocabulary';
import { parseConfiguration } from '#shared/domain/validation';
import { compileTemplate } from '#shared/templates/template-engine';
import raw from '../campaigns/campaigns.json';
import { articleTopics, ProductTag } from './knowledge/articles';
import { contentCadences } from './knowledge/content-programme';
import { SegmentId } from './segments/segment-id';

export const festivals = [
  'new-year',
  'spring-festival',
  'lantern',
  'dragon-boat',
  'mid-autumn',
  'double-ninth',
] as const;
export type Festival = (typeof festivals)[number];

/** How a campaign reaches its customers (`preferred`: the channel each customer chose). */
export const campaignChannels = ['email', 'sms', 'preferred'] as const;

const days = z.number().check(z.int(), z.positive(), z.lte(400));

export const AudienceRule = z.discriminatedUnion('kind', [
  /** Customers whose birthday is the local date (29 Feb birthdays on 28 Feb in common years). */
  z.strictObject({ kind: z.literal('birthday') }),
  /** Every customer of the zone on the festival's date; `minAge` for age-limited greetings (重阳). */
  z.strictObject({
    kind: z.literal('festival'),
    festival: z.enum(festivals),
    minAge: z.optional(z.number().check(z.int(), z.positive())),
  }),
  /** In-force policies whose anniversary is `daysBefore` days after the local date. */
  z.strictObject({ kind: z.literal('policy-anniversary'), daysBefore: days }),
  /** In-force policies whose premium falls due this many days after the local date. */
  z.strictObject({ kind: z.literal('premium-due'), daysBefore: z.array(days).check(z.minLength(1)) }),
  /** In-force policies still unpaid `daysPastDue` days after the due date, inside a `graceDays` grace period. */
  z.strictObject({ kind: z.literal('premium-grace'), daysPastDue: days, graceDays: days }),
  /** Customers last contacted exactly this many days before the local date. */
  z.strictObject({ kind: z.literal('dormant'), daysSinceContact: days }),
  /** Complaints resolved this many days before the local date (follow-up items, not an index). */
  z.strictObject({ kind: z.literal('complaint-follow-up'), daysAfterResolution: days }),
  /** Customers of the given tiers on the first day of each month or quarter. */
  z.strictObject({
    kind: z.literal('tier-outreach'),
    tiers: z.array(z.enum(customerTiers)).check(z.minLength(1)),
    cadence: z.enum(['monthly', 'quarterly']),
  }),
  /**
   * Knowledge content: on the cadence's days, each member of the segment gets the next article
   * they have not had (of the topic, about the tagged products, when given); `content` wraps it.
   */
  z.strictObject({
    kind: z.literal('knowledge'),
    segmentId: SegmentId,
    cadence: z.enum(contentCadences),
    topic: z.optional(z.enum(articleTopics)),
    productTags: z.optional(z.array(ProductTag).check(z.minLength(1))),
  }),
]);
export type AudienceRule = z.infer<typeof AudienceRule>;

/** Written in the shared template engine: a stray brace fails the load, not the planner's run. */
const placeholders = z.superRefine((text: string, context) => {
  try {
    compileTemplate(text);
  } catch (error) {
    context.issues.push({ code: 'custom', message: (error as Error).message, input: text });
  }
});
const Text = z.strictObject({
  headline: z.string().check(z.minLength(1), z.maxLength(80), placeholders),
  body: z.string().check(z.minLength(1), z.maxLength(500), placeholders),
});
/** Every language the platform speaks must be there: a customer never gets an empty message. */
const Content = z.strictObject(
  Object.fromEntries(languages.map((l) => [l, Text])) as Record<(typeof languages)[number], typeof Text>,
);
export type CampaignContent = z.infer<typeof Content>;

export const CampaignDefinition = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'Must be lower-case letters, digits and -')),
  title: z.string().check(z.minLength(1)),
  consent: z.enum(consentKinds),
  holdWhileComplaintOpen: z.boolean(),
  enabled: z.boolean(),
  audience: AudienceRule,
  content: Content,
  /** Content for particular products (policy campaigns); `content` for every other product. */
  contentByProduct: z.optional(z.record(z.string(), Content)),
  /** Only the members of this segment, of the audience the rule finds (authored campaigns). */
  segmentId: z.optional(SegmentId),
  /**
   * The channel to send on: `email` or `sms` over the customer's preferred one, where their consent
   * and contact allow it (no SMS to a customer who withdrew SMS consent); `preferred` (the default)
   * keeps theirs.
   */
  channel: z.optional(z.enum(campaignChannels)),
});
export type CampaignDefinition = z.infer<typeof CampaignDefinition>;

export const CampaignCatalog = z
  .strictObject({
    version: z.string().check(z.minLength(1)),
    /** How {{product}} reads in each language, by product code; the code itself when absent. */
    productNames: z._default(z.record(z.string(), z.partialRecord(z.enum(languages), z.string())), {}),
    campaigns: z.array(CampaignDefinition).check(z.minLength(1)),
  })
  .check(
    z.superRefine((catalog, context) => {
      const seen = new Set<string>();
      catalog.campaigns.forEach((c, i) => {
        if (seen.has(c.id))
          context.issues.push({
            code: 'custom',
            message: `Duplicate campaign id ${c.id}`,
            path: ['campaigns', i, 'id'],
            input: c.id,
          });
        seen.add(c.id);
        // marketing-type care never reaches a customer whose complaint is still open
        if (c.consent === 'marketing' && !c.holdWhileComplaintOpen)
          context.issues.push({
            code: 'custom',
            message: 'Marketing campaigns must be held while a complaint is open',
            path: ['campaigns', i, 'holdWhileComplaintOpen'],
            input: c.holdWhileComplaintOpen,
          });
      });
    }),
  );
export type CampaignCatalog = z.infer<typeof CampaignCatalog>;

export function loadCampaignCatalog(value: unknown): CampaignCatalog {
  return parseConfiguration(CampaignCatalog, value, 'campaign catalog');
}

export const campaignCatalog = loadCampaignCatalog(raw);

export function campaignById(catalog: CampaignCatalog, id: string): CampaignDefinition | undefined {
  return catalog.campaigns.find((c) => c.id === id);
}
