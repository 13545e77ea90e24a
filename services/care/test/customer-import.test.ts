/**
 * Customer import on DynamoDB Local: per-line validation with line numbers, valid lines imported
 * anyway, re-import changes nothing, lookup items let intake find the customer.
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anniversaryPartition,
  birthdayPartition,
  lastContactPartition,
  premiumDuePartition,
} from '#shared/tables/customers';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { startTestCloud } from '../../../test/support/local-cloud';
import { dynamoCustomerStore } from '../adapters/dynamo-customer-store';
import { importCustomers, parseCustomerLines } from '../domain/customer-import';
import { customerLine } from './care-fixtures';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

async function partitionOf(index: string, pk: string) {
  const attr = `${index}pk`;
  const result = await cloud.dynamo.send(
    new QueryCommand({
      TableName: cloud.tableNames.Customers,
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': attr },
      ExpressionAttributeValues: { ':pk': { S: pk } },
    }),
  );
  return result.Items ?? [];
}

describe('customer import', () => {
  it('reports each bad line by number and imports the rest', async () => {
    const file = [
      customerLine(),
      '{not json',
      '',
      customerLine({ customerId: 'C0002', phone: '123', birthDate: '1990-02-30' }),
      customerLine({ customerId: 'C0003', phone: '13900139003', policies: [] }),
    ].join('\n');
    const parsed = parseCustomerLines(file);
    expect(parsed.rejected.map((r) => r.line)).toEqual([2, 4]);
    expect(parsed.rejected[1]!.errors.map((e) => e.path).sort()).toEqual(['birthDate', 'phone']);
    const summary = await importCustomers(parsed, dynamoCustomerStore);
    expect(summary).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
  });

  it('lists at most 20 field errors per line and counts the rest', () => {
    const policies = Array.from({ length: 30 }, () => ({
      policyNumber: 'nope',
      product: 'x',
      startDate: '2021-05-10',
      status: 'in-force',
    }));
    const [rejected] = parseCustomerLines(customerLine({ policies })).rejected;
    expect(rejected!.errors).toHaveLength(21);
    expect(rejected!.errors[20]).toEqual({ path: '(line)', message: '10 more errors not shown' });
  });

  it('indexes customers by birthday and policies by due date and anniversary', async () => {
    expect((await partitionOf('gsi1', birthdayPartition('03-02'))).map((i) => i.customerId?.S)).toContain(
      'C0001',
    );
    expect(
      (await partitionOf('gsi2', premiumDuePartition('2026-12-05'))).map((i) => i.policyNumber?.S),
    ).toContain('P2024000123');
    expect(
      (await partitionOf('gsi3', anniversaryPartition('05-10'))).map((i) => i.policyNumber?.S),
    ).toContain('P2024000123');
    expect(
      (await partitionOf('gsi4', lastContactPartition('2026-01-15'))).map((i) => i.customerId?.S),
    ).toContain('C0001');
  });

  it('changes nothing when the same file is imported again, and updates what changed', async () => {
    const again = await importCustomers(
      parseCustomerLines(
        [customerLine(), customerLine({ customerId: 'C0003', phone: '13900139003', policies: [] })].join(
          '\n',
        ),
      ),
      dynamoCustomerStore,
    );
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const moved = await importCustomers(
      parseCustomerLines(customerLine({ policies: [], tier: 'platinum' })),
      dynamoCustomerStore,
    );
    expect(moved).toMatchObject({ updated: 1 });
    // the dropped policy no longer appears in the premium-due audience
    expect(
      (await partitionOf('gsi2', premiumDuePartition('2026-12-05'))).map((i) => i.policyNumber?.S),
    ).not.toContain('P2024000123');
  });
});
