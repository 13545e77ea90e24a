/** Answers of the claims routes, as zod contracts (the OpenAPI document is generated from them). */
import * as z from 'zod/mini';

/** One event: recorded now, or already known by its id (nothing stored again). */
export const CoreEventAccepted = z.object({
  eventId: z.string(),
  status: z.enum(['accepted', 'duplicate']),
});

/** A batch: how many were recorded, and the ids already known. */
export const CoreEventBatchAccepted = z.object({
  accepted: z.number(),
  duplicates: z.array(z.string()),
});

export const CoreEventsAnswer = z.union([CoreEventAccepted, CoreEventBatchAccepted]);

const ClaimView = z.object({
  claimNumber: z.string(),
  policyNumber: z.string(),
  stage: z.string(),
  lastProgressAt: z.string(),
  stalled: z.boolean(),
  declinedReason: z.optional(z.string()),
  timeline: z.array(
    z.object({ type: z.string(), occurredAt: z.string(), data: z.record(z.string(), z.unknown()) }),
  ),
});

/** GET /v1/customers/{customerId}/journey. */
export const CustomerJourneyView = z.object({
  customerId: z.string(),
  /** Relationship health 0–100 with one reason per factor (services/relationship/domain/health-score.ts). */
  health: z.optional(
    z.object({
      score: z.number(),
      band: z.string(),
      reasons: z.array(
        z.object({ factor: z.string(), points: z.number(), max: z.number(), detail: z.string() }),
      ),
      computedAt: z.string(),
    }),
  ),
  policies: z.array(
    z.object({ policyNumber: z.string(), product: z.optional(z.string()), status: z.optional(z.string()) }),
  ),
  claims: z.array(ClaimView),
  complaints: z.array(
    z.object({
      complaintId: z.string(),
      reference: z.string(),
      status: z.string(),
      team: z.optional(z.string()),
      category: z.optional(z.string()),
      receivedAt: z.string(),
    }),
  ),
  /**
   * Policy events, claim steps, complaints and the messages sent to the customer (type, purpose,
   * channel and outcome; never their content), newest first.
   */
  timeline: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['policy', 'claim', 'complaint', 'message']),
      type: z.string(),
      purpose: z.optional(z.string()),
      channel: z.optional(z.string()),
      outcome: z.optional(z.string()),
      policyNumber: z.optional(z.string()),
      claimNumber: z.optional(z.string()),
      complaintId: z.optional(z.string()),
    }),
  ),
});
