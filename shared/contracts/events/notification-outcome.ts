/**
 * `notification.sent` | `notification.failed` | `notification.suppressed`: what became of one
 * notification. Care messages carry their campaign, run and dedupe key, by which the care service
 * counts each run's outcomes.
 */
import * as z from 'zod/mini';
import { contactChannels } from '../vocabulary';
import { defineEvent } from './define';
import { id } from './fields';

const outcomeFields = {
  /** The notification's idempotency key. */
  key: id(),
  complaintId: z.optional(id()),
  /** The message type (acknowledgement, decision-letter, care, staff-sla-warning, ...). */
  type: id(),
  purpose: id(),
  channel: z.enum(contactChannels),
  recipientKind: z.enum(['customer', 'staff']),
  customerId: z.optional(id()),
  campaignId: z.optional(id()),
  runId: z.optional(id()),
  dedupeKey: z.optional(id()),
};

export const NotificationSent = defineEvent(
  'notification.sent',
  1,
  z.looseObject({ ...outcomeFields, providerId: z.optional(z.string()) }),
);
export const NotificationFailed = defineEvent(
  'notification.failed',
  1,
  z.looseObject({ ...outcomeFields, reason: z.string() }),
);
export const NotificationSuppressed = defineEvent(
  'notification.suppressed',
  1,
  z.looseObject({ ...outcomeFields, reason: z.string() }),
);
