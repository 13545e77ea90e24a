/**
 * The key a message is logged and reported under: the composed key (`<event>#<type>#<address>`,
 * domain/notification.ts) with the address replaced by its keyed hash (shared/pii, the hash the
 * tables' contact lookups use), so neither the Messages table's keys nor the `notification.*`
 * events' `key` carry an email address or phone number.
 *
 * Exactly-once across the deploy that brought this: a message logged before it is keyed by the
 * address. An event redelivered after the deploy (SQS at least once, a retried batch) must find
 * that message, not send it again under the new key: so the old key is read first, and a message
 * that has a life under it (sent, being sent, deferred) keeps it. That read can go once every queue
 * and DLQ holding events from before the deploy has turned over (SQS keeps a message 14 days at most).
 */
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import { keyedHash } from '#shared/pii';
import { messageKey as messageItemKey } from '#shared/tables/messages';
import type { NotificationRequest } from '../domain/notification';

export async function messageKeyOf(request: NotificationRequest): Promise<string> {
  const { address, channel } = request.recipient;
  const suffix = `#${address.toLowerCase()}`;
  // care messages are keyed by their dedupe key, which names no address
  if (!request.key.endsWith(suffix)) return request.key;
  const legacy = await dynamo().send(
    new GetCommand({
      TableName: tableName('Messages'),
      Key: messageItemKey(request.key),
      ProjectionExpression: 'pk',
      ConsistentRead: true,
    }),
  );
  if (legacy.Item) return request.key;
  const hash = await keyedHash(channel === 'sms' ? 'phone' : 'email', address);
  return `${request.key.slice(0, -suffix.length)}#${hash}`;
}
