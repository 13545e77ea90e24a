/**
 * Items whose TTL attribute falls in a window, from every table that has one (shared/contracts/tables.ts).
 * No table indexes its TTL attribute, so this scans them with a filter: the report is an admin's,
 * run rarely; at volume a sparse index per expiring day would replace the scan (docs/privacy.md).
 * The tables are scanned side by side, each page by page, so the report waits for the longest
 * scan rather than for all of them in turn; the items keep the tables' order.
 */
import { tableName } from '#shared/aws/dynamo';
import { scanPages } from '#shared/aws/dynamo-scan';
import { type TableDefinition, tables } from '#shared/contracts/tables';
import { itemCatalog } from '#shared/tables/catalog';
import { kindOfItem } from '#shared/tables/item-kinds';
import type { ExpiringItem, ExpiringItems } from '../domain/retention-report';

export const expiringItems: ExpiringItems = {
  async between(from, to) {
    const perTable = await Promise.all(Object.values(tables).map((table) => expiringIn(table, from, to)));
    return perTable.flat();
  },
};

async function expiringIn(table: TableDefinition, from: number, to: number): Promise<ExpiringItem[]> {
  const ttl = table.timeToLiveAttribute;
  if (!ttl) return [];
  const found: ExpiringItem[] = [];
  const pages = scanPages({
    TableName: tableName(table.id),
    FilterExpression: '#ttl BETWEEN :from AND :to',
    // the keys tell the item's kind (shared/tables/catalog.ts) and are not returned; the
    // report shows a complaint's id and reference, never the item's personal data
    ProjectionExpression: 'pk, sk, #ttl, #id, #ref',
    ExpressionAttributeNames: { '#ttl': ttl, '#id': 'complaintId', '#ref': 'reference' },
    ExpressionAttributeValues: { ':from': from, ':to': to },
  });
  for await (const page of pages) {
    for (const item of page) {
      const kind = kindOfItem(itemCatalog, table.id, { pk: item.pk, sk: item.sk })?.kind ?? 'undeclared';
      found.push({
        table: table.id,
        kind,
        expiresAt: Number(item[ttl]),
        ...(kind === 'complaint'
          ? { complaintId: String(item.complaintId), reference: String(item.reference) }
          : {}),
      });
    }
  }
  return found;
}
