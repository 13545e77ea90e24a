/**
 * Finds the customer behind a policy number or phone through the Customers table's lookup items.
 * A lookup past its `expiresAt` (10 years after the customer's relationship ended) names no one,
 * as if DynamoDB had already purged it: the complaint is then from an unknown customer.
 */
import { BatchGetCommand, dynamo, tableName } from '#shared/aws/dynamo';
import { clock } from '#shared/clock';
import { customerLookupKey, isPolicyLookup } from '#shared/tables/customers';
import { hasExpired } from '#shared/tables/expiry';
import type { CustomerDirectory } from '../domain/ports';

export const dynamoCustomerDirectory: CustomerDirectory = {
  async findCustomerId(policyNumber, phoneHash) {
    const keys = [
      ...(policyNumber ? [customerLookupKey.policy(policyNumber)] : []),
      ...(phoneHash ? [customerLookupKey.phone(phoneHash)] : []),
    ];
    if (keys.length === 0) return undefined;
    const table = tableName('Customers');
    const result = await dynamo().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }));
    const now = clock.now();
    const found = (result.Responses?.[table] ?? []).filter((item) => !hasExpired(item, now));
    // the policy names the customer more precisely than a phone shared by a household
    const byPolicy = found.find((item) => isPolicyLookup(item.pk));
    return (byPolicy ?? found[0])?.customerId as string | undefined;
  },
};
