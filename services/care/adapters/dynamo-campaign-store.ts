/**
 * The planner's port on DynamoDB. Audiences come from the Customers indexes (key conditions only,
 * never a scan) and, for policy and follow-up audiences, one BatchGet of the profiles. Decisions
 * go to the Campaigns table in transactions of up to ~99 items: each decision's marker is a
 * conditional Put (it exists once per dedupe key), a planned one travels with its outbox event,
 * and the run record's counts are ADDed in the same transaction, by exactly the markers it wrote.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  dynamo,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  tableName,
  UpdateCommand,
} from '#shared/aws/dynamo';
import { clock } from '#shared/clock';
import type { CustomerProfileItem } from '#shared/contracts/customer-profile';
import { buildEvent } from '#shared/contracts/events/index';
import { commitWithEvents, refusedByCondition, type TransactItem } from '#shared/outbox/outbox';
import {
  articleClaimKey,
  campaignPartition,
  decisionKey,
  RUN_PREFIX,
  runKey,
} from '#shared/tables/campaigns';
import { customerProfileKey, timeZonesKey } from '#shared/tables/customers';
import { hasExpired, unexpiredFilter } from '#shared/tables/expiry';
import { recordExpiresAt } from '../../privacy/domain/retention-rules';
import {
  type AudienceQuery,
  type Candidate,
  countName,
  type Decision,
  type FollowUpItem,
  type PolicyItem,
} from '../domain/campaign-planner';
import type { CampaignPlanStore, RunHeader, RunRecord } from '../domain/plan-campaigns';
import { relationshipEndOf } from '../domain/relationship-end';
import {
  inZone,
  SegmentNotFound,
  type SegmentProfileItem,
  segmentMemberItems,
} from '../domain/segments/segment-members';
import { ensureArticleSeed } from './article-seed';
import { articlesHad, dynamoArticleStore } from './dynamo-article-store';
import { dynamoCandidateSource, dynamoSegmentMembers } from './dynamo-segment-members';
import { dynamoSegmentStore } from './dynamo-segment-store';

/** DynamoDB allows 100 items per transaction; one is the run record's update. */
const MAX_TRANSACTION_ITEMS = 99;
const BATCH_GET_KEYS = 100;
/** Members whose article claims are read at once (one small query each). */
const CLAIM_READS_AT_ONCE = 25;

async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * A segment's members in one zone, as its index reads find them (items read per member ≈ 1), each
 * with the articles they have had (one query of their claims per member).
 */
async function segmentCandidates(segmentId: string, timeZone: string): Promise<Candidate[]> {
  const segment = await dynamoSegmentStore.get(segmentId);
  if (!segment) throw new SegmentNotFound(segmentId);
  const rules = inZone(segment.rules, timeZone);
  if (!rules) return [];
  const members: SegmentProfileItem[] = [];
  for await (const item of segmentMemberItems(rules, clock.now(), dynamoCandidateSource)) members.push(item);
  const candidates: Candidate[] = [];
  for (let i = 0; i < members.length; i += CLAIM_READS_AT_ONCE) {
    const batch = members.slice(i, i + CLAIM_READS_AT_ONCE);
    const had = await Promise.all(batch.map((m) => articlesHad(m.customerId)));
    batch.forEach((profile, j) => {
      candidates.push({ profile, articlesHad: had[j]! });
    });
  }
  return candidates;
}

/**
 * An audience's read, without the items past their `expiresAt` that DynamoDB has not purged yet
 * (days late on AWS, never on the local cloud): a profile, a policy or a follow-up whose period
 * is over is no audience. The filter costs no read: DynamoDB charges the items the key condition
 * reads, filtered or not. Items written before their kind had a period carry no expiresAt and are
 * kept.
 */
function indexQuery(
  table: string,
  query: Exclude<AudienceQuery, { source: 'segment' }>,
  now: Date,
): QueryCommandInput {
  const unexpired = unexpiredFilter(now);
  const keyed = keyCondition(table, query);
  return {
    ...keyed,
    FilterExpression: unexpired.expression,
    ExpressionAttributeValues: { ...keyed.ExpressionAttributeValues, ...unexpired.values },
  };
}

function keyCondition(
  table: string,
  query: Exclude<AudienceQuery, { source: 'segment' }>,
): QueryCommandInput {
  if (query.source === 'follow-ups') {
    // a preview of a date further back than a follow-up's period would count it, were it not for
    // the filter; the planner's own run reads the follow-ups due that day, kept long after
    return {
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :zone)',
      ExpressionAttributeValues: { ':pk': query.partition, ':zone': query.beginsWith },
    };
  }
  const pk = `${query.index}pk`;
  const sk = `${query.index}sk`;
  const names = { '#pk': pk, '#sk': sk };
  if (query.source === 'policies') {
    return {
      TableName: table,
      IndexName: query.index,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :zone)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':pk': query.partition, ':zone': query.beginsWith },
    };
  }
  const range = query.sortKey;
  if (!range) {
    return {
      TableName: table,
      IndexName: query.index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': pk },
      ExpressionAttributeValues: { ':pk': query.partition },
    };
  }
  return {
    TableName: table,
    IndexName: query.index,
    KeyConditionExpression:
      'beginsWith' in range ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk AND #sk <= :sk',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: {
      ':pk': query.partition,
      ':sk': 'beginsWith' in range ? range.beginsWith : range.atMost,
    },
  };
}

/**
 * Profiles by customer id; BatchGet of 100 keys at a time, unprocessed keys retried. A profile
 * expired by `now` is left out, as if DynamoDB had purged it.
 */
export async function profilesOf(
  customerIds: readonly string[],
  now: Date,
): Promise<Map<string, CustomerProfileItem>> {
  const table = tableName('Customers');
  const profiles = new Map<string, CustomerProfileItem>();
  const ids = [...new Set(customerIds)];
  for (let i = 0; i < ids.length; i += BATCH_GET_KEYS) {
    let keys: Record<string, unknown>[] | undefined = ids
      .slice(i, i + BATCH_GET_KEYS)
      .map(customerProfileKey);
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const result: BatchGetCommandOutput = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }),
      );
      for (const item of result.Responses?.[table] ?? []) {
        if (hasExpired(item, now)) continue;
        const profile = item as CustomerProfileItem;
        profiles.set(profile.customerId, profile);
      }
      keys = result.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return profiles;
}

export const dynamoCampaignStore: CampaignPlanStore = {
  async segmentMembers(segmentId) {
    // a segment gone under an active campaign throws SegmentNotFound: the run records that outcome
    const members = new Set<string>();
    for await (const customerId of dynamoSegmentMembers().listMembers(segmentId)) members.add(customerId);
    return members;
  },

  async timeZones() {
    const result = await dynamo().send(
      new GetCommand({ TableName: tableName('Customers'), Key: timeZonesKey, ProjectionExpression: 'zones' }),
    );
    const zones = result.Item?.zones as Set<string> | undefined;
    return zones ? [...zones].sort() : [];
  },

  async audience(queries) {
    const customers = tableName('Customers');
    const campaigns = tableName('Campaigns');
    const now = clock.now();
    const candidates: Candidate[] = [];
    const needProfiles: { policy?: PolicyItem; followUp?: FollowUpItem; customerId: string }[] = [];
    for (const query of queries) {
      if (query.source === 'segment') {
        candidates.push(...(await segmentCandidates(query.segmentId, query.timeZone)));
        continue;
      }
      const items = await queryAll(
        indexQuery(query.source === 'follow-ups' ? campaigns : customers, query, now),
      );
      for (const item of items) {
        if (query.source === 'customers')
          candidates.push({ profile: item as unknown as CustomerProfileItem });
        else if (query.source === 'policies')
          needProfiles.push({ policy: item as unknown as PolicyItem, customerId: String(item.customerId) });
        else
          needProfiles.push({
            followUp: item as unknown as FollowUpItem,
            customerId: String(item.customerId),
          });
      }
    }
    if (needProfiles.length > 0) {
      const profiles = await profilesOf(
        needProfiles.map((n) => n.customerId),
        now,
      );
      for (const { customerId, ...subject } of needProfiles) {
        const profile = profiles.get(customerId);
        if (profile) candidates.push({ profile, ...subject });
      }
    }
    return candidates;
  },

  async articles() {
    await ensureArticleSeed(clock.now());
    return dynamoArticleStore.list();
  },

  async openRun(header) {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName('Campaigns'),
        Key: runKey(header.campaignId, header.runId),
        UpdateExpression:
          'SET #counts = if_not_exists(#counts, :empty), #kind = :kind, #campaignId = :campaignId, ' +
          '#runId = :runId, #occasionDate = :date, #tz = :tz, #version = :version, #audience = :audience, ' +
          '#firstPlannedAt = if_not_exists(#firstPlannedAt, :at), #lastPlannedAt = :at' +
          (header.outcome ? ', #outcome = :outcome' : ''),
        ExpressionAttributeNames: {
          '#counts': 'counts',
          '#kind': 'kind',
          '#campaignId': 'campaignId',
          '#runId': 'runId',
          '#occasionDate': 'occasionDate',
          '#tz': 'timeZone',
          '#version': 'campaignVersion',
          '#audience': 'audience',
          '#firstPlannedAt': 'firstPlannedAt',
          '#lastPlannedAt': 'lastPlannedAt',
          ...(header.outcome && { '#outcome': 'outcome' }),
        },
        ExpressionAttributeValues: {
          ':empty': {},
          ':kind': 'campaign-run',
          ':campaignId': header.campaignId,
          ':runId': header.runId,
          ':date': header.occasion.date,
          ':tz': header.occasion.timeZone,
          ':version': header.campaignVersion,
          ':audience': header.audience,
          ':at': header.plannedAt,
          ...(header.outcome && { ':outcome': header.outcome }),
        },
      }),
    );
  },

  async recordDecisions(header, decisions) {
    const recorded: Record<string, number> = {};
    let chunk: Decision[] = [];
    let size = 0;
    const flush = async () => {
      for (const [name, n] of Object.entries(await recordChunk(header, chunk))) {
        recorded[name] = (recorded[name] ?? 0) + n;
      }
      chunk = [];
      size = 0;
    };
    for (const decision of decisions) {
      // a marker; a planned one adds its event, and one sending an article the customer's claim on it
      const items = decision.outcome === 'planned' ? (decision.articleId ? 3 : 2) : 1;
      if (size + items > MAX_TRANSACTION_ITEMS) await flush();
      chunk.push(decision);
      size += items;
    }
    if (chunk.length > 0) await flush();
    return recorded;
  },

  async runs(campaignId) {
    const items = await queryAll({
      TableName: tableName('Campaigns'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :run)',
      ExpressionAttributeValues: { ':pk': campaignPartition(campaignId), ':run': RUN_PREFIX },
      ScanIndexForward: false,
    });
    return items.map(
      (item): RunRecord => ({
        campaignId: String(item.campaignId),
        runId: String(item.runId),
        occasionDate: String(item.occasionDate),
        timeZone: String(item.timeZone),
        campaignVersion: String(item.campaignVersion),
        audience: Number(item.audience ?? 0),
        lastPlannedAt: String(item.lastPlannedAt),
        ...(item.outcome === 'segment-missing' && { outcome: 'segment-missing' as const }),
        counts: Object.fromEntries(
          Object.entries((item.counts as Record<string, unknown>) ?? {}).map(([k, v]) => [k, Number(v)]),
        ),
      }),
    );
  },
};

/**
 * Writes one chunk in one transaction. When markers already exist (a rerun), the transaction is
 * refused; the decisions whose marker was refused are dropped and the rest written again, so the
 * counts added are exactly the markers written.
 */
async function recordChunk(
  header: RunHeader,
  decisions: readonly Decision[],
): Promise<Record<string, number>> {
  const table = tableName('Campaigns');
  const now = clock.now();
  let pending = [...decisions];
  while (pending.length > 0) {
    const changes: TransactItem[] = [];
    /** The decision each change belongs to, by the change's index in the transaction. */
    const owners: number[] = [];
    const events = [];
    const counts: Record<string, number> = {};
    for (const [index, decision] of pending.entries()) {
      owners.push(index);
      const marker = {
        ...decisionKey(decision.dedupeKey, decision.outcome),
        kind: 'campaign-decision',
        campaignId: header.campaignId,
        runId: header.runId,
        customerId: decision.profile.customerId,
        ...(decision.outcome === 'suppressed' ? { reason: decision.reason } : {}),
        ...(decision.outcome === 'planned' && decision.articleId ? { articleId: decision.articleId } : {}),
        decidedAt: header.plannedAt,
      };
      changes.push({
        Put: {
          TableName: table,
          Item: { ...marker, expiresAt: recordExpiresAt('Campaigns', 'campaign-decision', marker, { now }) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
      if (decision.outcome === 'planned' && decision.articleId) {
        // at most once per customer and article, whichever campaign, version or day plans it;
        // a customer whose relationship has ended: the claim expires with their other records
        const end = relationshipEndOf('article-claim', decision.relationshipEndedAt, now);
        owners.push(index);
        changes.push({
          Put: {
            TableName: table,
            Item: {
              ...articleClaimKey(decision.profile.customerId, decision.articleId),
              kind: 'article-claim',
              articleId: decision.articleId,
              customerId: decision.profile.customerId,
              dedupeKey: decision.dedupeKey,
              campaignId: header.campaignId,
              claimedAt: header.plannedAt,
              ...end,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      if (decision.outcome === 'planned') {
        events.push(buildEvent('care.message-requested', decision.message, decision.dedupeKey));
      }
      const name = countName(decision);
      counts[name] = (counts[name] ?? 0) + 1;
    }
    const names: Record<string, string> = { '#counts': 'counts' };
    const values: Record<string, number> = {};
    const adds = Object.entries(counts).map(([name, n], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = n;
      return `#counts.#c${i} :c${i}`;
    });
    changes.push({
      Update: {
        TableName: table,
        Key: runKey(header.campaignId, header.runId),
        UpdateExpression: `ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    });
    try {
      await commitWithEvents(table, changes, events);
      return counts;
    } catch (error) {
      if (!refusedByCondition(error)) throw error;
      // markers and claims come first in the transaction; `owners` names each one's decision
      const refused = new Set(owners.filter((_, i) => refusedByCondition(error, i)));
      if (refused.size === 0) throw error;
      pending = pending.filter((_, i) => !refused.has(i));
    }
  }
  return {};
}
