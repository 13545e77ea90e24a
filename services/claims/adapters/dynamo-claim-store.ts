/**
 * Claim states in the Customers table (shared/tables/claims.ts): one item per claim with its stage,
 * last progress and, while a stall is pending, its entry on the stall index (gsi4, by due hour).
 */
import {
  ConditionalCheckFailedException,
  dynamo,
  GetCommand,
  PutCommand,
  QueryCommand,
  tableName,
  UpdateCommand,
} from '#shared/aws/dynamo';
import type { EventEnvelope } from '#shared/contracts/events/index';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import { claimStateKey, stallPartition, stallSortKey, stallSweepCheckpointKey } from '#shared/tables/claims';
import type { ClaimState, ClaimStore, StallStore } from '../domain/ports';

const HOUR_MS = 3_600_000;
const hourOf = (instant: Date) => instant.toISOString().slice(0, 13);
/** The first sweep (no checkpoint) reads this far back. */
const FIRST_SWEEP_LOOKBACK_HOURS = 30 * 24;

function stateUpdate(state: ClaimState, now: Date) {
  const due = state.stallDueAt;
  // a stall already due goes in the current hour's bucket, where the next sweep looks
  const bucket = due && hourOf(new Date(Math.max(Date.parse(due), now.getTime())));
  return {
    TableName: tableName('Customers'),
    Key: claimStateKey(state.claimNumber),
    UpdateExpression:
      'SET kind = :kind, claimNumber = :claim, policyNumber = :policy, stage = :stage, lastProgressAt = :progress' +
      (state.customerId ? ', customerId = :customer' : '') +
      (due ? ', stallDueAt = :due, gsi4pk = :bucket, gsi4sk = :sk' : ' REMOVE stallDueAt, gsi4pk, gsi4sk'),
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
      const table = tableName('Customers');
      const checkpoint = await dynamo().send(
        new GetCommand({ TableName: table, Key: stallSweepCheckpointKey }),
      );
      const from = checkpoint.Item?.hour
        ? new Date(`${checkpoint.Item.hour}:00:00.000Z`)
        : new Date(at.getTime() - FIRST_SWEEP_LOOKBACK_HOURS * HOUR_MS);
      const claims: string[] = [];
      for (let hour = from; hourOf(hour) <= hourOf(at); hour = new Date(hour.getTime() + HOUR_MS)) {
        let cursor: Record<string, unknown> | undefined;
        do {
          const page = await dynamo().send(
            new QueryCommand({
              TableName: table,
              IndexName: 'gsi4',
              KeyConditionExpression: 'gsi4pk = :bucket AND gsi4sk <= :now',
              ExpressionAttributeValues: {
                ':bucket': stallPartition(hourOf(hour)),
                ':now': `${at.toISOString()}#~`,
              },
              ExclusiveStartKey: cursor,
            }),
          );
          for (const item of page.Items ?? []) claims.push(item.claimNumber as string);
          cursor = page.LastEvaluatedKey;
        } while (cursor);
      }
      return claims;
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

    async checkpoint(at) {
      await dynamo()
        .send(
          new PutCommand({
            TableName: tableName('Customers'),
            Item: { ...stallSweepCheckpointKey, hour: hourOf(at) },
            ConditionExpression: 'attribute_not_exists(pk) OR #hour < :hour',
            ExpressionAttributeNames: { '#hour': 'hour' },
            ExpressionAttributeValues: { ':hour': hourOf(at) },
          }),
        )
        .catch((error) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    },
  };
}
