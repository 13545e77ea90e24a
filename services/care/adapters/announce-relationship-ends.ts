/**
 * Publishes `customer.relationship-changed` for every profile whose relationship has ended, so the
 * records that name the customer (complaint links, article claims, claims journeys and claim
 * states) take the end the import wrote on the profile before anything followed it. A one-off pass
 * (a migration, not a request path). Safe to run again: each consumer reads the profile's current
 * end and writes only what differs, so a second announcement changes nothing.
 */
import { dynamo, TransactWriteCommand, tableName } from '#shared/aws/dynamo';
import { scanPages } from '#shared/aws/dynamo-scan';
import { buildEvent } from '#shared/contracts/events/index';
import { outboxPut } from '#shared/outbox/outbox';

export async function announceRelationshipEnds(
  progress: (text: string) => void = () => {},
): Promise<{ announced: number }> {
  const table = tableName('Customers');
  let announced = 0;
  for await (const page of scanPages({
    TableName: table,
    // ids and dates only: the pass reads no personal data
    ProjectionExpression: 'customerId, relationshipEndedAt, expiresAt',
    FilterExpression: 'sk = :profile AND attribute_exists(relationshipEndedAt)',
    ExpressionAttributeValues: { ':profile': 'PROFILE' },
  })) {
    for (const item of page) {
      const event = buildEvent(
        'customer.relationship-changed',
        {
          customerId: String(item.customerId),
          endedAt: String(item.relationshipEndedAt),
          expiresAt: typeof item.expiresAt === 'number' ? item.expiresAt : null,
        },
        String(item.customerId),
      );
      // through the table's outbox, as the import publishes it: the relay puts it on the bus
      await dynamo().send(new TransactWriteCommand({ TransactItems: [outboxPut(table, event)] }));
      announced++;
    }
    progress(`${announced} ended relationships announced`);
  }
  return { announced };
}
