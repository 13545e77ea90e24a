/**
 * `complaint.status-changed`: a case moved from one status to another, or stayed in its status
 * with something the clocks care about (customer contact, new facts, hardship marked).
 */
import * as z from 'zod/mini';
import { complaintStatuses } from '../vocabulary';
import { defineEvent } from './define';
import { complaintFields } from './fields';

export const ComplaintStatusChanged = defineEvent(
  'complaint.status-changed',
  1,
  z.looseObject({
    ...complaintFields,
    from: z.enum(complaintStatuses),
    to: z.enum(complaintStatuses),
    /** Assessment or appraisal (鉴定/检测/评估) started, once the customer has been told. */
    pauseReason: z.optional(z.enum(['awaiting-customer', 'appraisal'])),
    /** The customer brought new facts or material. */
    newFacts: z.optional(z.boolean()),
    /** The change contacted the customer (a request for information, a customer-visible note). */
    customerContact: z.optional(z.boolean()),
    /** The contact was a request for information (notify sends the question). */
    requestInfo: z.optional(z.boolean()),
    /** The contact was a customer-visible note. */
    note: z.optional(z.boolean()),
    /** The change reopened a resolved or closed case. */
    reopened: z.optional(z.boolean()),
    /** An agent marked (true) or unmarked (false) financial hardship or a default notice. */
    hardship: z.optional(z.boolean()),
    hardshipReason: z.optional(z.string()),
  }),
);
