/**
 * Demo data for `npm start`, written once on first start: a marker item records that it ran, so a
 * restart on the file-backed database does not add it again. Customers go through the care
 * service's import, complaints through the public intake routes and claims through the core
 * systems' signed route, exactly as real data would.
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { secretValue } from '#shared/aws/secrets';
import { signHotlineBody } from '#shared/http/hotline-signature';
import { demoSeedMarkerKey } from '#shared/tables/campaigns';
import { dynamoCustomerStore } from '../../services/care/adapters/dynamo-customer-store';
import { importCustomers } from '../../services/care/domain/customer-import';
import type { LocalCloud } from './cloud';
import { demoComplaints, demoCoreEvents, demoCustomers } from './demo-data';

const MARKER = { pk: { S: demoSeedMarkerKey.pk }, sk: { S: demoSeedMarkerKey.sk } };
export const DEMO_CUSTOMER_COUNT = 300;

export async function seedDemoData(cloud: LocalCloud): Promise<string> {
  const table = cloud.tableNames.Campaigns!;
  const existing = await cloud.dynamo.send(
    new GetItemCommand({ TableName: table, Key: MARKER, ConsistentRead: true }),
  );
  if (existing.Item) return `already seeded on ${existing.Item.seededAt?.S} (delete .data/ to start afresh)`;

  const customers = demoCustomers(DEMO_CUSTOMER_COUNT, cloud.clock.now());
  const imported = await importCustomers(
    { customers: customers.map((customer, i) => ({ line: i + 1, customer })), rejected: [] },
    dynamoCustomerStore,
  );

  const complaints = demoComplaints(customers);
  let filed = 0;
  for (const body of complaints.web) {
    const res = await fetch(`${cloud.url}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status === 201) filed++;
  }
  const secret = await secretValue('hotline-signing');
  for (const body of complaints.hotline) {
    const raw = JSON.stringify(body);
    const res = await fetch(`${cloud.url}/v1/integrations/hotline/complaints`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': signHotlineBody(secret, Math.floor(cloud.clock.now().getTime() / 1000), raw),
      },
      body: raw,
    });
    if (res.status === 201) filed++;
  }

  // claims in different stages, through the core systems' signed route
  const lines = demoCoreEvents(customers, cloud.clock.now())
    .map((e) => JSON.stringify(e))
    .join('\n');
  const coreSecret = await secretValue('core-events-signing');
  const recorded = await fetch(`${cloud.url}/v1/integrations/core/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-ndjson',
      'x-signature': signHotlineBody(coreSecret, Math.floor(cloud.clock.now().getTime() / 1000), lines),
    },
    body: lines,
  });
  const claimEvents =
    recorded.status === 202 ? ((await recorded.json()) as { accepted: number }).accepted : 0;

  const seededAt = cloud.clock.now().toISOString();
  await cloud.dynamo.send(
    new PutItemCommand({ TableName: table, Item: { ...MARKER, seededAt: { S: seededAt } } }),
  );
  return `${imported.created} customers, ${filed} complaints and ${claimEvents} claim and policy events seeded`;
}
