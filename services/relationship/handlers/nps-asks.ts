/**
 * relationship-nps-asks: asks for an NPS answer after a complaint's resolution and a claim's
 * payment (customer events ask after check-in, services/relationship/domain/customer-events.ts).
 * The 90-day cap is a conditional write, so a repeated delivery asks nothing the second time.
 * The same queue carries a large segment's event invitations, a page per message
 * (`customer-event.invitations-requested`; no function or queue of their own). A policy lookup or
 * profile past its `expiresAt` names no one to ask, as once DynamoDB has purged it.
 */

import { readComplaint } from '#shared/aws/complaint-reader';
import { clock } from '#shared/clock';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { eventDeps, npsDeps } from '../adapters/deps';
import { customerOfPolicy } from '../adapters/policy-holder';
import { inviteSegmentPage } from '../domain/customer-events';
import { askForNps } from '../domain/nps';

const types = [
  'complaint.resolved',
  'journey.event-recorded',
  'customer-event.invitations-requested',
] as const;

export const handler = sqsHandler(types, async ({ envelope }) => {
  if (envelope.type === 'customer-event.invitations-requested') {
    const { eventId, segmentId, offset } = envelope.data;
    const page = await inviteSegmentPage(eventId, segmentId, offset, eventDeps);
    logger.info('event invitations page', { eventId, offset, ...page });
    return;
  }
  if (envelope.type === 'complaint.resolved') {
    const complaint = await readComplaint(envelope.data.complaintId);
    if (!complaint?.customerId) return;
    const outcome = await askForNps(
      { customerId: complaint.customerId, touchpoint: 'resolution', subject: complaint.complaintId },
      npsDeps,
    );
    logger.info('nps ask', { touchpoint: 'resolution', complaintId: complaint.complaintId, outcome });
    return;
  }
  const core = envelope.data;
  if (core.type !== 'claim.paid') return;
  const customerId = await customerOfPolicy(core.policyNumber, clock.now());
  if (!customerId) return;
  const outcome = await askForNps(
    { customerId, touchpoint: 'claim-payment', subject: core.claimNumber ?? core.policyNumber },
    npsDeps,
  );
  logger.info('nps ask', { touchpoint: 'claim-payment', eventId: core.eventId, outcome });
});
