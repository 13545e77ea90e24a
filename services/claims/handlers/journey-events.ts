/** Follows each recorded core event: the claim's state, its stall check and the customer's notice. */
import { coreEventOf } from '#shared/aws/journey-reader';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { followDeps } from '../adapters/deps';
import { followJourney } from '../domain/follow-journey';

export const handler = sqsHandler(['journey.event-recorded'], async ({ envelope }) => {
  const outcome = await followJourney(coreEventOf(envelope), envelope.correlationId, followDeps());
  logger.info('journey event', { type: envelope.data.type, eventId: envelope.data.eventId, outcome });
});
