/** `complaint.received`: intake filed a complaint (web form or hotline). Triage, SLA, notify and care start from it. */
import * as z from 'zod/mini';
import { categories, channels, contactChannels, languages } from '../vocabulary';
import { defineEvent } from './define';
import { complaintFields, id, instant } from './fields';

export const ComplaintReceived = defineEvent(
  'complaint.received',
  1,
  z.looseObject({
    ...complaintFields,
    channel: z.enum(channels),
    receivedAt: instant(),
    customerId: z.optional(id()),
    policyNumber: z.optional(z.string()),
    requestedCategory: z.optional(z.enum(categories)),
    language: z.enum(languages),
    preferredChannel: z.enum(contactChannels),
    /** The hotline agent's flags (hotline complaints only). */
    flags: z.optional(
      z.looseObject({
        regulatorReferral: z.boolean(),
        mediaThreat: z.boolean(),
        vulnerableCustomer: z.boolean(),
        hardship: z.optional(z.boolean()),
      }),
    ),
    /** Filed as financial hardship or a default notice (form field or hotline flag). */
    hardship: z.optional(z.literal(true)),
    possibleDuplicateOf: z.optional(id()),
    /** The regime decided at receipt. */
    regime: z.optional(id()),
    /** The next customer-facing deadline at receipt. */
    customerDeadline: z.optional(z.looseObject({ name: id(), dueAt: instant() })),
    /** When the decision is due, as the acknowledgement tells the customer. */
    decisionDueAt: z.optional(instant()),
  }),
);
