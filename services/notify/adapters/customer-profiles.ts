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
import {
  type ConsentActor,
  type ConsentChange,
  consentWithdrawalUpdates,
  customerProfileKey,
} from '#shared/tables/customers';

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
 * Sets `preferences.consent.<kind> = false` (and who and when) and appends the change to the
 * profile's consent history, and nothing else, through the updates the care service's table module
 * builds for it (most specific first, each guarded by the profile shape it assumes and the
 * preferences version read). The privacy office's withdraw-consent request withdraws through here
 * too, as its own actor.
 */
export async function withdrawConsent(
  customerId: string,
  kind: WithdrawableConsent,
  at: Date,
  actor: ConsentActor = { by: UNSUBSCRIBE_ACTOR, via: 'unsubscribe' },
): Promise<WithdrawOutcome> {
  const table = tableName('Customers');
  const Key = customerProfileKey(customerId);
  // a preferences change between our read and our write moves the version: read again
  for (let round = 0; round < 5; round++) {
    const current = await getUnexpired(
      {
        TableName: table,
        Key,
        ProjectionExpression: 'pk, preferences.consent, preferencesVersion, consentHistory',
        ConsistentRead: true,
      },
      at,
    );
    if (!current) return 'unknown-customer';
    if (current.preferences?.consent?.[kind] === false) return 'already-withdrawn';
    const seen = {
      version: Number(current.preferencesVersion ?? 0),
      history: current.consentHistory as ConsentChange[] | undefined,
    };
    for (const attempt of consentWithdrawalUpdates(kind, at.toISOString(), actor, seen)) {
      try {
        await dynamo().send(new UpdateCommand({ TableName: table, Key, ...attempt }));
        return 'withdrawn';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
  // the profile vanished meanwhile (or changes faster than we can write): nothing to withdraw
  return 'unknown-customer';
}
