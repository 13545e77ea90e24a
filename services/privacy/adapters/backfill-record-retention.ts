/**
 * Gives complaints closed before records expired on their own (expiresAt at closure,
 * ../domain/retention-holds.ts `recordRetention`) the same end: their regime's period after the
 * closure they carry, set on the complaint item and carried to the rest of the partition and the
 * reference item as the SLA consumer of `complaint.closed` does. A one-off pass over the table (a
 * migration, not a request path). Idempotent: a complaint that has its end is left alone, and each
 * write is conditioned on the closure it was computed from, so a reopening racing it wins.
 */
import { dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { scanPages } from '#shared/aws/dynamo-scan';
import { followRetentionHold } from '#shared/aws/retention-hold-expiry';
import { complaintKey } from '#shared/tables/complaints';
import { recordRetention } from '../domain/retention-holds';

export interface RecordRetentionBackfill {
  /** Closed complaints given their end (with the rest of their record). */
  readonly ended: number;
  /** Closed with no closing instant recorded: left for a person to decide. */
  readonly undated: number;
  /** Reopened or ended meanwhile: the racing write stands. */
  readonly raced: number;
}

export async function backfillRecordRetention(
  progress: (text: string) => void = () => {},
): Promise<RecordRetentionBackfill> {
  const table = tableName('Complaints');
  let ended = 0;
  let undated = 0;
  let raced = 0;
  for await (const page of scanPages({
    TableName: table,
    FilterExpression: 'sk = :complaint AND #status = :closed AND attribute_not_exists(expiresAt)',
    ExpressionAttributeNames: { '#status': 'status', '#regime': 'regime' },
    ExpressionAttributeValues: { ':complaint': complaintKey('').sk, ':closed': 'closed' },
    ProjectionExpression: 'complaintId, closedAt, #regime, retentionHold',
  })) {
    for (const item of page) {
      const closedAt = typeof item.closedAt === 'string' ? item.closedAt : undefined;
      if (!closedAt) {
        undated++;
        continue;
      }
      // an erased skeleton's hold names the regime its erasure resolved; it ends on the same date
      const regime = (item.retentionHold as { regime?: string } | undefined)?.regime ?? item.regime;
      const { expiresAt } = recordRetention(regime, closedAt);
      const complaintId = String(item.complaintId);
      try {
        await dynamo().send(
          new UpdateCommand({
            TableName: table,
            Key: complaintKey(complaintId),
            UpdateExpression: 'SET expiresAt = :expiresAt',
            ConditionExpression:
              '#status = :closed AND closedAt = :closedAt AND attribute_not_exists(expiresAt)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':expiresAt': expiresAt,
              ':closed': 'closed',
              ':closedAt': closedAt,
            },
          }),
        );
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        raced++;
        continue;
      }
      await followRetentionHold(complaintId);
      ended++;
    }
    progress(`ended ${ended} closed complaints`);
  }
  return { ended, undated, raced };
}
