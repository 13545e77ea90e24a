/**
 * Segment members from the Customers indexes (gsi7 by tier and premium, gsi8 by last-contact month,
 * gsi9/gsi10 by NPS score and health tens then zone, gsi5 by time zone and birth date;
 * shared/tables/customers.ts): Query pages only, never a Scan.
 * `itemsRead` is the page's ScannedCount, which is what DynamoDB charges for. Expired profiles
 * (past `expiresAt`, not yet purged) are dropped by the query's filter: they are still read and
 * charged, as they were before the filter, but never come back as candidates.
 *
 *   import { dynamoSegmentMembers } from 'services/care/adapters/dynamo-segment-members';
 *   for await (const customerId of dynamoSegmentMembers().listMembers(segmentId)) …
 */
import { dynamo, GetCommand, QueryCommand, type QueryCommandInput, tableName } from '#shared/aws/dynamo';
import { type Clock, clock as systemClock } from '#shared/clock';
import { SCORE_KEYS_ZONED, timeZonesKey } from '#shared/tables/customers';
import { unexpiredFilter } from '#shared/tables/expiry';
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

function queryInput(table: string, query: MemberQuery, now: Date): QueryCommandInput {
  const unexpired = unexpiredFilter(now);
  const pk = `${query.index}pk`;
  return {
    TableName: table,
    IndexName: query.index,
    FilterExpression: unexpired.expression,
    ...(query.between
      ? {
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': pk, '#sk': `${query.index}sk` },
          ExpressionAttributeValues: {
            ':pk': query.partition,
            ':from': query.between[0],
            ':to': query.between[1],
            ...unexpired.values,
          },
        }
      : {
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': pk },
          ExpressionAttributeValues: { ':pk': query.partition, ...unexpired.values },
        }),
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
  async *pages(query, now) {
    const input = queryInput(tableName('Customers'), query, now);
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
