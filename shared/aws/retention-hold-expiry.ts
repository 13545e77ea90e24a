/**
 * A complaint record expires its regime's retention period after closure, and an erased complaint's
 * skeleton at its hold's end, which is the same date (services/privacy/domain/retention-holds.ts).
 * When case work closes or reopens a complaint, the cases API sets or removes `expiresAt` on the
 * complaint item in the same write; this carries that value to the rest of the partition
 * (timeline, clocks, attachment records) and to the reference item, so the whole record goes
 * together and nothing outlives it.
 * Run by the SLA consumer of `complaint.closed` and `complaint.reopened`: it reads the complaint's
 * current value, so a redelivered or out-of-order event converges on the latest state.
 */
import { complaintKey, referenceKey } from '../tables/complaints';
import { dynamo, GetCommand, tableName, UpdateCommand } from './dynamo';
import { queryAll } from './query-all';

type Key = { pk: unknown; sk: unknown };

/** Whether the complaint exists; when it does, its partition and reference follow its expiry. */
export async function followRetentionHold(complaintId: string): Promise<boolean> {
  const table = tableName('Complaints');
  const { Item: complaint } = await dynamo().send(
    new GetCommand({
      TableName: table,
      Key: complaintKey(complaintId),
      ProjectionExpression: '#reference, expiresAt',
      // a DynamoDB reserved word
      ExpressionAttributeNames: { '#reference': 'reference' },
      ConsistentRead: true,
    }),
  );
  if (!complaint) return false;
  const expiresAt = complaint.expiresAt as number | undefined;
  const partition = await queryAll({
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': complaintKey(complaintId).pk },
    ProjectionExpression: 'pk, sk, #kind',
    ExpressionAttributeNames: { '#kind': 'kind' },
    ConsistentRead: true,
  });
  const keys: Key[] = [
    referenceKey(String(complaint.reference)),
    // outbox copies keep their own week in transport
    ...partition
      .filter((item) => item.kind !== 'outbox' && item.sk !== complaintKey(complaintId).sk)
      .map((item) => ({ pk: item.pk, sk: item.sk })),
  ];
  for (const Key of keys) {
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: table,
          Key,
          UpdateExpression: expiresAt === undefined ? 'REMOVE expiresAt' : 'SET expiresAt = :e',
          ConditionExpression: 'attribute_exists(pk)',
          ...(expiresAt === undefined ? {} : { ExpressionAttributeValues: { ':e': expiresAt } }),
        }),
      )
      .catch((error: Error) => {
        // gone meanwhile (the TTL, or a record deleted): nothing to hold
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }
  return true;
}
