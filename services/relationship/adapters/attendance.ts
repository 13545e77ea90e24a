/**
 * Marks the customer's profile with their latest event attendance (an engagement sign for health).
 * A profile past its `expiresAt` is not marked, as if DynamoDB had purged it.
 */
import { ConditionalCheckFailedException, dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { customerProfileKey } from '#shared/tables/customers';
import { unexpiredFilter } from '#shared/tables/expiry';

export async function recordAttendance(customerId: string, at: string): Promise<boolean> {
  const unexpired = unexpiredFilter(new Date(at));
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName('Customers'),
        Key: customerProfileKey(customerId),
        UpdateExpression: 'SET lastEventAttendedAt = :at',
        ConditionExpression: `attribute_exists(pk) AND (${unexpired.expression})`,
        ExpressionAttributeValues: { ':at': at, ...unexpired.values },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
