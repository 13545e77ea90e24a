/**
 * Where a customer's journey is read from: Customers (policies, claims), Complaints (history) and
 * Messages (what was sent to them).
 */
import { BatchGetCommand, dynamo, GetCommand, QueryCommand, tableName } from '#shared/aws/dynamo';
import { readJourneyEvents, readPolicyJourney } from '#shared/aws/journey-reader';
import { clock } from '#shared/clock';
import { isClaimEventType } from '#shared/contracts/core-events';
import { customerHistoryPartition } from '#shared/tables/complaints';
import { customerItemsPartition, customerProfileKey, POLICY_PREFIX } from '#shared/tables/customers';
import { hasExpired } from '#shared/tables/expiry';
import { customerMessagesPartition } from '#shared/tables/messages';
import { claimContexts } from '../domain/claim-context';
import type {
  JourneyComplaint,
  JourneyHealth,
  JourneyMessage,
  JourneyPolicy,
  JourneySources,
} from '../domain/customer-journey';

/** A customer has a handful of complaints; a journey shows the newest of them. */
const COMPLAINTS_SHOWN = 50;
/** The newest messages, one BatchGet's worth (its limit is 100 keys). */
const MESSAGES_SHOWN = 100;

export const journeySources: JourneySources = {
  async health(customerId) {
    const found = await dynamo().send(
      new GetCommand({
        TableName: tableName('Customers'),
        Key: customerProfileKey(customerId),
        ProjectionExpression: 'healthScore, healthBand, healthReasons, healthComputedAt',
      }),
    );
    const p = found.Item;
    if (typeof p?.healthScore !== 'number') return undefined;
    return {
      score: p.healthScore,
      band: p.healthBand as string,
      reasons: p.healthReasons as JourneyHealth['reasons'],
      computedAt: p.healthComputedAt as string,
    };
  },

  async policies(customerId) {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Customers'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :policy)',
        ExpressionAttributeValues: { ':pk': customerItemsPartition(customerId), ':policy': POLICY_PREFIX },
      }),
    );
    return (page.Items ?? []).map((p) => ({
      policyNumber: p.policyNumber as string,
      ...(p.product !== undefined && { product: p.product as string }),
      ...(p.status !== undefined && { status: p.status as string }),
    })) satisfies JourneyPolicy[];
  },

  async complaints(customerId) {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Complaints'),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :customer',
        ExpressionAttributeValues: { ':customer': customerHistoryPartition(customerId) },
        ScanIndexForward: false,
        Limit: COMPLAINTS_SHOWN,
      }),
    );
    return (page.Items ?? []).map((c) => ({
      complaintId: c.complaintId as string,
      reference: c.reference as string,
      status: c.status as string,
      ...(c.team !== undefined && { team: c.team as string }),
      ...(c.category !== undefined && { category: c.category as string }),
      receivedAt: c.receivedAt as string,
    })) satisfies JourneyComplaint[];
  },

  async messages(customerId) {
    const table = tableName('Messages');
    const listed = await dynamo().send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :customer',
        ExpressionAttributeValues: { ':customer': customerMessagesPartition(customerId) },
        ScanIndexForward: false,
        Limit: MESSAGES_SHOWN,
      }),
    );
    let keys = (listed.Items ?? []).map((i) => ({ pk: i.pk, sk: i.sk }));
    const items: Record<string, unknown>[] = [];
    while (keys.length > 0) {
      const page = await dynamo().send(
        new BatchGetCommand({
          RequestItems: {
            // only what the journey shows: never the request, which holds the address and content
            [table]: {
              Keys: keys,
              ProjectionExpression:
                '#type, purpose, channel, #state, since, completedAt, complaintId, expiresAt',
              ExpressionAttributeNames: { '#type': 'type', '#state': 'state' },
            },
          },
        }),
      );
      items.push(...(page.Responses?.[table] ?? []));
      keys = (page.UnprocessedKeys?.[table]?.Keys ?? []) as typeof keys;
    }
    // a message past its 365 days is gone, though DynamoDB purges it days later
    const now = clock.now();
    return items
      .filter((m) => !hasExpired(m, now))
      .map((m) => ({
        messageType: m.type as string,
        ...(m.purpose !== undefined && { purpose: m.purpose as string }),
        ...(m.channel !== undefined && { channel: m.channel as string }),
        outcome: m.state as string,
        at: (m.completedAt ?? m.since) as string,
        ...(m.complaintId !== undefined && { complaintId: m.complaintId as string }),
      })) satisfies JourneyMessage[];
  },

  async claimsOf(policyNumber) {
    const { events, states } = await readPolicyJourney(policyNumber);
    return claimContexts(policyNumber, events, states, clock.now());
  },

  async policyEventsOf(policyNumber) {
    return (await readJourneyEvents(policyNumber))
      .filter((e) => !isClaimEventType(e.type))
      .map((e) => ({ type: e.type, occurredAt: e.occurredAt, data: e.data }));
  },
};
