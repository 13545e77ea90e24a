/**
 * `customer-event.invitations-requested`: a customer event for a segment of more than one
 * request's worth of members invites them in pages, each page asking for the next through the
 * outbox; the relationship service's queue consumer sends each page's invitations (once per
 * customer, whatever the redelivery).
 */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { id } from './fields';

export const CustomerEventInvitationsRequested = defineEvent(
  'customer-event.invitations-requested',
  1,
  z.looseObject({
    eventId: id(),
    segmentId: id(),
    /** Members before this one (in the segment's listing order) were invited by earlier pages. */
    offset: z.number().check(z.int(), z.gte(0)),
  }),
);
