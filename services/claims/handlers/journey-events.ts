/**
 * Follows each recorded core event (the claim's state, its stall check and the customer's notice),
 * and each change in a customer's relationship on the records of their claims journeys (their
 * retention). One function for both: the relationship changes are few, and a function of their
 * own would add its cold starts for them.
 */
import { coreEventOf } from '#shared/aws/journey-reader';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { followDeps, relationshipDeps } from '../adapters/deps';
import { followJourney } from '../domain/follow-journey';
import { followRelationship } from '../domain/follow-relationship';

const types = ['journey.event-recorded', 'customer.relationship-changed'] as const;

export const handler = sqsHandler(types, async ({ envelope }) => {
  if (envelope.type === 'customer.relationship-changed') {
    const outcome = await followRelationship(envelope.data.customerId, relationshipDeps);
    logger.info('relationship followed', { ...outcome });
    return;
  }
  const outcome = await followJourney(coreEventOf(envelope), envelope.correlationId, followDeps());
  logger.info('journey event', { type: envelope.data.type, eventId: envelope.data.eventId, outcome });
});
