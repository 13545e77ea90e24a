/**
 * Journey events in the Customers table: each core event is one item, which is also the outbox
 * item that publishes it as journey.event-recorded (shared/tables/claims.ts). Recording is a
 * conditional put on a key derived from the core event id, so a redelivered event writes nothing.
 */
import {
  BatchGetCommand,
  ConditionalCheckFailedException,
  dynamo,
  PutCommand,
  QueryCommand,
  tableName,
} from '#shared/aws/dynamo';
import type { CoreEvent } from '#shared/contracts/core-events';
import { buildEvent, type EventEnvelope } from '#shared/contracts/events/index';
import { OUTBOX_KIND } from '#shared/outbox/outbox-keys';
import { journeyEnvelopeId, journeyEventKey, journeyPartition, journeySortKey } from '#shared/tables/claims';
import type { JourneyEventLog } from '../domain/ports';

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

/** The core event an outbox item carries (its empty `data` left out when stored). */
export const coreEventOf = (envelope: { data: Record<string, unknown> }): CoreEvent =>
  ({ ...envelope.data, data: envelope.data.data ?? {} }) as CoreEvent;

const BATCH_GET_MAX = 100;

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

  async eventsOf(policyNumber) {
    const table = tableName('Customers');
    const keys: Record<string, unknown>[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi6',
          KeyConditionExpression: 'gsi6pk = :pk',
          ExpressionAttributeValues: { ':pk': journeyPartition(policyNumber) },
          ExclusiveStartKey: cursor,
        }),
      );
      for (const item of page.Items ?? []) keys.push({ pk: item.pk, sk: item.sk });
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    const events: CoreEvent[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
      let request: Record<string, unknown>[] | undefined = keys.slice(i, i + BATCH_GET_MAX);
      while (request?.length) {
        const result = await dynamo().send(
          new BatchGetCommand({
            RequestItems: {
              [table]: {
                Keys: request,
                ProjectionExpression: '#e',
                ExpressionAttributeNames: { '#e': 'event' },
              },
            },
          }),
        );
        for (const item of result.Responses?.[table] ?? [])
          events.push(coreEventOf(item.event as EventEnvelope));
        request = result.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return events;
  },
};
