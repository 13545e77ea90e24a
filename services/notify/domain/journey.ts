/**
 * Claim and policy notices (`journey.notice-requested`) and stalled-claim messages
 * (`claim.stalled`): service messages on the customer's preferred channel, vetted like care
 * messages with consent `service` and never held by an open complaint; exactly once per dedupe key.
 */
import type { CareRule } from '#shared/care/care-rules';
import type { CoreEvent } from '#shared/contracts/core-events';
import type { EffectiveProfile } from '#shared/contracts/customer-profile';
import type { CatalogEvent } from '#shared/contracts/events/index';
import type { JourneyNotice } from '#shared/contracts/events/journey-notice-requested';
import { careRefusal } from './care';
import { routeFor } from './channel';
import type { StaffDirectory } from './compose';
import { FALLBACK_LANGUAGE } from './message-types';
import { messageKey, type NotificationRequest } from './notification';

export const SERVICE_MESSAGE: CareRule = { consent: 'service', holdWhileComplaintOpen: false };

/** Why a notice is not sent, or undefined when it may go now. */
export const journeyRefusal = (profile: EffectiveProfile | undefined) =>
  careRefusal(profile, SERVICE_MESSAGE);

/** `claim-approved` → `claimApproved`: the template's section for the notice. */
const flagOf = (notice: JourneyNotice) => notice.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

const money = (amount: unknown, language: string) =>
  typeof amount === 'number'
    ? new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' }).format(amount)
    : undefined;

/**
 * What a notice quotes from its core event: documents, amount, decline reason, grace-period end or
 * a policy change's values. Read from the journey, never carried by the event (see the contract).
 */
export function noticeFacts(event: CoreEvent | undefined): Record<string, unknown> {
  if (!event) return {};
  const d = event.data;
  switch (event.type) {
    case 'claim.registered':
    case 'claim.documents-requested':
      return { documents: (d.documents as string[] | undefined) ?? [] };
    case 'claim.approved':
    case 'policy.premium-paid':
      return d.amount === undefined ? {} : { amount: d.amount };
    case 'claim.paid':
      return { amount: d.amount, paidAt: d.paidAt };
    case 'claim.declined':
      return { reason: d.reason };
    case 'policy.lapse-warning':
      return { gracePeriodEndsOn: d.gracePeriodEndsOn };
    case 'policy.changed':
      return { changes: d.changes };
    default:
      return {};
  }
}

/**
 * What a notice quotes: read from its core event in the journey, or, for an event published before
 * the notice named its core event, the facts it carried itself.
 */
export async function quotedFacts(
  data: CatalogEvent<'journey.notice-requested'>['data'],
  readCoreEvent: (eventId: string) => Promise<CoreEvent | undefined>,
): Promise<Record<string, unknown>> {
  if (data.facts) return data.facts;
  return noticeFacts(data.coreEventId ? await readCoreEvent(data.coreEventId) : undefined);
}

/** Lists and amounts as the templates show them (the engine prints values, not lists). */
function shownFacts(facts: Record<string, unknown>, language: string): Record<string, unknown> {
  const separator = language === 'zh-CN' ? '、' : ', ';
  const documents = Array.isArray(facts.documents)
    ? (facts.documents as string[]).join(separator)
    : undefined;
  const changes = Array.isArray(facts.changes)
    ? (facts.changes as { field: string; from?: string; to: string }[])
        .map((c) => (c.from ? `${c.field}: ${c.from} → ${c.to}` : `${c.field}: ${c.to}`))
        .join('; ')
    : undefined;
  return {
    ...facts,
    documents: documents || undefined,
    changes,
    amount: money(facts.amount, language),
  };
}

function customerNotice(
  key: string,
  notice: JourneyNotice,
  facts: Record<string, unknown>,
  ids: { customerId?: string; policyNumber: string; claimNumber?: string },
  profile: EffectiveProfile | undefined,
  complaintFormUrl: string,
  correlationId: string,
): NotificationRequest {
  const route = profile && routeFor(profile);
  const language = profile?.language ?? FALLBACK_LANGUAGE;
  return {
    key,
    type: 'journey-notice',
    purpose: `journey:${notice}`,
    recipient: {
      kind: 'customer',
      channel: route?.channel ?? 'email',
      address: route?.address ?? '',
      language,
      timeZone: profile?.timeZone ?? 'Asia/Shanghai',
      ...(profile?.quietHours && { quietHours: profile.quietHours }),
    },
    urgent: false,
    ...(ids.customerId && { customerId: ids.customerId }),
    correlationId,
    data: {
      name: profile?.name ?? '',
      policyNumber: ids.policyNumber,
      ...(ids.claimNumber && { claimNumber: ids.claimNumber }),
      ...shownFacts(facts, language),
      [flagOf(notice)]: true,
      ...(notice === 'claim-declined' && { complaintFormUrl }),
    },
  };
}

/** `facts`: what the notice quotes, from its core event (noticeFacts). */
export function journeyNotification(
  event: CatalogEvent<'journey.notice-requested'>,
  facts: Record<string, unknown>,
  profile: EffectiveProfile | undefined,
  complaintFormUrl: string,
): NotificationRequest {
  const { data } = event;
  return customerNotice(
    `journey#${data.dedupeKey}`,
    data.notice,
    facts,
    data,
    profile,
    complaintFormUrl,
    event.correlationId,
  );
}

/** The customer's progress message and the claims lead's alert, once per stall. */
export function stalledClaimNotifications(
  event: CatalogEvent<'claim.stalled'>,
  profile: EffectiveProfile | undefined,
  staff: StaffDirectory,
  complaintFormUrl: string,
): { customer?: NotificationRequest; lead: NotificationRequest } {
  const { data } = event;
  const stall = `${data.claimNumber}#${data.lastProgressAt}`;
  const lead = staff.leadOf('claims');
  return {
    ...(data.customerId && {
      customer: customerNotice(
        `journey#claim-progress#${stall}`,
        'claim-progress',
        {},
        data,
        profile,
        complaintFormUrl,
        event.correlationId,
      ),
    }),
    lead: {
      key: messageKey(`claim-stalled#${stall}`, lead, 'staff-claim-stalled'),
      type: 'staff-claim-stalled',
      purpose: 'staff-claim-stalled',
      recipient: {
        kind: 'staff',
        channel: 'email',
        address: lead,
        language: 'zh-CN',
        timeZone: 'Asia/Shanghai',
      },
      urgent: true,
      correlationId: event.correlationId,
      data: {
        claimNumber: data.claimNumber,
        policyNumber: data.policyNumber,
        stage: data.stage,
        lastProgressAt: data.lastProgressAt,
        businessDays: data.businessDays,
      },
    },
  };
}
