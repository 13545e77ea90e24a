/** Marks the customer's profile with their latest event attendance (an engagement sign for health). */
import { ConditionalCheckFailedException, dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { customerProfileKey } from '#shared/tables/customers';

export async function recordAttendance(customerId: string, at: string): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName('Customers'),
        Key: customerProfileKey(customerId),
        UpdateExpression: 'SET lastEventAttendedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
