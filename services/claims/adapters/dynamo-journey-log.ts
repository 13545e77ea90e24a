/**
 * Journey events in the Customers table: each core event is one item, which is also the outbox
 * item that publishes it as journey.event-recorded (shared/tables/claims.ts). Recording is a
 * conditional put on a key derived from the core event id, so a redelivered event writes nothing.
 * Unlike the table's other outbox items it has no `expiresAt` of the outbox's week: it is a record
 * of the insurer's business, and expires only with its customer's relationship (relationship-end.ts).
 */
import { ConditionalCheckFailedException, dynamo, PutCommand, tableName } from '#shared/aws/dynamo';
import { readJourneyEvents } from '#shared/aws/journey-reader';
import type { CoreEvent } from '#shared/contracts/core-events';
import { buildEvent, type EventEnvelope } from '#shared/contracts/events/index';
import { OUTBOX_KIND } from '#shared/outbox/outbox-keys';
import { journeyEnvelopeId, journeyEventKey, journeyPartition, journeySortKey } from '#shared/tables/claims';
import type { JourneyEventLog } from '../domain/ports';
import { writeRelationshipEnd } from './relationship-end-writes';

/** The item a core event is stored as; exported for the bench, which loads and counts the same. */
export function journeyEventItem(event: CoreEvent, correlationId: string) {
  const { data, ...fields } = event;
  const envelope: EventEnvelope = {
    ...buildEvent('journey.event-recorded', Object.keys(data).length ? event : fields, correlationId),
    id: journeyEnvelopeId(event.eventId),
  };
  return {
    ...journeyEventKey(event.eventId),
    kind: OUTBOX_KIND,
    event: envelope,
    gsi6pk: journeyPartition(event.policyNumber),
    gsi6sk: journeySortKey(event.occurredAt, event.eventId),
  };
}

export const dynamoJourneyLog: JourneyEventLog = {
  async record(event, correlationId) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName('Customers'),
          Item: journeyEventItem(event, correlationId),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  eventsOf: readJourneyEvents,

  setRelationshipEnd: (eventId, end) => writeRelationshipEnd(journeyEventKey(eventId), end),
};
