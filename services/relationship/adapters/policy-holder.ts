/**
 * The customer a policy belongs to, by the Customers table's policy lookup (care's keys), for the
 * relationship consumers of core events, which name a policy and not its holder. A lookup past its
 * `expiresAt` (10 years after the relationship ended) names no one, as once DynamoDB has purged it.
 */
import { tableName } from '#shared/aws/dynamo';
import { getUnexpired } from '#shared/aws/unexpired-item';
import { customerLookupKey } from '#shared/tables/customers';

export async function customerOfPolicy(policyNumber: string, now: Date): Promise<string | undefined> {
  const lookup = await getUnexpired(
    { TableName: tableName('Customers'), Key: customerLookupKey.policy(policyNumber) },
    now,
  );
  return lookup?.customerId as string | undefined;
}
