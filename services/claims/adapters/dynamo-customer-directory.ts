/**
 * What the claims service reads of customers, in the Customers table the care service imports
 * them into (shared/tables/customers.ts): a policy's lookup item, and a customer's profile with
 * the policies beside it in their partition.
 */
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import { queryAll } from '#shared/aws/query-all';
import {
  customerItemsPartition,
  customerLookupKey,
  customerProfileKey,
  POLICY_PREFIX,
} from '#shared/tables/customers';
import type { CustomerDirectory } from '../domain/ports';

const endOf = (item: Record<string, unknown>) =>
  typeof item.relationshipEndedAt === 'string' ? { relationshipEndedAt: item.relationshipEndedAt } : {};

export const dynamoCustomerDirectory: CustomerDirectory = {
  async holderOf(policyNumber) {
    const { Item } = await dynamo().send(
      new GetCommand({
        TableName: tableName('Customers'),
        Key: customerLookupKey.policy(policyNumber),
        ProjectionExpression: 'customerId, relationshipEndedAt',
      }),
    );
    return Item ? { customerId: Item.customerId as string, ...endOf(Item) } : undefined;
  },

  async relationshipOf(customerId) {
    const table = tableName('Customers');
    // strongly consistent: the import that changed the relationship has just committed
    const [{ Item: profile }, policies] = await Promise.all([
      dynamo().send(
        new GetCommand({
          TableName: table,
          Key: customerProfileKey(customerId),
          ProjectionExpression: 'pk, relationshipEndedAt',
          ConsistentRead: true,
        }),
      ),
      queryAll({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :policy)',
        ExpressionAttributeValues: { ':pk': customerItemsPartition(customerId), ':policy': POLICY_PREFIX },
        ProjectionExpression: 'policyNumber',
        ConsistentRead: true,
      }),
    ]);
    if (!profile) return undefined;
    return { ...endOf(profile), policyNumbers: policies.map((p) => String(p.policyNumber)) };
  },
};
