/**
 * The one write that moves a journey record's relationship end (a core event, a claim's state):
 * `relationshipEndedAt` and `expiresAt` and nothing else, so a journey event's envelope and the
 * relay's `publishedAt` on it, and a claim state's stage and stall check, stay as they are.
 */
import { ConditionalCheckFailedException, dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import type { RelationshipEnd } from '../domain/relationship-end';

type Key = { readonly pk: string; readonly sk: string };

/** Whether the record changed: false when it had this end already, had none to remove, or is gone. */
export async function writeRelationshipEnd(key: Key, end: RelationshipEnd | undefined): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName('Customers'),
        Key: key,
        ...(end
          ? {
              UpdateExpression: 'SET relationshipEndedAt = :end, expiresAt = :expires',
              // never brings back a record deleted meanwhile (an erasure); a redelivery writes nothing
              ConditionExpression:
                'attribute_exists(pk) AND NOT (relationshipEndedAt = :end AND expiresAt = :expires)',
              ExpressionAttributeValues: { ':end': end.relationshipEndedAt, ':expires': end.expiresAt },
            }
          : {
              UpdateExpression: 'REMOVE relationshipEndedAt, expiresAt',
              // only an expiry the relationship set: a journey event is its own outbox item, and an
              // expiresAt of any other origin is not this write's to take away
              ConditionExpression: 'attribute_exists(relationshipEndedAt)',
            }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
