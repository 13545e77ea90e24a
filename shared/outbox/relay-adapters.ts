/** The relay's ports on AWS SDK clients: EventBridge for publishing, DynamoDB for the markers. */

import { BatchGetCommand, dynamo, UpdateCommand } from '../aws/dynamo';
import { eventBridge, PutEventsCommand } from '../aws/event-bridge';
import { clock } from '../clock';
import { ENV, requiredEnv } from '../env';
import { eventIdOfOutboxKey, outboxKey } from './outbox-keys';
import type { OutboxPorts } from './relay';

export const awsOutboxPorts: OutboxPorts = {
  async publish(events) {
    const busName = requiredEnv(ENV.eventBusName);
    const result = await eventBridge().send(
      new PutEventsCommand({
        Entries: events.map((event) => ({
          EventBusName: busName,
          Source: event.source,
          DetailType: event.type,
          Time: new Date(event.occurredAt),
          Detail: JSON.stringify(event),
        })),
      }),
    );
    return events.map((_, i) => {
      const entry = result.Entries?.[i];
      return Boolean(entry?.EventId) && !entry?.ErrorCode;
    });
  },

  async alreadyPublished(table, eventIds) {
    const result = await dynamo().send(
      new BatchGetCommand({
        RequestItems: {
          [table]: {
            Keys: eventIds.map(outboxKey),
            ConsistentRead: true,
            ProjectionExpression: 'pk, publishedAt',
          },
        },
      }),
    );
    const published = new Set<string>();
    for (const item of result.Responses?.[table] ?? []) {
      if (item.publishedAt) published.add(eventIdOfOutboxKey(String(item.pk)));
    }
    // Unprocessed keys count as not published: at worst the event is sent again, never lost.
    return published;
  },

  async markPublished(table, eventIds) {
    const publishedAt = clock.now().toISOString();
    await Promise.all(
      eventIds.map((id) =>
        dynamo().send(
          new UpdateCommand({
            TableName: table,
            Key: outboxKey(id),
            UpdateExpression: 'SET publishedAt = :at',
            ExpressionAttributeValues: { ':at': publishedAt },
          }),
        ),
      ),
    );
  },
};
