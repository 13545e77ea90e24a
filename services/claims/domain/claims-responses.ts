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
