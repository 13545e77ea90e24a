/**
 * Segment members from the Customers indexes (gsi7 by tier and premium, gsi8 by last-contact month,
 * gsi9/gsi10 by NPS score and health tens then zone, gsi5 by time zone and birth date;
 * shared/tables/customers.ts): Query pages only, never a Scan.
 * `itemsRead` is the page's ScannedCount, which is what DynamoDB charges for.
 *
 *   import { dynamoSegmentMembers } from 'services/care/adapters/dynamo-segment-members';
 *   for await (const customerId of dynamoSegmentMembers().listMembers(segmentId)) …
 */
import { dynamo, GetCommand, QueryCommand, type QueryCommandInput, tableName } from '#shared/aws/dynamo';
import { type Clock, clock as systemClock } from '#shared/clock';
import { SCORE_KEYS_ZONED, timeZonesKey } from '#shared/tables/customers';
import type { MemberQuery } from '../domain/segments/member-queries';
import {
  type CandidateSource,
  type SegmentMembers,
  SegmentNotFound,
  type SegmentProfileItem,
  segmentMembers,
} from '../domain/segments/segment-members';
import type { SegmentStore } from '../domain/segments/segments';
import { dynamoSegmentStore } from './dynamo-segment-store';

function queryInput(table: string, query: MemberQuery): QueryCommandInput {
  const names = { '#pk': `${query.index}pk`, '#sk': `${query.index}sk` };
  return query.between
    ? {
        TableName: table,
        IndexName: query.index,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ':pk': query.partition,
          ':from': query.between[0],
          ':to': query.between[1],
        },
      }
    : {
        TableName: table,
        IndexName: query.index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': names['#pk'] },
        ExpressionAttributeValues: { ':pk': query.partition },
      };
}

export const dynamoCandidateSource: CandidateSource = {
  async zoneRegistry() {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName('Customers'), Key: timeZonesKey }),
    );
    return {
      zones: [...((Item?.zones as Set<string> | undefined) ?? [])].sort(),
      scoreKeysZoned: Item?.[SCORE_KEYS_ZONED] === true,
    };
  },
  async earliestContactMonth() {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName('Customers'), Key: timeZonesKey }),
    );
    return [...((Item?.contactMonths as Set<string> | undefined) ?? [])].sort()[0];
  },
  async *pages(query) {
    const input = queryInput(tableName('Customers'), query);
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey }));
      yield { items: (page.Items ?? []) as SegmentProfileItem[], itemsRead: page.ScannedCount ?? 0 };
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  },
};

export function dynamoSegmentMembers(
  clock: Clock = systemClock,
  segments: Pick<SegmentStore, 'get'> = dynamoSegmentStore,
  source: CandidateSource = dynamoCandidateSource,
): SegmentMembers {
  return {
    async *listMembers(segmentId) {
      const segment = await segments.get(segmentId);
      if (!segment) throw new SegmentNotFound(segmentId);
      for await (const member of segmentMembers(segment.rules, clock.now(), source)) yield member.customerId;
    },
  };
}
