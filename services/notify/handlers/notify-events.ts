/** Consumes complaint and SLA events and sends what each asks for, exactly once. */
import type { EventEnvelope } from '../../../shared/contracts/events';
import { sqsHandler } from '../../../shared/middleware/sqs';
import { logger } from '../../../shared/observability/logger';
import { loadComplaintContext } from '../adapters/complaint-context';
import { caseUrl, deliveryDeps, staffDirectory } from '../adapters/deps';
import { customerNotifications, staffNotifications } from '../domain/compose';
import { deliverFromQueue } from '../domain/deliver';
import type { NotificationRequest } from '../domain/notification';

/** The timeline entry whose text a message quotes. */
const QUOTED_ACTION: Partial<Record<EventEnvelope['type'], string>> = {
  'complaint.status-changed': 'request-info',
  'complaint.extended': 'extend',
};

async function requestsFor(envelope: EventEnvelope): Promise<NotificationRequest[]> {
  if (envelope.type === 'sla.warning' || envelope.type === 'sla.breached') {
    return staffNotifications(envelope, staffDirectory, caseUrl);
  }
  const complaintId = (envelope.data as { complaintId?: string }).complaintId;
  if (!complaintId) return [];
  const context = await loadComplaintContext(complaintId, QUOTED_ACTION[envelope.type]);
  return context ? customerNotifications(envelope, context) : [];
}

export const handler = sqsHandler(async ({ envelope, receiveCount }) => {
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
