/**
 * The current hold of erased complaints, read from their skeletons in the Complaints table: closing
 * a skeleton sets its hold's end, reopening takes it away (services/cases/domain/case-work.ts), so
 * the request's view shows the end as it is now rather than as it was at the erasure. Reads only.
 */
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import { complaintKey } from '#shared/tables/complaints';
import type { CurrentHold, SkeletonHolds } from '../domain/privacy-requests';

type StoredHold = { endsAt?: string | null; reason?: string };

export const skeletonHolds: SkeletonHolds = {
  async current(complaintIds) {
    const holds = new Map<string, CurrentHold>();
    // an erasure holds a person's complaints: a handful of reads
    for (const complaintId of complaintIds) {
      const { Item } = await dynamo().send(
        new GetCommand({
          TableName: tableName('Complaints'),
          Key: complaintKey(complaintId),
          ProjectionExpression: 'retentionHold, closedAt',
        }),
      );
      const hold = Item?.retentionHold as StoredHold | undefined;
      if (!hold?.reason) continue;
      holds.set(complaintId, {
        closedAt: typeof Item?.closedAt === 'string' ? Item.closedAt : null,
        endsAt: hold.endsAt ?? null,
        reason: hold.reason,
      });
    }
    return holds;
  },
};
