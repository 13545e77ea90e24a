/**
 * care-complaint-events: keeps each customer's set of open complaints and records the
 * satisfaction follow-up due after a resolution. It reads the complaint's current state, so a
 * late, repeated or out-of-order event leads to the same records.
 * It also takes `customer.relationship-changed` (its own queue): the customer's complaint links and
 * article claims follow the end of the relationship, read from the profile for the same reason.
 */
import { readComplaint } from '#shared/aws/complaint-reader';
import { clock } from '#shared/clock';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { readCareProfile, recordFollowUp, setComplaintOpen } from '../adapters/dynamo-care-records';
import { dynamoRelationshipRecords } from '../adapters/dynamo-relationship-records';
import { followUpDue, isOpen } from '../domain/complaint-care';
import { followRelationshipEnd } from '../domain/follow-relationship-end';

export const handler = sqsHandler(
  [
    'complaint.received',
    'complaint.resolved',
    'complaint.closed',
    'complaint.reopened',
    'customer.relationship-changed',
  ],
  async ({ envelope }) => {
    if (envelope.type === 'customer.relationship-changed') {
      const { customerId } = envelope.data;
      const followed = await followRelationshipEnd(customerId, dynamoRelationshipRecords, clock.now());
      logger.info('records follow the relationship', { customerId, ...followed });
      return;
    }
    const complaint = await readComplaint(envelope.data.complaintId);
    // complaints without a matched customer have no profile to keep anything on
    if (!complaint?.customerId) return;

    const open = isOpen(complaint.status);
    const applied = await setComplaintOpen(
      complaint.customerId,
      complaint.complaintId,
      open,
      complaint.version,
    );
    logger.info('open complaints kept', { complaintId: complaint.complaintId, open, applied });

    if (envelope.type !== 'complaint.resolved') return;
    const profile = await readCareProfile(complaint.customerId);
    if (!profile) return;
    // the event's own resolution instant: a later re-resolution has its own event and follow-up
    const resolvedAt = envelope.data.resolvedAt;
    const due = followUpDue({
      complaintId: complaint.complaintId,
      reference: complaint.reference,
      customerId: complaint.customerId,
      timeZone: profile.timeZone,
      resolvedAt,
    });
    const recorded = await recordFollowUp(due);
    logger.info('follow-up due', { complaintId: complaint.complaintId, dueDate: due.dueDate, recorded });
  },
);
