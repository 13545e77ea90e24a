/** Consumes complaint, SLA and quality events and sends what each asks for, exactly once. */
import type { CatalogEvent, EventType } from '#shared/contracts/events/index';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { loadComplaintContext } from '../adapters/complaint-context';
import { caseUrl, consoleHome, deliveryDeps, staffDirectory } from '../adapters/deps';
import { customerNotifications, staffNotifications } from '../domain/compose';
import { deliverFromQueue } from '../domain/deliver';
import type { NotificationRequest } from '../domain/notification';
import { qualityNotifications } from '../domain/quality-alerts';

/** What notify sends for: the customer-facing complaint steps and the SLA and quality staff alerts. */
const notifyEventTypes = [
  'complaint.received',
  'complaint.status-changed',
  'complaint.extended',
  'complaint.resolved',
  'complaint.reopened',
  'sla.warning',
  'sla.breached',
  'rectification.action-overdue',
  'root-cause.trend-rising',
] as const satisfies readonly EventType[];
type NotifyEvent = CatalogEvent<(typeof notifyEventTypes)[number]>;

/** The timeline entry whose text a message quotes. */
const QUOTED_ACTION: Partial<Record<EventType, string>> = {
  'complaint.status-changed': 'request-info',
  'complaint.extended': 'extend',
};

async function requestsFor(envelope: NotifyEvent): Promise<NotificationRequest[]> {
  if (envelope.type === 'sla.warning' || envelope.type === 'sla.breached') {
    return staffNotifications(envelope, staffDirectory, caseUrl);
  }
  if (envelope.type === 'rectification.action-overdue' || envelope.type === 'root-cause.trend-rising') {
    return qualityNotifications(envelope, staffDirectory, consoleHome());
  }
  const { complaintId } = envelope.data;
  const context = await loadComplaintContext(complaintId, QUOTED_ACTION[envelope.type]);
  return context ? customerNotifications(envelope, context) : [];
}

export const handler = sqsHandler(notifyEventTypes, async ({ envelope, receiveCount }) => {
  for (const request of await requestsFor(envelope)) {
    const outcome = await deliverFromQueue(request, deliveryDeps, receiveCount);
    logger.info('notification', {
      type: request.type,
      channel: request.recipient.channel,
      outcome,
      complaintId: request.complaintId,
    });
  }
});
