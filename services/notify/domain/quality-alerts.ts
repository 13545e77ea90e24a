/**
 * Staff alerts of the quality service (docs/returns.md): an overdue rectification action to its
 * owner and the lead who opened the rectification, and a rising root cause to the team leads. Each
 * message key is (event, recipient, template), so a redelivered event sends nothing more, and the
 * quality service publishes each event once per action and due date, or per cause and week.
 */
import type { CatalogEvent } from '#shared/contracts/events/index';
import { teams } from '#shared/contracts/vocabulary';
import type { StaffDirectory } from './compose';
import type { MessageType } from './message-types';
import { messageKey, type NotificationRequest } from './notification';

export type QualityEvent = CatalogEvent<'rectification.action-overdue' | 'root-cause.trend-rising'>;

function staffAlert(
  event: QualityEvent,
  type: MessageType,
  to: string,
  data: Record<string, unknown>,
): NotificationRequest {
  return {
    key: messageKey(event.id, to, type),
    type,
    purpose: type,
    recipient: { kind: 'staff', channel: 'email', address: to, language: 'zh-CN', timeZone: 'Asia/Shanghai' },
    // like the SLA alerts: staff email is read in working hours anyway, holding it helps nobody
    urgent: true,
    correlationId: event.correlationId,
    data,
  };
}

/**
 * The alerts a quality event asks for. `consoleUrl` is the console's home: it has no rectification
 * page yet, so the message names the rectification for the reader to find there.
 */
export function qualityNotifications(
  event: QualityEvent,
  staff: StaffDirectory,
  consoleUrl: string,
): NotificationRequest[] {
  if (event.type === 'rectification.action-overdue') {
    const { rectificationId, actionId, rootCause, title, dueDate, notify } = event.data;
    const data = { rectificationId, actionId, rootCause, title, dueDate, consoleUrl };
    const addresses = new Set(notify.map((userId) => staff.emailOf(userId)));
    return [...addresses].map((to) => staffAlert(event, 'staff-rectification-overdue', to, data));
  }
  const { rootCause, week, count, trailingMean, trailingWeeks, rule, openRectificationId, proposal } =
    event.data;
  const data = {
    rootCause,
    week,
    count,
    trailingMean,
    trailingWeeks,
    rule,
    consoleUrl,
    ...(openRectificationId
      ? { openRectificationId }
      : proposal && {
          proposedTitle: proposal.title,
          proposedDueDate: proposal.dueDate,
          proposedComplaints: proposal.complaintIds.length,
        }),
  };
  // the trend rules name `team-leads`: a root cause crosses teams, so every team's lead is told
  return teams.map((team) => staffAlert(event, 'staff-root-cause-rising', staff.leadOf(team), data));
}
