/**
 * The customer profile as notify needs it, read fresh from the Customers table (owned by the care
 * service), and the one change notify makes to it: a consent withdrawn through an unsubscribe link.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../../shared/aws/clients';
import { customerProfileKey } from '../../../shared/contracts/customer-directory';
import {
  type ConsentKind,
  type CustomerProfileItem,
  type EffectiveProfile,
  effectiveProfile,
} from '../../../shared/contracts/customer-profile';

export const UNSUBSCRIBE_ACTOR = 'customer:unsubscribe';

export async function readEffectiveProfile(customerId: string): Promise<EffectiveProfile | undefined> {
  const found = await dynamo().send(
    new GetCommand({
      TableName: tableName('Customers'),
      Key: customerProfileKey(customerId),
      ConsistentRead: true,
    }),
  );
  return found.Item ? effectiveProfile(found.Item as CustomerProfileItem) : undefined;
}

export type WithdrawOutcome = 'withdrawn' | 'already-withdrawn' | 'unknown-customer';

/**
 * Sets `preferences.consent.<kind> = false` (and who and when) and nothing else: imported fields
 * and other preferences stay as they are. A profile may have no `preferences` map yet, or one
 * without `consent`, and DynamoDB cannot set a path under a map that does not exist; so the most
 * specific write is tried first, each guarded by the shape it assumes, and a concurrent change of
 * shape just moves on to the next.
 */
export async function withdrawConsent(
  customerId: string,
  kind: ConsentKind,
  at: Date,
): Promise<WithdrawOutcome> {
  const table = tableName('Customers');
  const Key = customerProfileKey(customerId);
  const current = await dynamo().send(
    new GetCommand({
      TableName: table,
      Key,
      ProjectionExpression: 'pk, preferences.consent',
      ConsistentRead: true,
    }),
  );
  if (!current.Item) return 'unknown-customer';
  if (current.Item.preferences?.consent?.[kind] === false) return 'already-withdrawn';

  // the version an admin's If-Match on the preferences route compares against moves too
  const stamp = { ':at': at.toISOString(), ':by': UNSUBSCRIBE_ACTOR, ':one': 1 };
  const attempts = [
    {
      UpdateExpression:
        'SET preferences.consent.#kind = :false, preferences.updatedAt = :at, preferences.updatedBy = :by ADD preferencesVersion :one',
      ConditionExpression: 'attribute_exists(pk) AND attribute_type(preferences.consent, :map)',
      ExpressionAttributeNames: { '#kind': kind },
      ExpressionAttributeValues: { ...stamp, ':false': false, ':map': 'M' },
    },
    {
      UpdateExpression:
        'SET preferences.consent = :consent, preferences.updatedAt = :at, preferences.updatedBy = :by ADD preferencesVersion :one',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_type(preferences, :map) AND attribute_not_exists(preferences.consent)',
      ExpressionAttributeValues: { ...stamp, ':consent': { [kind]: false }, ':map': 'M' },
    },
    {
      UpdateExpression: 'SET preferences = :preferences ADD preferencesVersion :one',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(preferences)',
      ExpressionAttributeValues: {
        ':one': 1,
        ':preferences': { consent: { [kind]: false }, updatedAt: stamp[':at'], updatedBy: UNSUBSCRIBE_ACTOR },
      },
    },
  ];
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
