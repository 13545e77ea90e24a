/**
 * Items whose TTL attribute falls in a window, from every table that has one (shared/contracts/tables.ts).
 * No table indexes its TTL attribute, so this scans them with a filter: the report is an admin's,
 * run rarely; at volume a sparse index per expiring day would replace the scan (docs/privacy.md).
 */
import { dynamo, tableName } from '#shared/aws/dynamo';
import { ScanCommand } from '#shared/aws/dynamo-scan';
import { tables } from '#shared/contracts/tables';
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
            // what the report shows, never the item's personal data
            ProjectionExpression: '#ttl, #kind, #id, #ref',
            ExpressionAttributeNames: {
              '#ttl': ttl,
              '#kind': 'kind',
              '#id': 'complaintId',
              '#ref': 'reference',
            },
            ExpressionAttributeValues: { ':from': from, ':to': to },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const isComplaint = item.kind === 'complaint';
          found.push({
            table: table.id,
            kind: typeof item.kind === 'string' ? item.kind : 'unknown',
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
