/** Where a customer's journey is read from: Customers (policies, claims) and Complaints (history). */
import { dynamo, QueryCommand, tableName } from '#shared/aws/dynamo';
import { readJourneyEvents, readPolicyJourney } from '#shared/aws/journey-reader';
import { clock } from '#shared/clock';
import { isClaimEventType } from '#shared/contracts/core-events';
import { customerHistoryPartition } from '#shared/tables/complaints';
import { customerItemsPartition, POLICY_PREFIX } from '#shared/tables/customers';
import { claimContexts } from '../domain/claim-context';
import type { JourneyComplaint, JourneyPolicy, JourneySources } from '../domain/customer-journey';

/** A customer has a handful of complaints; a journey shows the newest of them. */
const COMPLAINTS_SHOWN = 50;

export const journeySources: JourneySources = {
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
