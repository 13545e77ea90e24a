/**
 * `feedback.answered`: staff answered feedback that carried a contact; notify sends the answer to
 * that contact once (a service message). The event names the feedback only: notify reads the
 * contact and the answer from the feedback item, so no personal data travels on the bus.
 */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { id } from './fields';

export const FeedbackAnswered = defineEvent('feedback.answered', 1, z.looseObject({ feedbackId: id() }));

/** Where the answer goes: the email the feedback gave, else its phone by SMS, else nowhere. */
export function feedbackAnswerRoute(contact: { email?: string; phone?: string } | undefined) {
  if (contact?.email) return { channel: 'email' as const, address: contact.email };
  if (contact?.phone) return { channel: 'sms' as const, address: contact.phone };
  return undefined;
}
