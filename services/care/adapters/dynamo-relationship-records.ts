/**
 * The records that follow the end of a customer's relationship (domain/follow-relationship-end.ts)
 * on DynamoDB: the complaint links in the customer's partition of the Customers table and the
 * article claims in their reader partition of the Campaigns table, one small query each.
 */
import { ConditionalCheckFailedException, dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { queryAll } from '#shared/aws/query-all';
import type { TableId } from '#shared/contracts/tables';
import { ARTICLE_CLAIM_PREFIX, readerPartition } from '#shared/tables/campaigns';
import { complaintLinkKey, customerItemsPartition } from '#shared/tables/customers';
import type { RelationshipRecord, RelationshipRecords } from '../domain/follow-relationship-end';
import { readCareProfile } from './dynamo-care-records';

const TABLE_OF: Record<RelationshipRecord['kind'], TableId> = {
  'complaint-link': 'Customers',
  'article-claim': 'Campaigns',
};

/** The link's sort key prefix, from the one module that owns the Customers keys. */
const COMPLAINT_LINK_PREFIX = complaintLinkKey('', '').sk;

async function recordsIn(
  kind: RelationshipRecord['kind'],
  partition: string,
  prefix: string,
): Promise<RelationshipRecord[]> {
  const items = await queryAll({
    TableName: tableName(TABLE_OF[kind]),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
    ProjectionExpression: 'pk, sk, relationshipEndedAt, expiresAt',
    ConsistentRead: true,
  });
  return items.map((item) => ({
    kind,
    key: { pk: String(item.pk), sk: String(item.sk) },
    relationshipEndedAt: item.relationshipEndedAt as string | undefined,
    expiresAt: item.expiresAt as number | undefined,
  }));
}

export const dynamoRelationshipRecords: RelationshipRecords = {
  async profileEnd(customerId) {
    const profile = await readCareProfile(customerId);
    return profile && { endedOn: profile.relationshipEndedAt };
  },

  async recordsOf(customerId) {
    const [links, claims] = await Promise.all([
      recordsIn('complaint-link', customerItemsPartition(customerId), COMPLAINT_LINK_PREFIX),
      recordsIn('article-claim', readerPartition(customerId), ARTICLE_CLAIM_PREFIX),
    ]);
    return [...links, ...claims];
  },

  async setEnd(record, end) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName(TABLE_OF[record.kind]),
          Key: record.key,
          UpdateExpression: end
            ? 'SET relationshipEndedAt = :end, expiresAt = :expires'
            : 'REMOVE relationshipEndedAt, expiresAt',
          // a link or claim deleted meanwhile (an erasure, a released claim) is not written back
          ConditionExpression: 'attribute_exists(pk)',
          ...(end && {
            ExpressionAttributeValues: { ':end': end.relationshipEndedAt, ':expires': end.expiresAt },
          }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },
};
