/**
 * What picks a complaint's regime, read from the Customers table through the care service's keys
 * (shared/tables/customers.ts): the product of its policy and the customer's jurisdiction, from
 * the time zone of their imported profile. One reader for the SLA service and for intake, which
 * decides the regime when it files the complaint, so both read the same facts the same way.
 */
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
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
  const [profile, policyItem] = await Promise.all([
    dynamo().send(
      new GetCommand({
        TableName: customers,
        Key: customerProfileKey(customerId),
        ProjectionExpression: '#tz',
        ExpressionAttributeNames: { '#tz': 'timeZone' },
      }),
    ),
    policyNumber
      ? dynamo().send(
          new GetCommand({
            TableName: customers,
            Key: policyKey(customerId, policyNumber),
            ProjectionExpression: 'product',
          }),
        )
      : undefined,
  ]);
  return {
    jurisdiction: jurisdictionOf(profile.Item?.timeZone as string | undefined),
    product: policyItem?.Item?.product as string | undefined,
  };
}
