/**
 * Demo data for `npm start`, written once on first start (a marker item records that it ran, so a
 * restart on the file-backed database does not add it again).
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { LocalCloud } from './cloud';

const MARKER = { pk: { S: 'LOCAL#seed' }, sk: { S: 'LOCAL#seed' } };

export async function seedDemoData(cloud: LocalCloud): Promise<string> {
  const table = cloud.tableNames.Campaigns!;
  const existing = await cloud.dynamo.send(
    new GetItemCommand({ TableName: table, Key: MARKER, ConsistentRead: true }),
  );
  if (existing.Item) return `already seeded on ${existing.Item.seededAt?.S}`;
  const seededAt = cloud.clock.now().toISOString();
  await cloud.dynamo.send(
    new PutItemCommand({ TableName: table, Item: { ...MARKER, seededAt: { S: seededAt } } }),
  );
  return `seeded at ${seededAt}`;
}
