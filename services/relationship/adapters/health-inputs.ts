/**
 * What a customer's relationship health is computed from, read fresh each time (so a late,
 * repeated or out-of-order event leads to the same score): the profile (last contact, NPS,
 * engagement), their complaints (Complaints gsi2) and their policies' claim journeys. A profile
 * past its `expiresAt` is no profile: no health is computed for it, as once DynamoDB has purged it.
 */
import {
  ConditionalCheckFailedException,
  dynamo,
  QueryCommand,
  tableName,
  UpdateCommand,
} from '#shared/aws/dynamo';
import { readJourneyEvents } from '#shared/aws/journey-reader';
import { getUnexpired } from '#shared/aws/unexpired-item';
import { customerHistoryPartition } from '#shared/tables/complaints';
import {
  customerItemsPartition,
  customerProfileKey,
  healthPartition,
  POLICY_PREFIX,
} from '#shared/tables/customers';
import type { HealthInputs, RelationshipHealth } from '../domain/health-score';

const DAY_MS = 86_400_000;
/** An undecided claim without news for this long counts as stalled for its customer's health. */
const STALLED_AFTER_DAYS = 14;
const CLOSED = new Set(['resolved', 'closed']);

async function openComplaints(customerId: string): Promise<number> {
  let open = 0;
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Complaints'),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :customer',
        ExpressionAttributeValues: { ':customer': customerHistoryPartition(customerId) },
        ProjectionExpression: '#status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExclusiveStartKey: cursor,
      }),
    );
    open += (page.Items ?? []).filter((c) => !CLOSED.has(c.status as string)).length;
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return open;
}

async function claimOutcomes(customerId: string, now: Date) {
  const policies = await dynamo().send(
    new QueryCommand({
      TableName: tableName('Customers'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :policy)',
      ExpressionAttributeValues: { ':pk': customerItemsPartition(customerId), ':policy': POLICY_PREFIX },
      ProjectionExpression: 'policyNumber',
    }),
  );
  const latest = new Map<string, { type: string; at: string }>();
  for (const p of policies.Items ?? []) {
    for (const e of await readJourneyEvents(p.policyNumber as string)) {
      if (!e.claimNumber || !e.type.startsWith('claim.')) continue;
      const seen = latest.get(e.claimNumber);
      if (!seen || seen.at <= e.occurredAt) latest.set(e.claimNumber, { type: e.type, at: e.occurredAt });
    }
  }
  const claims = [...latest.values()];
  return {
    claimsPaid: claims.filter((c) => c.type === 'claim.paid').length,
    claimsDeclined: claims.filter((c) => c.type === 'claim.declined').length,
    claimsStalled: claims.filter(
      (c) =>
        c.type !== 'claim.paid' &&
        c.type !== 'claim.declined' &&
        now.getTime() - Date.parse(c.at) > STALLED_AFTER_DAYS * DAY_MS,
    ).length,
  };
}

const withinYear = (at: unknown, now: Date) =>
  typeof at === 'string' && now.getTime() - Date.parse(at) <= 365 * DAY_MS ? 1 : 0;

/** The inputs, or undefined for a customer without a profile (or whose profile has expired). */
export async function healthInputs(customerId: string, now: Date): Promise<HealthInputs | undefined> {
  const profile = await getUnexpired(
    { TableName: tableName('Customers'), Key: customerProfileKey(customerId), ConsistentRead: true },
    now,
  );
  if (!profile) return undefined;
  const [open, claims] = await Promise.all([openComplaints(customerId), claimOutcomes(customerId, now)]);
  const lastContact = profile.lastContactAt as string | undefined;
  return {
    ...(lastContact && { daysSinceContact: Math.max(0, (now.getTime() - Date.parse(lastContact)) / DAY_MS) }),
    openComplaints: open,
    ...claims,
    ...(typeof profile.npsScore === 'number' && { nps: profile.npsScore }),
    engagements: withinYear(profile.npsAnsweredAt, now) + withinYear(profile.lastEventAttendedAt, now),
  };
}

/** Stores the score and its reasons on the profile; an older computation never overwrites a newer one. */
export async function storeHealth(
  customerId: string,
  health: RelationshipHealth,
  at: string,
): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName('Customers'),
        Key: customerProfileKey(customerId),
        UpdateExpression:
          'SET healthScore = :score, healthBand = :band, healthReasons = :reasons, healthComputedAt = :at, gsi10pk = :hpk',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(healthComputedAt) OR healthComputedAt <= :at)',
        ExpressionAttributeValues: {
          ':score': health.score,
          ':band': health.band,
          ':reasons': health.reasons,
          ':at': at,
          // segments read health by gsi10: the key moves only when the score crosses a ten. Only
          // the partition: the sort key (<tz>#<customerId>) is the zone's writers', so no read of
          // the zone and no race with a zone change (shared/tables/customers.ts)
          ':hpk': healthPartition(health.score),
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
