/**
 * Reads for agents: a team's queue from gsi1 (TEAM#<team>, ordered by the earliest running deadline
 * the SLA service keeps in gsi1sk), and a case's clocks, timeline and notifications from its own
 * partition (and the Messages table). No scans.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../../shared/aws/clients';
import { type Complaint, complaintKey } from '../../../shared/contracts/complaint';
import type { SlaClock } from '../../sla/domain/clock';
import type { CaseQueries } from '../domain/case-views';
import type { TimelineEntry } from '../domain/case-work';

/** Items read per query round; filters apply after the read, so a page may take a few rounds. */
const ROUND = 100;
const MAX_ROUNDS = 20;

async function partitionItems<T>(complaintId: string, prefix: string): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Complaints'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': complaintKey(complaintId).pk, ':prefix': prefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const { pk, sk, kind, ...item } of page.Items ?? []) items.push(item as T);
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export const dynamoCaseQueries: CaseQueries = {
  async queue(team, filter, limit, after) {
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':team': `TEAM#${team}` };
    for (const [field, value] of Object.entries(filter)) {
      if (value === undefined || !['status', 'assignee', 'priority'].includes(field)) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      conditions.push(`#${field} = :${field}`);
    }
    const items: Complaint[] = [];
    let start: Record<string, unknown> | undefined = after
      ? { gsi1pk: `TEAM#${team}`, gsi1sk: after, ...complaintKey(after.slice(after.lastIndexOf('#') + 1)) }
      : undefined;
    let itemsRead = 0;
    for (let round = 0; round < MAX_ROUNDS && items.length < limit; round++) {
      const input: QueryCommandInput = {
        TableName: tableName('Complaints'),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :team',
        FilterExpression: conditions.length ? conditions.join(' AND ') : undefined,
        ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
        ExpressionAttributeValues: values,
        Limit: conditions.length ? ROUND : limit - items.length,
        ExclusiveStartKey: start,
      };
      const page = await dynamo().send(new QueryCommand(input));
      itemsRead += page.ScannedCount ?? 0;
      for (const item of page.Items ?? []) {
        if (items.length < limit) {
          items.push(item as Complaint);
          start = { gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk, pk: item.pk, sk: item.sk };
        }
      }
      if (items.length >= limit) break;
      start = page.LastEvaluatedKey;
      if (!start) return { items, itemsRead };
    }
    const last = items.at(-1) as (Complaint & { gsi1sk?: string }) | undefined;
    return { items, next: start ? String(start.gsi1sk ?? last?.gsi1sk) : undefined, itemsRead };
  },

  clocks: (complaintId) => partitionItems<SlaClock>(complaintId, 'CLOCK#'),
  timeline: (complaintId) => partitionItems<TimelineEntry>(complaintId, 'TIMELINE#'),

  async notifications(complaintId) {
    // the notify service logs each message under gsi1 COMPLAINT#<id> in the Messages table
    const result = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Messages'),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :complaint',
        ExpressionAttributeValues: { ':complaint': `COMPLAINT#${complaintId}` },
      }),
    );
    // what was sent and how it went; never the address or the content
    return (result.Items ?? []).map((m) => ({
      type: m.type,
      purpose: m.purpose,
      channel: m.channel,
      recipientKind: m.recipientKind,
      state: m.state,
      since: m.since,
      completedAt: m.completedAt,
      reason: m.reason,
    }));
  },
};
