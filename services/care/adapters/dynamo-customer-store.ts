/**
 * Customers in the Customers table. A profile item per customer (birthday and last-contact index
 * keys), an item per policy (premium-due and anniversary index keys) and the lookup items other
 * services find a customer by. Writing an identical import again changes nothing: the profile
 * keeps a hash of the imported line and the write is skipped when it matches.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../../shared/aws/clients';
import { customerLookupKey, customerProfileKey } from '../../../shared/contracts/customer-directory';
import type { ImportedCustomer } from '../../../shared/contracts/customer-import';
import { keyedHash } from '../../../shared/pii';
import { monthDay } from '../domain/customer-dates';
import type { CustomerStore, UpsertOutcome } from '../domain/customer-import';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const policyKey = (customerId: string, policyNumber: string) => ({
  pk: `CUSTOMER#${customerId}`,
  sk: `POLICY#${policyNumber}`,
});

function importHash(customer: ImportedCustomer): string {
  return createHash('sha256').update(JSON.stringify(customer)).digest('base64url');
}

export const dynamoCustomerStore: CustomerStore = {
  async upsert(customer) {
    const table = tableName('Customers');
    const hash = importHash(customer);
    const profileKey = customerProfileKey(customer.customerId);
    const existing = await dynamo().send(
      new GetCommand({
        TableName: table,
        Key: profileKey,
        ProjectionExpression: 'importHash',
        ConsistentRead: true,
      }),
    );
    if (existing.Item?.importHash === hash) return 'unchanged';

    const phoneHash = customer.phone ? await keyedHash('phone', customer.phone) : undefined;
    const stalePolicies = existing.Item ? await policiesNoLongerImported(table, customer) : [];
    const { policies, ...profile } = customer;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: table,
          Item: {
            ...profileKey,
            kind: 'customer',
            ...profile,
            phoneHash,
            importHash: hash,
            ...(customer.birthDate
              ? { gsi1pk: `BDAY#${monthDay(customer.birthDate)}`, gsi1sk: customer.customerId }
              : {}),
            ...(customer.lastContactAt
              ? { gsi4pk: `LASTCONTACT#${customer.lastContactAt.slice(0, 10)}`, gsi4sk: customer.customerId }
              : {}),
          },
          // two imports of the same customer racing: the later one must not be lost silently
          ConditionExpression: existing.Item ? 'importHash = :previous' : 'attribute_not_exists(pk)',
          ExpressionAttributeValues: existing.Item ? { ':previous': existing.Item.importHash } : undefined,
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
              gsi3pk: `ANNIV#${monthDay(policy.startDate)}`,
              gsi3sk: `${customer.customerId}#${policy.policyNumber}`,
              ...(policy.premiumDueDate && policy.status === 'in-force'
                ? {
                    gsi2pk: `DUE#${policy.premiumDueDate}`,
                    gsi2sk: `${customer.customerId}#${policy.policyNumber}`,
                  }
                : {}),
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
                },
              },
            },
          ]
        : []),
      ...stalePolicies.map(
        (policyNumber): TransactItem => ({
          Delete: { TableName: table, Key: policyKey(customer.customerId, policyNumber) },
        }),
      ),
    ];
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

async function policiesNoLongerImported(table: string, customer: ImportedCustomer): Promise<string[]> {
  const result = await dynamo().send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :policy)',
      ExpressionAttributeValues: { ':pk': `CUSTOMER#${customer.customerId}`, ':policy': 'POLICY#' },
      ProjectionExpression: 'policyNumber',
    }),
  );
  const current = new Set(customer.policies.map((p) => p.policyNumber));
  return (result.Items ?? []).map((i) => String(i.policyNumber)).filter((n) => !current.has(n));
}

export type { UpsertOutcome };
