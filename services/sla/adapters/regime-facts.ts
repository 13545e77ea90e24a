/**
 * What picks a complaint's regime, read from the Customers table through the care service's keys
 * (shared/tables/customers.ts): the product of its policy and the customer's jurisdiction, from
 * the time zone of their imported profile. The SLA service reads them here; intake reads the same
 * facts from the lookup items the import writes them on (`regimeFacts`), and here only for a
 * lookup written before it did. A profile or policy past its `expiresAt` gives no fact, as once
 * DynamoDB has purged it.
 */
import { tableName } from '#shared/aws/dynamo';
import { getUnexpired } from '#shared/aws/unexpired-item';
import { clock } from '#shared/clock';
import { customerProfileKey, policyKey } from '#shared/tables/customers';
import type { RegimeFacts } from '../domain/track-complaint';

/** The customer's jurisdiction, from the time zone on their profile. */
export function jurisdictionOf(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  if (timeZone === 'Europe/London') return 'GB';
  if (timeZone.startsWith('Australia/')) return 'AU';
  if (timeZone === 'Asia/Shanghai' || timeZone === 'Asia/Chongqing' || timeZone === 'Asia/Urumqi')
    return 'CN';
  return undefined;
}

export async function customerRegimeFacts(
  customerId: string | undefined,
  policyNumber: string | undefined,
): Promise<RegimeFacts> {
  if (!customerId) return {};
  const customers = tableName('Customers');
  const now = clock.now();
  const [profile, policyItem] = await Promise.all([
    getUnexpired(
      {
        TableName: customers,
        Key: customerProfileKey(customerId),
        ProjectionExpression: '#tz',
        ExpressionAttributeNames: { '#tz': 'timeZone' },
      },
      now,
    ),
    policyNumber
      ? getUnexpired(
          { TableName: customers, Key: policyKey(customerId, policyNumber), ProjectionExpression: 'product' },
          now,
        )
      : undefined,
  ]);
  return {
    jurisdiction: jurisdictionOf(profile?.timeZone as string | undefined),
    product: policyItem?.product as string | undefined,
  };
}
