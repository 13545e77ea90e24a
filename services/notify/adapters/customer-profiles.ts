/**
 * The customer profile as notify needs it, read fresh from the Customers table (owned by the care
 * service), and the one change notify makes to it: a consent withdrawn through an unsubscribe link.
 * A profile past its `expiresAt` (10 years after the relationship ended) is no profile: notify
 * treats its customer as unknown, as once DynamoDB has purged it.
 */
import { ConditionalCheckFailedException, dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { getUnexpired } from '#shared/aws/unexpired-item';
import { clock } from '#shared/clock';
import {
  type CustomerProfileItem,
  type EffectiveProfile,
  effectiveProfile,
  type WithdrawableConsent,
} from '#shared/contracts/customer-profile';
import { consentWithdrawalUpdates, customerProfileKey } from '#shared/tables/customers';

export const UNSUBSCRIBE_ACTOR = 'customer:unsubscribe';

export async function readEffectiveProfile(customerId: string): Promise<EffectiveProfile | undefined> {
  const found = await getUnexpired(
    { TableName: tableName('Customers'), Key: customerProfileKey(customerId), ConsistentRead: true },
    clock.now(),
  );
  return found ? effectiveProfile(found as CustomerProfileItem) : undefined;
}

export type WithdrawOutcome = 'withdrawn' | 'already-withdrawn' | 'unknown-customer';

/**
 * Sets `preferences.consent.<kind> = false` (and who and when) and nothing else, through the
 * updates the care service's table module builds for it (most specific first, each guarded by the
 * profile shape it assumes).
 */
export async function withdrawConsent(
  customerId: string,
  kind: WithdrawableConsent,
  at: Date,
): Promise<WithdrawOutcome> {
  const table = tableName('Customers');
  const Key = customerProfileKey(customerId);
  const current = await getUnexpired(
    { TableName: table, Key, ProjectionExpression: 'pk, preferences.consent', ConsistentRead: true },
    at,
  );
  if (!current) return 'unknown-customer';
  if (current.preferences?.consent?.[kind] === false) return 'already-withdrawn';

  const attempts = consentWithdrawalUpdates(kind, at.toISOString(), UNSUBSCRIBE_ACTOR);
  for (let round = 0; round < 2; round++) {
    for (const attempt of attempts) {
      try {
        await dynamo().send(new UpdateCommand({ TableName: table, Key, ...attempt }));
        return 'withdrawn';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
  // the profile vanished meanwhile (or changes shape faster than we can write): nothing to withdraw
  return 'unknown-customer';
}
