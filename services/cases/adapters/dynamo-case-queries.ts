/**
 * Reads for agents: a team's queue from gsi1 (TEAM#<team>, ordered by the earliest running deadline
 * the SLA service keeps in gsi1sk), and a case's clocks, timeline and notifications from its own
 * partition (and the Messages table); the case search from the reference item and the customer
 * history and search indexes. No scans.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  dynamo,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  tableName,
} from '#shared/aws/dynamo';
import { queryAll } from '#shared/aws/query-all';
import { clock } from '#shared/clock';
import type { Attachment } from '#shared/contracts/attachment';
import type { Complaint } from '#shared/contracts/complaint';
import { keyedHash } from '#shared/pii';
import {
  ATTACHMENT_PREFIX,
  CLOCK_PREFIX,
  complaintKey,
  customerHistoryPartition,
  referenceKey,
  searchIndexes,
  searchPartition,
  TIMELINE_PREFIX,
  teamQueuePartition,
} from '#shared/tables/complaints';
import { unexpiredFilter } from '#shared/tables/expiry';
import { complaintMessagesPartition } from '#shared/tables/messages';
import { linkedClaims } from '../../claims/adapters/linked-claims';
import type { SlaClock } from '../../sla/domain/clock';
import type { CaseQueries, NotificationOutcome } from '../domain/case-views';
import type { TimelineEntry } from '../domain/case-work';

/** Items read per query round; filters apply after the read, so a page may take a few rounds. */
const ROUND = 100;
const MAX_ROUNDS = 20;

async function partitionItems<T>(complaintId: string, prefix: string): Promise<T[]> {
  const items = await queryAll({
    TableName: tableName('Complaints'),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': complaintKey(complaintId).pk, ':prefix': prefix },
  });
  // storage attributes (the TTL the record expires by) are not part of what a case shows
  return items.map(({ pk, sk, kind, expiresAt, ...item }) => item as T);
}

/** The items at these keys, in the keys' order; BatchGet takes 100 keys and may leave some for later. */
async function complaintsAt(keys: readonly { pk: string; sk: string }[]): Promise<Complaint[]> {
  const table = tableName('Complaints');
  const found = new Map<string, Complaint>();
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const answer: BatchGetCommandOutput = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }),
      );
      for (const item of answer.Responses?.[table] ?? []) found.set(String(item.pk), item as Complaint);
      pending = answer.UnprocessedKeys?.[table]?.Keys;
      if (attempt >= 8 && pending?.length) throw new Error('DynamoDB left keys unread after 8 retries');
    }
  }
  return keys.flatMap((k) => found.get(k.pk) ?? []);
}

export const dynamoCaseQueries: CaseQueries = {
  claimsOf: linkedClaims,

  async queue(team, filter, limit, after) {
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':team': teamQueuePartition(team) };
    for (const [field, value] of Object.entries(filter)) {
      if (value === undefined || !['status', 'assignee', 'priority', 'category'].includes(field)) continue;
      names[`#${field}`] = field;
      if (field === 'assignee' && value === 'unassigned') {
        conditions.push('attribute_not_exists(#assignee)');
        continue;
      }
      values[`:${field}`] = value;
      conditions.push(`#${field} = :${field}`);
    }
    // due today / breaching: the sort key starts with the next deadline, so the key condition
    // reads only those rows (and the queue's order is kept)
    if (filter.dueBefore) values[':dueBefore'] = filter.dueBefore;
    const keyCondition = filter.dueBefore ? 'gsi1pk = :team AND gsi1sk < :dueBefore' : 'gsi1pk = :team';
    const items: Complaint[] = [];
    let start: Record<string, unknown> | undefined = after
      ? {
          gsi1pk: teamQueuePartition(team),
          gsi1sk: after,
          ...complaintKey(after.slice(after.lastIndexOf('#') + 1)),
        }
      : undefined;
    let itemsRead = 0;
    for (let round = 0; round < MAX_ROUNDS && items.length < limit; round++) {
      const input: QueryCommandInput = {
        TableName: tableName('Complaints'),
        IndexName: 'gsi1',
        KeyConditionExpression: keyCondition,
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

  clocks: (complaintId) => partitionItems<SlaClock>(complaintId, CLOCK_PREFIX),

  async complaintIdOfReference(reference) {
    const found = await dynamo().send(
      new GetCommand({ TableName: tableName('Complaints'), Key: referenceKey(reference) }),
    );
    return found.Item ? String(found.Item.complaintId) : undefined;
  },

  async complaintsOfCustomer(customerId, limit) {
    // a complaint matched to a customer record has the customer id as its customer key
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Complaints'),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :customer',
        ExpressionAttributeValues: { ':customer': customerHistoryPartition(customerId) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []) as Complaint[];
  },
  async complaintsBy(kind, value, limit) {
    // phone and email are keyed by their keyed hash (shared/pii.ts), as intake wrote them
    const key = kind === 'policy' ? value : await keyedHash(kind, value);
    const { index, partitionKey } = searchIndexes[kind];
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Complaints'),
        IndexName: index,
        KeyConditionExpression: '#key = :key',
        ExpressionAttributeNames: { '#key': partitionKey },
        ExpressionAttributeValues: { ':key': searchPartition(kind, key) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    // the index holds keys only: the complaints themselves come from the table
    return complaintsAt((page.Items ?? []).map((i) => ({ pk: String(i.pk), sk: String(i.sk) })));
  },

  timeline: (complaintId) => partitionItems<TimelineEntry>(complaintId, TIMELINE_PREFIX),

  attachments: (complaintId) => partitionItems<Attachment>(complaintId, ATTACHMENT_PREFIX),

  async notifications(complaintId) {
    // the notify service logs each message under gsi1 COMPLAINT#<id> in the Messages table; one
    // past its 365 days is gone, though DynamoDB purges it days later
    const unexpired = unexpiredFilter(clock.now());
    const items = await queryAll({
      TableName: tableName('Messages'),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :complaint',
      FilterExpression: unexpired.expression,
      ExpressionAttributeValues: {
        ':complaint': complaintMessagesPartition(complaintId),
        ...unexpired.values,
      },
    });
    return items.flatMap(notificationOutcome);
  },
};

/**
 * What an agent may see of a message: its type, channel, kind of recipient and what became of it;
 * never the address or the content. A message being sent right now has no outcome yet.
 */
function notificationOutcome(m: Record<string, unknown>): NotificationOutcome[] {
  // a deferred item keeps its request (the sweep sends it from there) instead of these fields
  const recipient = (m.request as { recipient?: { channel?: string; kind?: string } } | undefined)?.recipient;
  const common = {
    type: String(m.type),
    channel: (m.channel ?? recipient?.channel) as NotificationOutcome['channel'],
    recipient: (m.recipientKind ?? recipient?.kind) as NotificationOutcome['recipient'],
  };
  const state = m.state;
  if (state === 'deferred') {
    return [
      {
        ...common,
        outcome: 'deferred',
        // deferrals logged before deferredAt was recorded show when they will go instead
        at: String(m.deferredAt ?? m.since),
        until: String(m.since),
      },
    ];
  }
  if (state !== 'sent' && state !== 'failed' && state !== 'suppressed') return [];
  return [
    {
      ...common,
      outcome: state,
      at: String(m.completedAt ?? m.since),
      ...(typeof m.reason === 'string' && m.reason ? { reason: m.reason } : {}),
    },
  ];
}
