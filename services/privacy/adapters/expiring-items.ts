/**
 * Items whose TTL attribute falls in a window, from every table that has one (shared/contracts/tables.ts).
 * No table indexes its TTL attribute, so this scans them with a filter: the report is an admin's,
 * run rarely; at volume a sparse index per expiring day would replace the scan (docs/privacy.md).
 */
import { dynamo, tableName } from '#shared/aws/dynamo';
import { ScanCommand } from '#shared/aws/dynamo-scan';
import { tables } from '#shared/contracts/tables';
import { itemCatalog } from '#shared/tables/catalog';
import { kindOfItem } from '#shared/tables/item-kinds';
import type { ExpiringItem, ExpiringItems } from '../domain/retention-report';

export const expiringItems: ExpiringItems = {
  async between(from, to) {
    const found: ExpiringItem[] = [];
    for (const table of Object.values(tables)) {
      const ttl = table.timeToLiveAttribute;
      if (!ttl) continue;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo().send(
          new ScanCommand({
            TableName: tableName(table.id),
            FilterExpression: '#ttl BETWEEN :from AND :to',
            // the keys tell the item's kind (shared/tables/catalog.ts) and are not returned; the
            // report shows a complaint's id and reference, never the item's personal data
            ProjectionExpression: 'pk, sk, #ttl, #id, #ref',
            ExpressionAttributeNames: { '#ttl': ttl, '#id': 'complaintId', '#ref': 'reference' },
            ExpressionAttributeValues: { ':from': from, ':to': to },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const kind = kindOfItem(itemCatalog, table.id, { pk: item.pk, sk: item.sk })?.kind ?? 'undeclared';
          const isComplaint = kind === 'complaint';
          found.push({
            table: table.id,
            kind,
            expiresAt: Number(item[ttl]),
            ...(isComplaint
              ? { complaintId: String(item.complaintId), reference: String(item.reference) }
              : {}),
          });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return found;
  },
};
