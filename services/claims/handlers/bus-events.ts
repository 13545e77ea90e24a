/**
 * The same core events from EventBridge, for insurers whose core systems publish there (source
 * `insurer.core`, detail-type = the event type, detail = the event body). An event that breaks the
 * contract fails with its field paths (never values) and reaches the DLQ; nothing of it is stored.
 */
import { sqsForeignEventHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { dynamoJourneyLog } from '../adapters/dynamo-journey-log';
import { checkCoreEvent } from '../domain/core-event';
import { recordCoreEvents } from '../domain/record-events';

export const CORE_EVENTS_SOURCE = 'insurer.core';

export const handler = sqsForeignEventHandler(async (busEvent) => {
  const checked = checkCoreEvent(busEvent.detail, 'detail');
  if (!checked.ok)
    throw new Error(
      `core event ${busEvent.id} is invalid: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    );
  const { duplicates } = await recordCoreEvents([checked.event], dynamoJourneyLog, busEvent.id);
  logger.info('core event', {
    type: checked.event.type,
    eventId: checked.event.eventId,
    duplicate: duplicates.length > 0,
  });
});
