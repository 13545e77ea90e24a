/**
 * Triage's view of the Complaints and Customers tables. A customer's profile past its `expiresAt`
 * gives no facts, as once DynamoDB has purged it.
 */

import { readComplaint } from '#shared/aws/complaint-reader';
import { dynamo, QueryCommand, tableName } from '#shared/aws/dynamo';
import { getUnexpired } from '#shared/aws/unexpired-item';
import { clock } from '#shared/clock';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import {
  complaintKey,
  customerHistoryPartition,
  teamQueuePartition,
  timelineKey,
} from '#shared/tables/complaints';
import { customerProfileKey } from '#shared/tables/customers';
import { linkedClaims } from '../../claims/adapters/linked-claims';
import type { TriageStore } from '../domain/triage-complaint';

export const dynamoTriageStore: TriageStore = {
  loadComplaint: readComplaint,

  async customerFacts(customerId) {
    const profile = await getUnexpired(
      {
        TableName: tableName('Customers'),
        Key: customerProfileKey(customerId),
        ProjectionExpression: 'birthDate, tier',
      },
      clock.now(),
    );
    return profile as { birthDate?: string; tier?: string } | undefined;
  },

  claimsOf: (link) => linkedClaims(link, clock.now()),

  async hasEarlierComplaint(customerKey, since, complaint) {
    const result = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Complaints'),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': customerHistoryPartition(customerKey),
          ':from': since.toISOString(),
          ':to': `${complaint.receivedAt}#${complaint.complaintId}`,
        },
        ProjectionExpression: 'complaintId',
      }),
    );
    return (result.Items ?? []).some((i) => i.complaintId !== complaint.complaintId);
  },

  async recordDecision(complaint, decision, event) {
    const table = tableName('Complaints');
    const at = clock.now().toISOString();
    try {
      await commitWithEvents(
        table,
        [
          {
            Update: {
              TableName: table,
              Key: complaintKey(complaint.complaintId),
              UpdateExpression:
                'SET #status = :triaged, category = :category, priority = :priority, team = :team, triage = :triage, ' +
                'gsi1pk = :queue, gsi1sk = if_not_exists(gsi1sk, :queueOrder), version = :next, updatedAt = :at',
              ConditionExpression: '#status = :received AND version = :version',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':triaged': 'triaged',
                ':received': 'received',
                ':category': decision.category,
                ':priority': decision.priority,
                ':team': decision.team,
                ':triage': { ...decision, decidedAt: at },
                ':queue': teamQueuePartition(decision.team),
                // the SLA service orders the queue by the earliest deadline; until it has, by receipt
                ':queueOrder': `${complaint.receivedAt}#${complaint.complaintId}`,
                ':version': complaint.version,
                ':next': complaint.version + 1,
                ':at': at,
              },
            },
          },
          {
            Put: {
              TableName: table,
              Item: {
                ...timelineKey(complaint.complaintId, at, event.id),
                kind: 'timeline',
                // the same shape as the case API's entries (services/cases/domain/case-work.ts)
                at,
                actor: 'triage',
                role: 'system',
                action: 'triaged',
                before: { status: complaint.status },
                after: {
                  status: 'triaged',
                  category: decision.category,
                  priority: decision.priority,
                  team: decision.team,
                },
                detail: { reasons: decision.reasons, rulesVersion: decision.rulesVersion },
              },
            },
          },
        ],
        [event],
      );
      return true;
    } catch (error) {
      if (refusedByCondition(error, 0)) {
        return false;
      }
      throw error;
    }
  },
};
