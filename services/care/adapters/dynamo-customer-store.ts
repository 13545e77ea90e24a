/**
 * Customers in the Customers table. A profile item per customer (birthday and last-contact index
 * keys), an item per policy (premium-due and anniversary index keys) and the lookup items other
 * services find a customer by. Writing an identical import again changes nothing: the profile
 * keeps a hash of the imported line and the write is skipped when it matches. A write that moves
 * the end of the customer's relationship puts `customer.relationship-changed` in the table's
 * outbox in the same transaction.
 */
import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  dynamo,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  tableName,
  UpdateCommand,
} from '#shared/aws/dynamo';
import { isErased } from '#shared/aws/erasure-tombstones';
import { clock } from '#shared/clock';
import type { ImportedCustomer } from '#shared/contracts/customer-import';
import { buildEvent } from '#shared/contracts/events/index';
import { outboxPut } from '#shared/outbox/outbox';
import { keyedHash } from '#shared/pii';
import {
  customerItemsPartition,
  customerLookupKey,
  customerProfileKey,
  healthIndexKeys,
  isPolicyKey,
  isProfileKey,
  npsIndexKeys,
  policyFacts,
  policyIndexKeys,
  policyKey,
  profileIndexKeys,
  SCORE_KEYS_ZONED,
  scoreIndexSortKeys,
  segmentIndexKeys,
  timeZonesKey,
} from '#shared/tables/customers';
import type { CustomerStore, UpsertOutcome } from '../domain/customer-import';
import { relationshipEndedOn, relationshipEndOf } from '../domain/relationship-end';

/** Index keys a profile may no longer have (no birth date, no contact) are removed, not left stale. */
const UNSET_PROFILE_INDEX = { gsi1pk: undefined, gsi1sk: undefined, gsi4pk: undefined, gsi4sk: undefined };

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit on the items of one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

/**
 * Moves when what an import derives from a line changes (v2: the segment facts and index; v3: the
 * regime facts on the lookups), so the next import of an unchanged line writes the profile and
 * its lookups again instead of skipping it: that import is the backfill of the lookups' facts.
 */
const DERIVATION = 'v3';

/** What the profile's `importHash` holds (benches that bulk-load profiles mirror it). */
export function importHash(customer: ImportedCustomer): string {
  return createHash('sha256').update(DERIVATION).update(JSON.stringify(customer)).digest('base64url');
}

export const dynamoCustomerStore: CustomerStore = {
  // once per import, before any customer of these zones is written: every transaction of an
  // import writing the one TIMEZONES item would make them conflict with each other on DynamoDB
  // (TransactionConflictException) and serialize the import. A zone listed before its customers
  // exist only makes the planner find nobody there for a moment.
  async registerTimeZones(zones, contactMonths = new Set()) {
    if (zones.size === 0) return;
    const registered = await dynamo().send(
      new UpdateCommand({
        TableName: tableName('Customers'),
        Key: timeZonesKey,
        UpdateExpression: `ADD zones :zones${contactMonths.size ? ', contactMonths :months' : ''}`,
        ExpressionAttributeValues: {
          ':zones': new Set(zones),
          ...(contactMonths.size ? { ':months': new Set(contactMonths) } : {}),
        },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    // The first zone ever registered: every profile comes after it, written with zoned NPS and
    // health sort keys, so a new stage needs no backfill before segments read zone ranges.
    if (registered.Attributes?.zones === undefined) await markScoreKeysZoned();
  },

  async upsert(customer) {
    const table = tableName('Customers');
    const hash = importHash(customer);
    const profileKey = customerProfileKey(customer.customerId);
    // one read for the profile and the policies: they share the customer's partition
    const stored = await customerPartition(table, customer.customerId);
    const existing = { Item: stored.profile };
    if (existing.Item?.importHash === hash) return 'unchanged';

    const phoneHash = customer.phone ? await keyedHash('phone', customer.phone) : undefined;
    // an erased customer stays erased: their old line sent again writes nothing (the privacy
    // tombstone). By id only: a phone number passed on to someone else is theirs to import
    if (!existing.Item && (await isErased({ customerId: customer.customerId }))) return 'unchanged';
    const importedPolicies = new Set(customer.policies.map((p) => p.policyNumber));
    const stalePolicies = stored.policyNumbers.filter((n) => !importedPolicies.has(n));
    const { policies, ...imported } = customer;
    // the customer's own time zone wins over the imported one; the latest contact wins
    const effectiveTimeZone: string = existing.Item?.preferences?.timeZone ?? customer.timeZone;
    const lastContactAt = [imported.lastContactAt, existing.Item?.lastContactAt]
      .filter((v): v is string => typeof v === 'string')
      .sort()
      .at(-1);
    const facts = policyFacts(policies);
    // the end of the relationship and the retention end it starts, on every item the import writes
    // for the customer; a line showing it has not ended (a policy back in force) takes both away:
    // the profile's Update REMOVEs them and the other items are Put whole without them
    const endedOn = relationshipEndedOn(policies);
    const now = clock.now();
    const endOf = (kind: Parameters<typeof relationshipEndOf>[0]) =>
      relationshipEndOf(kind, endedOn, now) ?? {};
    // the records other services keep naming the customer follow the end: the event says it
    // moved, with the profile's write (a new profile publishes only when it starts ended)
    const endMoved = existing.Item?.relationshipEndedAt !== endedOn;
    const profile = { ...imported, lastContactAt, ...facts };
    const items: TransactItem[] = [
      {
        // an Update, not a Put: the customer's own preferences and the open complaints the care
        // service keeps on the profile are not the import's to overwrite
        Update: {
          TableName: table,
          Key: profileKey,
          ...profileUpdate(
            {
              ...profile,
              kind: 'customer',
              phoneHash,
              importHash: hash,
              relationshipEndedAt: undefined,
              expiresAt: undefined,
              ...endOf('customer'),
              ...UNSET_PROFILE_INDEX,
              ...profileIndexKeys({ ...profile, timeZone: effectiveTimeZone }),
              ...segmentIndexKeys({ ...profile, annualPremium: facts.annualPremium }),
              // the NPS and health sort keys follow the zone (the partitions are the scores',
              // relationship's to move); a new profile has no answer nor health yet: the sentinels
              ...(existing.Item
                ? scoreIndexSortKeys(customer.customerId, effectiveTimeZone)
                : {
                    ...npsIndexKeys(customer.customerId, effectiveTimeZone),
                    ...healthIndexKeys(customer.customerId, effectiveTimeZone),
                  }),
            },
            existing.Item
              ? {
                  names: { '#tz': 'timeZone' },
                  values: { ':previous': existing.Item.importHash, ':tz': effectiveTimeZone },
                }
              : {},
          ),
          // two imports of the same customer racing, or a preferences change moving the customer to
          // another time zone meanwhile: the later write must not be lost silently
          ConditionExpression: existing.Item
            ? 'importHash = :previous AND (attribute_not_exists(preferences.#tz) OR preferences.#tz = :tz)'
            : 'attribute_not_exists(pk)',
        },
      },
      ...policies.flatMap((policy): TransactItem[] => [
        {
          Put: {
            TableName: table,
            Item: {
              ...policyKey(customer.customerId, policy.policyNumber),
              kind: 'policy',
              customerId: customer.customerId,
              ...policy,
              timeZone: effectiveTimeZone,
              ...policyIndexKeys(customer.customerId, effectiveTimeZone, policy),
              ...endOf('policy'),
            },
          },
        },
        {
          Put: {
            TableName: table,
            Item: {
              ...customerLookupKey.policy(policy.policyNumber),
              kind: 'lookup',
              customerId: customer.customerId,
              regimeFacts: { timeZone: customer.timeZone, product: policy.product },
              ...endOf('policy-lookup'),
            },
          },
        },
      ]),
      ...(phoneHash
        ? [
            {
              Put: {
                TableName: table,
                Item: {
                  ...customerLookupKey.phone(phoneHash),
                  kind: 'lookup',
                  customerId: customer.customerId,
                  regimeFacts: { timeZone: customer.timeZone },
                  ...endOf('phone-lookup'),
                },
              },
            },
          ]
        : []),
      ...(endMoved
        ? [
            outboxPut(
              table,
              buildEvent(
                'customer.relationship-changed',
                {
                  customerId: customer.customerId,
                  endedAt: endedOn ?? null,
                  expiresAt: relationshipEndOf('customer', endedOn, now)?.expiresAt ?? null,
                },
                customer.customerId,
              ),
            ),
          ]
        : []),
    ];
    const staleDeletes = stalePolicies.map(
      (policyNumber): TransactItem => ({
        Delete: { TableName: table, Key: policyKey(customer.customerId, policyNumber) },
      }),
    );
    // 40 policies replaced by 40 others would not fit in one transaction: the policies dropped go
    // first then, in their own. A failure after it leaves them deleted, which the line asked for;
    // the retry reads the partition again and writes the rest
    // A dropped policy's lookup stays (it still names the customer) but its regime facts go: the
    // policy's item, where the SLA service reads the product, is deleted. First, on its own: a
    // lookup another customer's import took meanwhile is left alone (the condition), and a failure
    // after it only sends intake to the reads it did before the facts were carried.
    await Promise.all(
      stalePolicies.map((policyNumber) => dropLookupFacts(table, policyNumber, customer.customerId)),
    );
    if (items.length + staleDeletes.length <= MAX_TRANSACTION_ITEMS) items.push(...staleDeletes);
    else await dynamo().send(new TransactWriteCommand({ TransactItems: staleDeletes }));
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const raced =
        error instanceof ConditionalCheckFailedException ||
        (error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed');
      if (raced) return dynamoCustomerStore.upsert(customer);
      throw error;
    }
    return existing.Item ? 'updated' : 'created';
  },
};

async function dropLookupFacts(table: string, policyNumber: string, customerId: string): Promise<void> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: customerLookupKey.policy(policyNumber),
        UpdateExpression: 'REMOVE regimeFacts',
        ConditionExpression: 'customerId = :customer AND attribute_exists(regimeFacts)',
        ExpressionAttributeValues: { ':customer': customerId },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

interface StoredCustomer {
  readonly profile?: {
    importHash?: string;
    preferences?: { timeZone?: string };
    lastContactAt?: string;
    relationshipEndedAt?: string;
  };
  readonly policyNumbers: string[];
}

/**
 * Marks on the TIMEZONES item that every NPS and health sort key starts with its zone, from which
 * segments read those indexes by zone (shared/tables/customers.ts).
 */
export async function markScoreKeysZoned(): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName('Customers'),
      Key: timeZonesKey,
      UpdateExpression: 'SET #zoned = :zoned',
      ExpressionAttributeNames: { '#zoned': SCORE_KEYS_ZONED },
      ExpressionAttributeValues: { ':zoned': true },
    }),
  );
}

async function customerPartition(table: string, customerId: string): Promise<StoredCustomer> {
  const stored: { profile?: StoredCustomer['profile']; policyNumbers: string[] } = { policyNumbers: [] };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': customerItemsPartition(customerId) },
        ProjectionExpression:
          'sk, importHash, preferences.#tz, lastContactAt, policyNumber, relationshipEndedAt',
        ExpressionAttributeNames: { '#tz': 'timeZone' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (isProfileKey(item.sk)) stored.profile = item;
      else if (isPolicyKey(item.sk)) stored.policyNumbers.push(String(item.policyNumber));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return stored;
}

export type { UpsertOutcome };

/** SET every given attribute (undefined ones REMOVEd), leaving the attributes it does not name alone. */
function profileUpdate(
  attributes: Record<string, unknown>,
  condition: { names?: Record<string, string>; values?: Record<string, unknown> },
) {
  const names: Record<string, string> = { ...condition.names };
  const sets: string[] = [];
  const removes: string[] = [];
  const expressionValues: Record<string, unknown> = { ...condition.values };
  Object.entries(attributes).forEach(([name, value], i) => {
    names[`#a${i}`] = name;
    if (value === undefined) removes.push(`#a${i}`);
    else {
      sets.push(`#a${i} = :a${i}`);
      expressionValues[`:a${i}`] = value;
    }
  });
  return {
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: expressionValues,
  };
}
