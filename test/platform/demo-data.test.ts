/** `npm start`'s demo data: a few hundred customers and a handful of complaints, seeded once. */
import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ImportedCustomer } from '#shared/contracts/customer-import';
import { customerItemsPartition, customerProfileKey } from '#shared/tables/customers';
import type { LocalCloud } from '../../infra/local/cloud';
import { demoCustomers } from '../../infra/local/demo-data';
import { DEMO_CUSTOMER_COUNT, seedDemoData } from '../../infra/local/seed';
import { topology } from '../../infra/topology';
import { startTestCloud } from '../support/local-cloud';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

it('generates valid customers with birthdays and due dates spread over the year', () => {
  const customers = demoCustomers(DEMO_CUSTOMER_COUNT, new Date('2026-11-28T00:00:00Z'));
  for (const c of customers) expect(ImportedCustomer.safeParse(c).success).toBe(true);
  const birthMonths = new Set(customers.map((c) => c.birthDate!.slice(5, 7)));
  const dueMonths = new Set(customers.flatMap((c) => c.policies.map((p) => p.premiumDueDate!.slice(5, 7))));
  expect(birthMonths.size).toBe(12);
  expect(dueMonths.size).toBe(12);
  expect(new Set(customers.map((c) => c.phone)).size).toBe(customers.length);
});

it('seeds customers and complaints once', async () => {
  const first = await seedDemoData(cloud);
  expect(first).toBe(`${DEMO_CUSTOMER_COUNT} customers, 7 complaints and 12 claim and policy events seeded`);
  expect(await seedDemoData(cloud)).toMatch(/^already seeded/);

  const complaints = await cloud.dynamo.send(
    new ScanCommand({
      TableName: cloud.tableNames.Complaints,
      FilterExpression: 'kind = :k',
      ExpressionAttributeValues: { ':k': { S: 'complaint' } },
    }),
  );
  expect(complaints.Items).toHaveLength(7);
  // complaints from imported customers are linked to them
  expect(complaints.Items!.filter((c) => c.customerId?.S).length).toBeGreaterThanOrEqual(5);
  const profile = await cloud.dynamo.send(
    new QueryCommand({
      TableName: cloud.tableNames.Customers,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: customerItemsPartition('C00001') } },
    }),
  );
  expect(profile.Items?.some((i) => i.sk?.S === customerProfileKey('C00001').sk)).toBe(true);
});
