/**
 * The complaint aggregate as stored in the Complaints table, and the data of `complaint.received`.
 * Personal data stays in the table (encrypted at rest with the stage's KMS key); events carry ids,
 * never names, phone numbers, emails or ID numbers.
 */
import * as z from 'zod/mini';
import { RootCauseValue } from './root-causes/taxonomy';
import {
  categories,
  channels,
  complaintStatuses,
  contactChannels,
  languages,
  outcomes,
  priorities,
  teams,
} from './vocabulary';

export const HotlineCall = z.object({
  callId: z.string(),
  agentId: z.string(),
  callerPhone: z.string(),
  summary: z.string(),
  transcript: z.optional(z.string()),
  flags: z.object({
    regulatorReferral: z.boolean(),
    mediaThreat: z.boolean(),
    vulnerableCustomer: z.boolean(),
    hardship: z.optional(z.boolean()),
  }),
});

export const ComplaintCustomer = z.object({
  name: z.string(),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
  /** `110***********4514`; the number itself is never stored. */
  idNumberMasked: z.optional(z.string()),
  /** Keyed hash of the ID number, to recognise the same person again. */
  idNumberHash: z.optional(z.string()),
  /** Keyed hashes of the phone and email (shared/pii.ts): the case search finds the complaint by them. */
  phoneHash: z.optional(z.string()),
  emailHash: z.optional(z.string()),
  /** From the ID number, when given: triage needs the customer's age. */
  birthDate: z.optional(z.string()),
});

export const Complaint = z.object({
  complaintId: z.string(),
  reference: z.string(),
  status: z.enum(complaintStatuses),
  channel: z.enum(channels),
  receivedAt: z.string(),
  correlationId: z.string(),
  customer: ComplaintCustomer,
  /** The Customers record, when the policy number or phone matched one. */
  customerId: z.optional(z.string()),
  /** Who "the same customer" is for duplicate and repeat detection: customer id or contact hash. */
  customerKey: z.string(),
  policyNumber: z.optional(z.string()),
  /** The claim the customer named, if any: the claims link uses it before the policy number. */
  claimNumber: z.optional(z.string()),
  /** The category the customer chose, if any; triage decides the working category. */
  requestedCategory: z.optional(z.enum(categories)),
  subject: z.optional(z.string()),
  description: z.string(),
  preferredChannel: z.enum(contactChannels),
  language: z.enum(languages),
  hotline: z.optional(HotlineCall),
  possibleDuplicateOf: z.optional(z.string()),
  category: z.optional(z.enum(categories)),
  priority: z.optional(z.enum(priorities)),
  team: z.optional(z.enum(teams)),
  assignee: z.optional(z.string()),
  /**
   * The next deadline the customer is told about: set by intake when it files the complaint (by the
   * SLA service's own rules), then kept by the SLA service.
   */
  customerDeadline: z.optional(z.object({ name: z.string(), dueAt: z.string() })),
  /** The regulatory regime (cn-nfra, uk-fca, au-asic) decided at receipt; the clocks run under it. */
  regime: z.optional(z.string()),
  /** Set by the SLA service when a clock breached. */
  escalated: z.optional(z.boolean()),
  resolution: z.optional(
    z.object({
      outcome: z.enum(outcomes),
      remedy: z.optional(z.string()),
      /** A taxonomy code; resolutions recorded before the taxonomy keep their v1 flat value. */
      rootCause: RootCauseValue,
      responseToCustomer: z.string(),
      resolvedAt: z.string(),
      resolvedBy: z.string(),
    }),
  ),
  closedAt: z.optional(z.string()),
  reopenCount: z.optional(z.number()),
  /** When the customer last brought new facts (a customer-response with newFacts). */
  newFactsAt: z.optional(z.string()),
  /**
   * The customer replied by email or SMS and nobody has yet said whether the reply brings new
   * facts (which restart the clock where the regime says so): the agent confirms with `new-facts`.
   */
  newMaterial: z.optional(z.object({ receivedAt: z.string(), channel: z.enum(['email', 'sms']) })),
  /**
   * Financial hardship or a default notice: from the form or the hotline when filed, from triage's
   * reading of the text, or marked by an agent (POST /v1/cases/{id}/hardship).
   */
  hardship: z.optional(
    z.object({
      hardship: z.boolean(),
      reason: z.string(),
      markedAt: z.string(),
      markedBy: z.string(),
    }),
  ),
  followUp: z.optional(
    z.object({ satisfaction: z.number(), comment: z.optional(z.string()), recordedAt: z.string() }),
  ),
  version: z.number(),
});
export type Complaint = z.infer<typeof Complaint>;
