/** Segment definitions in the Campaigns table (shared/tables/campaigns.ts), versioned by condition. */
import {
  ConditionalCheckFailedException,
  dynamo,
  GetCommand,
  PutCommand,
  QueryCommand,
  tableName,
} from '#shared/aws/dynamo';
import { SEGMENTS_PARTITION, segmentKey } from '#shared/tables/campaigns';
import { type Segment, type SegmentStore, StaleSegment } from '../domain/segments/segments';

const toSegment = ({ pk: _pk, sk: _sk, kind: _kind, ...segment }: Record<string, unknown>) =>
  segment as unknown as Segment;

export const dynamoSegmentStore: SegmentStore = {
  async create(segment) {
    await dynamo().send(
      new PutCommand({
        TableName: tableName('Campaigns'),
        Item: { ...segmentKey(segment.segmentId), kind: 'segment', ...segment },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(segmentId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName('Campaigns'), Key: segmentKey(segmentId), ConsistentRead: true }),
    );
    return Item ? toSegment(Item) : undefined;
  },

  async list() {
    const segments: Segment[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: tableName('Campaigns'),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': SEGMENTS_PARTITION },
          ExclusiveStartKey,
        }),
      );
      segments.push(...(page.Items ?? []).map(toSegment));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return segments;
  },

  async replace(segment, expectedVersion) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName('Campaigns'),
          Item: { ...segmentKey(segment.segmentId), kind: 'segment', ...segment },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new StaleSegment();
      throw error;
    }
  },
};
