/**
 * Finds the customer behind a policy number or phone through the Customers table's lookup items.
 * A lookup past its `expiresAt` (10 years after the customer's relationship ended) names no one,
 * as if DynamoDB had already purged it: the complaint is then from an unknown customer.
 *
 * The lookups written by the import carry the facts of the customer's regime (`regimeFacts`,
 * shared/tables/customers.ts), so a known customer's complaint reads nothing more before its
 * transaction. A lookup written before they were carried has none: the facts are then read from
 * the customer's profile and policy (the SLA service's reader), one round later.
 */
import { BatchGetCommand, dynamo, tableName } from '#shared/aws/dynamo';
import { clock } from '#shared/clock';
import { customerLookupKey, isPolicyLookup, type LookupRegimeFacts } from '#shared/tables/customers';
import { hasExpired } from '#shared/tables/expiry';
import { jurisdictionOf } from '../../sla/adapters/regime-facts';
import type { RegimeFacts } from '../../sla/domain/track-complaint';
import type { CustomerDirectory } from '../domain/ports';

export const dynamoCustomerDirectory: CustomerDirectory = {
  async findCustomer(policyNumber, phoneHash) {
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
    const lookup = byPolicy ?? found[0];
    if (!lookup) return undefined;
    return {
      customerId: String(lookup.customerId),
      regimeFacts: regimeFactsOf(lookup.regimeFacts as LookupRegimeFacts | undefined, {
        byPolicy: byPolicy !== undefined,
        policyNamed: policyNumber !== undefined,
      }),
    };
  },
};

/**
 * The facts as `customerRegimeFacts` would read them for this customer and policy. Found by the
 * policy: its lookup carries the policy's product. Found by the phone while the complaint names a
 * policy: that policy has no live lookup, and the import writes a policy's item and lookup
 * together (same end, same erasure), so the customer has no such policy item: no product, as the
 * reader would find. Undefined when the lookup carries no facts (written before them).
 */
function regimeFactsOf(
  facts: LookupRegimeFacts | undefined,
  how: { byPolicy: boolean; policyNamed: boolean },
): RegimeFacts | undefined {
  if (!facts) return undefined;
  return {
    jurisdiction: jurisdictionOf(facts.timeZone),
    product: how.byPolicy && how.policyNamed ? facts.product : undefined,
  };
}
