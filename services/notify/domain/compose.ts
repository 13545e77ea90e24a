/**
 * Which notifications an event asks for: the customer-facing steps of a complaint (on the
 * customer's channel and in their language) and the staff alerts of the SLA service (by email).
 */
import type { Complaint } from '#shared/contracts/complaint';
import type { CatalogEvent } from '#shared/contracts/events/index';
import { routeFor } from './channel';
import type { RegulatorContact } from './message-types';
import { type MessageType, messageKey, type NotificationRequest, type Recipient } from './notification';

export interface ComplaintContext {
  readonly complaint: Complaint;
  /** The customer's time zone (from their profile), Asia/Shanghai when unknown. */
  readonly timeZone: string;
  /** The latest text of this kind on the timeline (the question asked, the extension reason). */
  readonly latestTimelineText?: string;
  /** Where the customer can take the complaint next, for their regime and language. */
  readonly regulatorContact: RegulatorContact;
  /** The customer's signed link to their status page (shared/links). */
  readonly statusUrl?: string;
}

export interface StaffDirectory {
  emailOf(userId: string): string;
  leadOf(team: string): string;
  escalationDesk(): string;
}

const customerRecipient = (ctx: ComplaintContext): Recipient | undefined => {
  const { customer, preferredChannel, language } = ctx.complaint;
  const route = routeFor({ phone: customer.phone, email: customer.email, preferredChannel });
  return route && { kind: 'customer', ...route, language, timeZone: ctx.timeZone };
};

function forCustomer(
  event: CatalogEvent,
  ctx: ComplaintContext,
  type: MessageType,
  purpose: string,
  urgent: boolean,
  data: Record<string, unknown>,
): NotificationRequest[] {
  const recipient = customerRecipient(ctx);
  if (!recipient) return [];
  const { complaint } = ctx;
  return [
    {
      key: messageKey(event.id, recipient.address, type),
      type,
      purpose,
      recipient,
      urgent,
      complaintId: complaint.complaintId,
      ...(complaint.customerId && { customerId: complaint.customerId }),
      correlationId: event.correlationId,
      data: { name: complaint.customer.name, reference: complaint.reference, ...data },
    },
  ];
}

/** The notifications for a complaint event, given the complaint as it stands. */
export function customerNotifications(event: CatalogEvent, ctx: ComplaintContext): NotificationRequest[] {
  const { complaint } = ctx;
  switch (event.type) {
    case 'complaint.received':
      // the acknowledgement is what regulators time: it goes out even in quiet hours. It promises
      // the decision date intake worked out by the SLA rules when it filed the complaint (the
      // complaint's own customerDeadline is the acknowledgement's deadline until this is sent)
      return forCustomer(event, ctx, 'acknowledgement', 'acknowledgement', true, {
        receivedAt: complaint.receivedAt,
        nextDeadline: event.data.decisionDueAt,
        statusUrl: ctx.statusUrl,
      });
    case 'complaint.status-changed':
      return event.data.requestInfo
        ? forCustomer(event, ctx, 'request-info', 'request-info', false, {
            message: ctx.latestTimelineText,
            statusUrl: ctx.statusUrl,
          })
        : [];
    case 'complaint.extended':
      return event.data.customerNotice
        ? forCustomer(event, ctx, 'delay-notice', 'delay-notice', true, {
            dueAt: event.data.dueAt,
            reason: event.data.reason,
            regulatorContact: ctx.regulatorContact,
          })
        : [];
    case 'complaint.resolved':
      return forCustomer(event, ctx, 'decision-letter', 'decision-letter', true, {
        outcome: complaint.resolution?.outcome,
        remedy: complaint.resolution?.remedy,
        responseToCustomer: complaint.resolution?.responseToCustomer,
        regulatorContact: ctx.regulatorContact,
      });
    case 'complaint.reopened':
      return forCustomer(event, ctx, 'reopened', 'reopened', false, { reason: event.data.reason });
    default:
      return [];
  }
}

/** Staff alerts for SLA warnings and breaches: the assignee, the team lead, the escalation desk. */
export function staffNotifications(
  event: CatalogEvent,
  staff: StaffDirectory,
  caseUrl: (id: string) => string,
): NotificationRequest[] {
  if (event.type !== 'sla.warning' && event.type !== 'sla.breached') return [];
  const { data } = event;
  const address =
    data.notify === 'assignee'
      ? data.assignee && staff.emailOf(data.assignee)
      : data.notify === 'team-lead'
        ? data.team && staff.leadOf(data.team)
        : staff.escalationDesk();
  // a warning on a case nobody holds yet goes to the team's lead
  const to = address ?? (data.team ? staff.leadOf(data.team) : staff.escalationDesk());
  const type: MessageType = event.type === 'sla.warning' ? 'staff-sla-warning' : 'staff-sla-breach';
  return [
    {
      key: messageKey(event.id, to, type),
      type,
      purpose: type,
      recipient: {
        kind: 'staff',
        channel: 'email',
        address: to,
        language: 'zh-CN',
        timeZone: 'Asia/Shanghai',
      },
      urgent: true,
      complaintId: data.complaintId,
      correlationId: event.correlationId,
      data: { ...event.data, caseUrl: caseUrl(data.complaintId) },
    },
  ];
}
