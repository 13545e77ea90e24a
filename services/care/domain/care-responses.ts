/**
 * What the admins' care API answers, as zod contracts: the campaign list, a campaign's preview and
 * runs, a customer's preferences and an import's summary. The domain returns these types, the API
 * document (infra/openapi) publishes them and the console's client is typed from that document.
 */
import * as z from 'zod/mini';
import { FieldErrorContract } from '#shared/contracts/problem';
import { contactChannels, languages } from '#shared/contracts/vocabulary';
import { AudienceRule, CampaignDefinition } from './campaign-definitions';

const Instant = z.string();
const LocalDate = z.string();

const MessageText = z.object({ headline: z.string(), body: z.string() });
const CampaignContentView = z.record(z.string(), MessageText);

export const CampaignView = z.object({
  id: z.string(),
  title: z.string(),
  enabled: z.boolean(),
  consent: CampaignDefinition.shape.consent,
  holdWhileComplaintOpen: z.boolean(),
  audience: AudienceRule,
  /** The message per language (zh-CN, en). */
  content: CampaignContentView,
  /** A product's own message, where a product has one. */
  contentByProduct: z.optional(z.record(z.string(), CampaignContentView)),
});

export const CampaignList = z.object({
  /** The version of the campaign definitions file. */
  version: z.string(),
  campaigns: z.array(CampaignView),
});
export type CampaignList = z.infer<typeof CampaignList>;

export const CampaignPreview = z.object({
  campaignId: z.string(),
  campaignVersion: z.string(),
  enabled: z.boolean(),
  date: LocalDate,
  timeZones: z.array(z.string()),
  audience: z.number(),
  wouldSend: z.number(),
  /** Customers held back, by reason (consent, open-complaint, frequency-cap …). */
  suppressed: z.record(z.string(), z.number()),
  /** A few of the audience, masked: 李*, C0***23. */
  sample: z.array(
    z.object({
      customerId: z.string(),
      name: z.string(),
      timeZone: z.string(),
      language: z.string(),
      channel: z.string(),
      outcome: z.enum(['would-send', 'suppressed']),
      reason: z.optional(z.string()),
      headline: z.optional(z.string()),
    }),
  ),
});
export type CampaignPreview = z.infer<typeof CampaignPreview>;

export const CampaignRunView = z.object({
  campaignId: z.string(),
  runId: z.string(),
  occasionDate: LocalDate,
  timeZone: z.string(),
  campaignVersion: z.string(),
  /** Candidates in the audience when last planned (a snapshot, not a sum). */
  audience: z.number(),
  lastPlannedAt: Instant,
  /** Decisions and message outcomes by name (planned, suppressed:<reason>, sent, failed …). */
  counts: z.record(z.string(), z.number()),
});

export const CampaignRuns = z.object({ campaignId: z.string(), runs: z.array(CampaignRunView) });
export type CampaignRuns = z.infer<typeof CampaignRuns>;

/** Fields a preference can override, named as the API names them. */
export const overridableFields = [
  'preferredChannel',
  'language',
  'timeZone',
  'consent.service',
  'consent.marketing',
  'consent.sms',
  'quietHours',
] as const;

export const PreferencesView = z.object({
  customerId: z.string(),
  preferredChannel: z.enum(contactChannels),
  language: z.enum(languages),
  timeZone: z.string(),
  /** `sms`: whether messages may go by SMS at all; withdrawn by texting TD, STOP or 退订. */
  consent: z.object({ service: z.boolean(), marketing: z.boolean(), sms: z.boolean() }),
  /** The customer's own quiet hours (`HH:MM`); null means the default (21:00–08:00). */
  quietHours: z.nullable(z.object({ start: z.string(), end: z.string() })),
  /** Which of the values above come from the customer's preferences, not from the import. */
  overridden: z.array(z.enum(overridableFields)),
  updatedAt: z.optional(Instant),
  updatedBy: z.optional(z.string()),
  /** Send it back as `If-Match` (`"<version>"`). */
  version: z.number(),
});
export type PreferencesView = z.infer<typeof PreferencesView>;

export const RejectedLine = z.object({ line: z.number(), errors: z.array(FieldErrorContract) });
export type RejectedLine = z.infer<typeof RejectedLine>;

export const ImportSummary = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** Each rejected line by its number in the request, with its field errors. */
  rejected: z.array(RejectedLine),
  /**
   * Present when the request ran out of time: no line from this one on was imported or reported.
   * Sending those lines again is safe (what was imported before is `unchanged` the second time).
   */
  resumeFromLine: z.optional(z.number()),
});
export type ImportSummary = z.infer<typeof ImportSummary>;
