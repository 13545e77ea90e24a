/**
 * What the public intake routes answer, as zod contracts: a filed complaint and the customer's
 * status lookup. The API document (infra/openapi) publishes them.
 */
import * as z from 'zod/mini';
import { complaintStatuses, languages, outcomes } from '#shared/contracts/vocabulary';

export const FiledComplaint = z.object({
  complaintId: z.string(),
  reference: z.string(),
  status: z.literal('received'),
  receivedAt: z.string(),
});
export type FiledComplaint = z.infer<typeof FiledComplaint>;

export const ComplaintStatusView = z.object({
  reference: z.string(),
  status: z.enum(complaintStatuses),
  receivedAt: z.string(),
  /** The next deadline the customer is told about; null when none is running. */
  nextDeadline: z.nullable(z.object({ name: z.string(), dueAt: z.string() })),
  /** The language the customer wrote in: the status page opens in it. */
  language: z.enum(languages),
  /** What the insurer asked the customer for, and when, oldest first. */
  requests: z.array(z.object({ message: z.string(), requestedAt: z.string() })),
  /** The decision letter's substance once the complaint is resolved (the letter goes out then). */
  decision: z.nullable(
    z.object({
      outcome: z.enum(outcomes),
      remedy: z.optional(z.string()),
      responseToCustomer: z.string(),
      decidedAt: z.string(),
    }),
  ),
});
export type ComplaintStatusView = z.infer<typeof ComplaintStatusView>;
