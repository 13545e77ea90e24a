/** Reads one complaint item, strongly consistent: every service that acts on a complaint starts here. */
import type { Complaint } from '../contracts/complaint';
import { complaintKey } from '../tables/complaints';
import { dynamo, GetCommand, tableName } from './dynamo';

export async function readComplaint(complaintId: string): Promise<Complaint | undefined> {
  const result = await dynamo().send(
    new GetCommand({
      TableName: tableName('Complaints'),
      Key: complaintKey(complaintId),
      ConsistentRead: true,
    }),
  );
  return result.Item as Complaint | undefined;
}
