/**
 * Claim states in the Customers table (shared/tables/claims.ts): one item per claim with its stage,
 * last progress and, while a stall is pending, its entry on the stall index (gsi4, by due hour).
 */

import { advanceCheckpoint, type DuePointerIndex, duePointers, hourOf } from '#shared/aws/due-pointers';
import {
  ConditionalCheckFailedException,
  dynamo,
  GetCommand,
  tableName,
  UpdateCommand,
} from '#shared/aws/dynamo';
import type { EventEnvelope } from '#shared/contracts/events/index';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import { claimStateKey, stallPartition, stallSortKey, stallSweepCheckpointKey } from '#shared/tables/claims';
import type { ClaimState, ClaimStore, StallStore } from '../domain/ports';
import { writeRelationshipEnd } from './relationship-end-writes';

const stallIndex = (): DuePointerIndex => ({
  table: tableName('Customers'),
  index: 'gsi4',
  partitionOf: stallPartition,
  checkpointKey: stallSweepCheckpointKey,
  // the first sweep (no checkpoint) reads a month back
  firstSweepLookbackHours: 30 * 24,
  dueUpTo: (now) => `${now.toISOString()}#~`,
});

function stateUpdate(state: ClaimState, now: Date) {
  const due = state.stallDueAt;
  // a stall already due goes in the current hour's bucket, where the next sweep looks
  const bucket = due && hourOf(new Date(Math.max(Date.parse(due), now.getTime())));
  const ended = state.relationshipEndedAt !== undefined && state.expiresAt !== undefined;
  const sets = [
    'kind = :kind, claimNumber = :claim, policyNumber = :policy, stage = :stage, lastProgressAt = :progress',
    ...(state.customerId ? ['customerId = :customer'] : []),
    ...(due ? ['stallDueAt = :due, gsi4pk = :bucket, gsi4sk = :sk'] : []),
    ...(ended ? ['relationshipEndedAt = :ended, expiresAt = :expires'] : []),
  ];
  const removes = [
    ...(due ? [] : ['stallDueAt, gsi4pk, gsi4sk']),
    // the relationship's end is mirrored from the policy lookup the step was followed with
    ...(ended ? [] : ['relationshipEndedAt, expiresAt']),
  ];
  return {
    TableName: tableName('Customers'),
    Key: claimStateKey(state.claimNumber),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: 'attribute_not_exists(pk) OR lastProgressAt <= :progress',
    ExpressionAttributeValues: {
      ':kind': 'claim',
      ':claim': state.claimNumber,
      ':policy': state.policyNumber,
      ':stage': state.stage,
      ':progress': state.lastProgressAt,
      ...(state.customerId && { ':customer': state.customerId }),
      ...(due && {
        ':due': due,
        ':bucket': stallPartition(bucket!),
        ':sk': stallSortKey(due, state.claimNumber),
      }),
      ...(ended && { ':ended': state.relationshipEndedAt, ':expires': state.expiresAt }),
    },
  };
}

export function dynamoClaimStore(now: () => Date): ClaimStore & StallStore {
  return {
    async save(state, events: readonly EventEnvelope[]) {
      const update = stateUpdate(state, now());
      try {
        if (events.length === 0) await dynamo().send(new UpdateCommand(update));
        else await commitWithEvents(tableName('Customers'), [{ Update: update }], events);
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException || refusedByCondition(error, 0)) return false;
        throw error;
      }
    },

    async get(claimNumber) {
      const result = await dynamo().send(
        new GetCommand({
          TableName: tableName('Customers'),
          Key: claimStateKey(claimNumber),
          ConsistentRead: true,
        }),
      );
      return result.Item as ClaimState | undefined;
    },

    async publish(events) {
      await commitWithEvents(tableName('Customers'), [], events);
    },

    async dueStalls(at) {
      const { items } = await duePointers(stallIndex(), at);
      return items.map((item) => item.claimNumber as string);
    },

    async markStalled(claimNumber, lastProgressAt, event) {
      try {
        await commitWithEvents(
          tableName('Customers'),
          [
            {
              Update: {
                TableName: tableName('Customers'),
                Key: claimStateKey(claimNumber),
                UpdateExpression: 'SET stallNoticedFor = :progress REMOVE gsi4pk, gsi4sk',
                ConditionExpression:
                  'lastProgressAt = :progress AND (attribute_not_exists(stallNoticedFor) OR stallNoticedFor <> :progress)',
                ExpressionAttributeValues: { ':progress': lastProgressAt },
              },
            },
          ],
          [event],
        );
        return true;
      } catch (error) {
        if (refusedByCondition(error, 0)) return false;
        throw error;
      }
    },

    async clearStall(claimNumber) {
      await dynamo()
        .send(
          new UpdateCommand({
            TableName: tableName('Customers'),
            Key: claimStateKey(claimNumber),
            UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
            ConditionExpression: 'attribute_exists(pk)',
          }),
        )
        .catch((error) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    },

    setRelationshipEnd: (claimNumber, end) => writeRelationshipEnd(claimStateKey(claimNumber), end),

    async checkpoint(at) {
      await advanceCheckpoint(stallIndex(), at);
    },
  };
}
