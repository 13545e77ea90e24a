/**
 * Care campaign messages (`care.message-requested`): whether one may reach the customer now, and
 * the notification it becomes. The care rules are checked against the profile as it stands when
 * the message goes, never as the planner saw it.
 */
import { type CareRule, type CareRuleRefusal, careRuleRefusal } from '#shared/care/care-rules';
import type { CareMessageRequested } from '#shared/contracts/care-message';
import type { EffectiveProfile } from '#shared/contracts/customer-profile';
import type { EventEnvelope } from '#shared/contracts/events/index';
import type { Language } from '#shared/contracts/vocabulary';
import { routeFor } from './channel';
import { FALLBACK_LANGUAGE } from './message-types';
import type { NotificationRequest } from './notification';

/** Why a care message is not sent (the `reason` of `notification.suppressed`). */
export type CareRefusal = 'unknown-customer' | CareRuleRefusal | 'no-contact';

/**
 * The first reason the message may not go, or undefined when it may: the care rules
 * (shared/care/care-rules.ts) on the profile as it stands now, between knowing the customer at all
 * and having somewhere to send it.
 */
export function careRefusal(profile: EffectiveProfile | undefined, rule: CareRule): CareRefusal | undefined {
  if (!profile) return 'unknown-customer';
  const refusal = careRuleRefusal(profile, rule);
  if (refusal) return refusal;
  if (!routeFor(profile)) return 'no-contact';
  return undefined;
}

/**
 * One message per dedupe key (campaign, occasion, customer), whatever the event id and whatever
 * channel the customer has meanwhile chosen: a rerun of the planner sends nothing twice.
 */
export function careMessageKey(dedupeKey: string): string {
  return `care#${dedupeKey}`;
}

/** The content in the customer's language, else zh-CN, else whatever the campaign has. */
export function careContent(
  content: CareMessageRequested['content'],
  language: Language,
): { language: Language; headline: string; body: string } | undefined {
  const own = content[language];
  if (own) return { language, ...own };
  const fallback = content[FALLBACK_LANGUAGE];
  if (fallback) return { language: FALLBACK_LANGUAGE, ...fallback };
  const [first] = Object.values(content);
  return first && { language: FALLBACK_LANGUAGE, ...first };
}

/**
 * The notification a care request becomes for this customer. Without a profile or a contact the
 * request still becomes one (with an empty address), so that its refusal is recorded once and
 * counted for the run like any other outcome.
 */
export function careNotification(
  event: EventEnvelope,
  data: CareMessageRequested,
  profile: EffectiveProfile | undefined,
  unsubscribeUrl: string,
  ratingUrl?: string,
): NotificationRequest {
  // the campaign's channel stands in for the preferred one; routeFor still needs consent and contact
  const route = profile && routeFor(data.channel ? { ...profile, preferredChannel: data.channel } : profile);
  const content = careContent(data.content, profile?.language ?? FALLBACK_LANGUAGE);
  return {
    key: careMessageKey(data.dedupeKey),
    type: 'care',
    purpose: `care:${data.campaignId}`,
    recipient: {
      kind: 'customer',
      channel: route?.channel ?? 'email',
      address: route?.address ?? '',
      language: content?.language ?? FALLBACK_LANGUAGE,
      timeZone: profile?.timeZone ?? 'Asia/Shanghai',
      ...(profile?.quietHours && { quietHours: profile.quietHours }),
    },
    urgent: false,
    customerId: data.customerId,
    care: {
      campaignId: data.campaignId,
      runId: data.runId,
      dedupeKey: data.dedupeKey,
      consent: data.consent,
      holdWhileComplaintOpen: data.holdWhileComplaintOpen,
    },
    correlationId: event.correlationId,
    data: {
      name: profile?.name ?? '',
      headline: content?.headline ?? '',
      body: content?.body ?? '',
      unsubscribeUrl,
      ...(ratingUrl && { ratingUrl }),
    },
  };
}
