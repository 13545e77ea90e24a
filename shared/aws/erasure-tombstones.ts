/**
 * Whether a person was erased (services/privacy writes a tombstone per customer id and per keyed
 * phone or email hash): writers of personal data on the paths a replayed old event or import takes
 * check here first, so an erasure is not undone. The function needs `Privacy: 'read'`.
 */
import { erasureTombstoneKey } from '../tables/privacy';
import { BatchGetCommand, dynamo, tableName } from './dynamo';

export async function isErased(person: {
  customerId?: string;
  phoneHash?: string;
  emailHash?: string;
}): Promise<boolean> {
  const keys = [
    ...(person.customerId ? [erasureTombstoneKey.customer(person.customerId)] : []),
    ...(person.phoneHash ? [erasureTombstoneKey.contact('phone', person.phoneHash)] : []),
    ...(person.emailHash ? [erasureTombstoneKey.contact('email', person.emailHash)] : []),
  ];
  if (keys.length === 0) return false;
  const table = tableName('Privacy');
  for (let pending: Record<string, unknown>[] = keys; pending.length > 0; ) {
    const { Responses, UnprocessedKeys } = await dynamo().send(
      new BatchGetCommand({
        RequestItems: { [table]: { Keys: pending, ProjectionExpression: 'pk', ConsistentRead: true } },
      }),
    );
    if ((Responses?.[table]?.length ?? 0) > 0) return true;
    pending = (UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
  }
  return false;
}
