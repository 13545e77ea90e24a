/**
 * Gives profiles written before the last-contact index (gsi8) its keys, and lists their months on
 * the TIMEZONES item, so "last contact" segments read only the months they need. A one-off pass
 * over the table (a migration, not a request path); idempotent: a profile already keyed is left
 * alone, and each write is conditioned on the contact and zone it was computed from, so a contact
 * or zone change racing it wins (its own write keys the profile).
 */
import { dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { scanPages } from '#shared/aws/dynamo-scan';
import type { CustomerProfileItem } from '#shared/contracts/customer-profile';
import {
  contactMonthKeys,
  customerProfileKey,
  lastContactDateOf,
  timeZonesKey,
} from '#shared/tables/customers';
import { effectiveTimeZone } from '../domain/preferences';

export async function backfillContactMonths(
  progress: (text: string) => void = () => {},
): Promise<{ keyed: number; raced: number }> {
  const table = tableName('Customers');
  let keyed = 0;
  let raced = 0;
  for await (const page of scanPages({
    TableName: table,
    FilterExpression: 'sk = :profile AND attribute_not_exists(gsi8pk)',
    ExpressionAttributeValues: { ':profile': 'PROFILE' },
  })) {
    const months = new Set<string>();
    for (const item of page as CustomerProfileItem[]) {
      const timeZone = effectiveTimeZone(item);
      const keys = contactMonthKeys({
        customerId: item.customerId,
        timeZone,
        lastContactAt: item.lastContactAt,
      });
      try {
        await dynamo().send(
          new UpdateCommand({
            TableName: table,
            Key: customerProfileKey(item.customerId),
            UpdateExpression: 'SET gsi8pk = :pk, gsi8sk = :sk',
            ConditionExpression: `attribute_not_exists(gsi8pk) AND ${
              item.lastContactAt ? 'lastContactAt = :at' : 'attribute_not_exists(lastContactAt)'
            }`,
            ExpressionAttributeValues: {
              ':pk': keys.gsi8pk,
              ':sk': keys.gsi8sk,
              ...(item.lastContactAt ? { ':at': item.lastContactAt } : {}),
            },
          }),
        );
        keyed++;
        if (item.lastContactAt) months.add(lastContactDateOf(item.lastContactAt, timeZone).slice(0, 7));
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        raced++;
      }
    }
    if (months.size)
      await dynamo().send(
        new UpdateCommand({
          TableName: table,
          Key: timeZonesKey,
          UpdateExpression: 'ADD contactMonths :months',
          ExpressionAttributeValues: { ':months': months },
        }),
      );
    progress(`keyed ${keyed} profiles`);
  }
  return { keyed, raced };
}
