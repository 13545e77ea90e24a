/**
 * Preferences on the profile item (`preferences` attribute, `preferencesVersion` for If-Match).
 * A new time zone moves the customer in every index keyed by zone in the same transaction: profile
 * keys (gsi1/gsi4/gsi5, the gsi9/gsi10 sort keys), each policy's gsi2/gsi3 sort keys and `timeZone`, and the zone joins
 * the set of zones the planner runs for. A reader never finds the customer under both zones. A
 * change of consent appends to the profile's consent history in the same write.
 */

import type * as z from 'zod/mini';
import {
  dynamo,
  GetCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  tableName,
} from '#shared/aws/dynamo';
import type { ImportedPolicy } from '#shared/contracts/customer-import';
import {
  consentHistoryUpdate,
  customerItemsPartition,
  customerProfileKey,
  POLICY_PREFIX,
  policyIndexKeys,
  policyKey,
  profileIndexKeys,
  scoreIndexSortKeys,
  timeZonesKey,
} from '#shared/tables/customers';
import { effectiveTimeZone, type PreferencesStore, type StoredProfile } from '../domain/preferences';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Policy = z.infer<typeof ImportedPolicy>;

export const dynamoPreferencesStore: PreferencesStore = {
  async read(customerId) {
    const result = await dynamo().send(
      new GetCommand({
        TableName: tableName('Customers'),
        Key: customerProfileKey(customerId),
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return undefined;
    const { preferencesVersion, ...item } = result.Item;
    return { item: item as StoredProfile['item'], version: Number(preferencesVersion ?? 0) };
  },

  async write(current, preferences, changes) {
    const table = tableName('Customers');
    const { customerId } = current.item;
    const fromZone = effectiveTimeZone(current.item);
    const toZone = effectiveTimeZone({ timeZone: current.item.timeZone, preferences });
    const moves = toZone !== fromZone;

    // the NPS and health sort keys too (their partitions, the scores, stay: relationship's)
    const indexKeys = moves
      ? {
          ...profileIndexKeys({
            customerId,
            timeZone: toZone,
            birthDate: current.item.birthDate,
            lastContactAt: current.item.lastContactAt,
          }),
          ...scoreIndexSortKeys(customerId, toZone),
        }
      : {};
    const names: Record<string, string> = { '#p': 'preferences', '#v': 'preferencesVersion' };
    const values: Record<string, unknown> = { ':p': preferences, ':next': current.version + 1 };
    const sets = ['#p = :p', '#v = :next'];
    Object.entries(indexKeys).forEach(([name, value], i) => {
      names[`#k${i}`] = name;
      values[`:k${i}`] = value;
      sets.push(`#k${i} = :k${i}`);
    });
    // the consent history in the same write as the consents, so they never disagree; the version
    // condition below is what lets it rewrite the history read once it is full
    if (changes.length > 0) {
      const history = consentHistoryUpdate(current.item.consentHistory, changes);
      Object.assign(names, history.names);
      Object.assign(values, history.values);
      sets.push(history.set);
    }
    // the version guards against a concurrent preferences write; the import hash against an
    // import that added or dropped policies after we listed them (they would keep the old zone)
    const conditions = [current.version === 0 ? 'attribute_not_exists(#v)' : '#v = :seen'];
    if (current.version !== 0) values[':seen'] = current.version;
    if (current.item.importHash !== undefined) {
      names['#h'] = 'importHash';
      values[':hash'] = current.item.importHash;
      conditions.push('#h = :hash');
    }

    const items: TransactItem[] = [
      {
        Update: {
          TableName: table,
          Key: customerProfileKey(customerId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `attribute_exists(pk) AND ${conditions.join(' AND ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
    ];
    if (moves) {
      items.push({
        Update: {
          TableName: table,
          Key: timeZonesKey,
          UpdateExpression: 'ADD zones :zone',
          ExpressionAttributeValues: { ':zone': new Set([toZone]) },
        },
      });
      for (const policy of await policiesOf(table, customerId)) {
        const keys = policyIndexKeys(customerId, toZone, policy);
        const policyNames: Record<string, string> = { '#tz': 'timeZone' };
        const policyValues: Record<string, unknown> = { ':tz': toZone };
        const policySets = ['#tz = :tz'];
        Object.entries(keys).forEach(([name, value], i) => {
          policyNames[`#k${i}`] = name;
          policyValues[`:k${i}`] = value;
          policySets.push(`#k${i} = :k${i}`);
        });
        items.push({
          Update: {
            TableName: table,
            Key: policyKey(customerId, policy.policyNumber),
            UpdateExpression: `SET ${policySets.join(', ')}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: policyNames,
            ExpressionAttributeValues: policyValues,
          },
        });
      }
    }
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')
      )
        return false;
      throw error;
    }
  },
};

async function policiesOf(table: string, customerId: string): Promise<Policy[]> {
  const policies: Policy[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :policy)',
        ExpressionAttributeValues: { ':pk': customerItemsPartition(customerId), ':policy': POLICY_PREFIX },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    policies.push(...((page.Items ?? []) as Policy[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return policies;
}
