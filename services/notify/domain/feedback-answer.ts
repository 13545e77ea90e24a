/**
 * Staff's answer to feedback (`feedback.answered`), sent once to the contact the feedback gave: a
 * service message in the feedback's language, by email when it gave one, else by SMS. The person
 * asked for the answer by leaving the contact; they need not be a customer with a profile.
 */

import { feedbackAnswerRoute } from '#shared/contracts/events/feedback-answered';
import type { CatalogEvent } from '#shared/contracts/events/index';
import type { Language } from '#shared/contracts/vocabulary';
import { DEFAULT_TIME_ZONE } from './message-types';
import { messageKey, type NotificationRequest } from './notification';

/** The feedback item as notify reads it (services/relationship owns it). */
export interface AnsweredFeedback {
  readonly feedbackId: string;
  readonly kind: 'suggestion' | 'praise' | 'question';
  readonly text: string;
  readonly language: Language;
  readonly customer?: { readonly name?: string; readonly email?: string; readonly phone?: string };
  readonly answer?: { readonly text: string };
}

const KIND_WORDS: Record<Language, Record<AnsweredFeedback['kind'], string>> = {
  'zh-CN': { suggestion: '建议', praise: '表扬', question: '咨询' },
  en: { suggestion: 'suggestion', praise: 'kind words', question: 'question' },
};

/** The message, or none when the feedback has no answer or no contact to send it to. */
export function feedbackAnswerNotification(
  event: CatalogEvent<'feedback.answered'>,
  feedback: AnsweredFeedback | undefined,
): NotificationRequest | undefined {
  const route = feedbackAnswerRoute(feedback?.customer);
  if (!feedback?.answer || !route) return undefined;
  const language = feedback.language === 'en' ? 'en' : 'zh-CN';
  return {
    key: messageKey(`feedback#${feedback.feedbackId}`, route.address, 'feedback-answer'),
    type: 'feedback-answer',
    purpose: 'feedback-answer',
    recipient: { kind: 'customer', ...route, language, timeZone: DEFAULT_TIME_ZONE },
    urgent: false,
    correlationId: event.correlationId,
    data: {
      ...(feedback.customer?.name && { name: feedback.customer.name }),
      kind: KIND_WORDS[language][feedback.kind],
      question: feedback.text,
      answer: feedback.answer.text,
    },
  };
}
