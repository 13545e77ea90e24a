/** Reads a day of the append-only access audit log (AccessAudit table), oldest first. */

import type { AccessAuditEntry } from '#shared/audit/access-audit';
import { dynamo, QueryCommand, tableName } from '#shared/aws/dynamo';
import { auditPartition } from '#shared/tables/privacy';

export async function auditEntriesOf(day: string): Promise<AccessAuditEntry[]> {
  const entries: AccessAuditEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('AccessAudit'),
        KeyConditionExpression: 'pk = :day',
        ExpressionAttributeValues: { ':day': auditPartition(day) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const { pk, sk, kind, expiresAt, ...entry } of page.Items ?? [])
      entries.push(entry as AccessAuditEntry);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return entries;
}
