/**
 * Clocks and timers in the Complaints table. A clock is an item `CLOCK#<name>` under its
 * complaint; each of its timers an item `TIMER#<name>#<key>` indexed on gsi3 by the hour it falls
 * due (`TIMER#2026-12-01T09`) and its instant, so a sweep reads only due timers: the cost grows
 * with the timers due, never with the number of open complaints.
 */
import { DeleteCommand, dynamo, GetCommand, PutCommand, QueryCommand, tableName } from '#shared/aws/dynamo';
import { clock as systemClock } from '#shared/clock';
import type { Complaint } from '#shared/contracts/complaint';
import type { EventEnvelope } from '#shared/contracts/events/index';
import { newId } from '#shared/ids';
import { commitWithEvents, refusedByCondition, type TransactItem } from '#shared/outbox/outbox';
import {
  CLOCK_PREFIX,
  clockKey,
  complaintKey,
  dueTimerPartition,
  sweepCheckpointKey,
  teamQueuePartition,
  timelineKey,
  timerKey,
} from '#shared/tables/complaints';
import type { SlaClock } from '../domain/clock';
import type { SlaPolicy } from '../domain/policy';
import { timerKeys, timersOf } from '../domain/timers';
import type {
  ComplaintFacts,
  DueTimer,
  EscalationUpdate,
  RegimeFacts,
  SlaStore,
} from '../domain/track-complaint';
import { customerRegimeFacts } from './regime-facts';

const HOUR_MS = 3_600_000;
/** How far back the very first sweep looks. */
const FIRST_SWEEP_LOOKBACK_HOURS = 48;

const hourOf = (instant: Date) => instant.toISOString().slice(0, 13);

/**
 * The case timeline entry of an automatic escalation, in the shape of the case API's entries: who
 * (the SLA service), what moved from what to what, and why. Written in the escalation's own
 * transaction, so a team or priority never changes without its entry, and never gets two.
 */
function escalationEntry(
  complaint: ComplaintFacts,
  escalation: EscalationUpdate,
  now: Date,
  events: readonly EventEnvelope[],
): TransactItem {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of ['team', 'priority'] as const) {
    if (escalation[field] === undefined) continue;
    before[field] = complaint[field];
    after[field] = escalation[field];
  }
  const at = now.toISOString();
  return {
    Put: {
      TableName: tableName('Complaints'),
      Item: {
        ...timelineKey(complaint.complaintId, at, events[0]?.id ?? newId()),
        kind: 'timeline',
        at,
        actor: 'sla',
        role: 'system',
        action: 'escalated',
        before,
        after,
        detail: { clock: escalation.clock, reason: escalation.reason },
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const sameDeadline = (
  held: ComplaintFacts['customerDeadline'],
  wanted: { readonly name: string; readonly dueAt: string } | null,
) => (held ? wanted !== null && held.name === wanted.name && held.dueAt === wanted.dueAt : wanted === null);

export function dynamoSlaStore(policy: SlaPolicy): SlaStore {
  const table = () => tableName('Complaints');

  return {
    async complaint(complaintId) {
      const result = await dynamo().send(
        new GetCommand({
          TableName: table(),
          Key: complaintKey(complaintId),
          ProjectionExpression:
            'complaintId, #reference, receivedAt, #status, priority, team, assignee, #regime, customerDeadline, gsi1sk',
          // status and reference are DynamoDB reserved words
          ExpressionAttributeNames: { '#status': 'status', '#reference': 'reference', '#regime': 'regime' },
          ConsistentRead: true,
        }),
      );
      if (!result.Item) return undefined;
      const { gsi1sk, ...facts } = result.Item;
      return { ...facts, queueOrder: gsi1sk } as ComplaintFacts;
    },

    async regimeFacts(complaintId): Promise<RegimeFacts> {
      const found = await dynamo().send(
        new GetCommand({
          TableName: table(),
          Key: complaintKey(complaintId),
          ProjectionExpression: 'customerId, policyNumber',
        }),
      );
      const complaint = found.Item as Pick<Complaint, 'customerId' | 'policyNumber'> | undefined;
      return customerRegimeFacts(complaint?.customerId, complaint?.policyNumber);
    },

    async clocks(complaintId) {
      const result = await dynamo().send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :clock)',
          ExpressionAttributeValues: { ':pk': complaintKey(complaintId).pk, ':clock': CLOCK_PREFIX },
          ConsistentRead: true,
        }),
      );
      return (result.Items ?? []).map(({ pk, sk, kind, ...clock }) => clock as SlaClock);
    },

    async save(complaint, writes, events, update) {
      const now = systemClock.now();
      const items: TransactItem[] = [];
      for (const { clock, expectedVersion, previous } of writes) {
        items.push({
          Put: {
            TableName: table(),
            Item: { ...clockKey(clock.complaintId, clock.name), kind: 'sla-clock', ...clock },
            ConditionExpression:
              expectedVersion === undefined ? 'attribute_not_exists(pk)' : 'version = :expected',
            ExpressionAttributeValues:
              expectedVersion === undefined ? undefined : { ':expected': expectedVersion },
          },
        });
        const timers = new Map(timersOf(clock, policy).map((t) => [t.key, t]));
        // the timer items that exist are those of the stored clock (written with it, in its
        // transaction): only those are deleted, never keys that were never written (each delete
        // is billed as a write, found or not)
        const existing = new Set(previous ? timersOf(previous, policy).map((t) => t.key) : []);
        for (const key of timerKeys(policy)) {
          const timer = timers.get(key);
          const keyOf = timerKey(clock.complaintId, clock.name, key);
          if (!timer) {
            if (existing.has(key)) items.push({ Delete: { TableName: table(), Key: keyOf } });
            continue;
          }
          // a timer already due goes in the current hour's bucket, where the next sweep looks
          const bucket = hourOf(new Date(Math.max(timer.at.getTime(), now.getTime())));
          items.push({
            Put: {
              TableName: table(),
              Item: {
                ...keyOf,
                kind: 'sla-timer',
                complaintId: clock.complaintId,
                clock: clock.name,
                key,
                at: timer.at.toISOString(),
                clockVersion: clock.version,
                gsi3pk: dueTimerPartition(bucket),
                gsi3sk: `${timer.at.toISOString()}#${clock.complaintId}#${clock.name}#${key}`,
              },
            },
          });
        }
      }
      // complaints with nothing running sort after every live deadline
      const queueOrder = `${update.queueDueAt ?? '9999-12-31T23:59:59.999Z'}#${complaint.complaintId}`;
      // The complaint item is written when what status lookup, the queue and notify read from it
      // changes (its customer deadline, its queue order) or an escalation moves it; otherwise the
      // clocks' transaction leaves it alone.
      const unchanged =
        !update.escalation &&
        complaint.queueOrder === queueOrder &&
        sameDeadline(complaint.customerDeadline, update.customerDeadline);
      const set = ['gsi1sk = :queueOrder'];
      const remove: string[] = [];
      const values: Record<string, unknown> = { ':queueOrder': queueOrder };
      if (update.customerDeadline) {
        set.push('customerDeadline = :deadline');
        values[':deadline'] = update.customerDeadline;
      } else remove.push('customerDeadline');
      if (update.escalation) {
        set.push('escalated = :true', 'version = version + :one', 'updatedAt = :now');
        Object.assign(values, { ':true': true, ':one': 1, ':now': now.toISOString() });
        if (update.escalation.priority) {
          set.push('priority = :priority');
          values[':priority'] = update.escalation.priority;
        }
        if (update.escalation.team) {
          set.push('team = :team', 'gsi1pk = :teamQueue');
          Object.assign(values, {
            ':team': update.escalation.team,
            ':teamQueue': teamQueuePartition(update.escalation.team),
          });
        }
      }
      if (update.escalation) items.push(escalationEntry(complaint, update.escalation, now, events));
      if (!unchanged)
        items.push({
          Update: {
            TableName: table(),
            Key: complaintKey(complaint.complaintId),
            UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: values,
          },
        });
      try {
        await commitWithEvents(table(), items, events);
        return true;
      } catch (error) {
        if (refusedByCondition(error)) {
          return false;
        }
        throw error;
      }
    },

    async dropTimer(timer) {
      await dynamo()
        .send(
          new DeleteCommand({
            TableName: table(),
            Key: timerKey(timer.complaintId, timer.clock, timer.key),
            ConditionExpression: 'clockVersion = :v',
            ExpressionAttributeValues: { ':v': timer.clockVersion },
          }),
        )
        .catch((error: Error) => {
          // replaced by a newer timer meanwhile: leave that one alone
          if (error.name !== 'ConditionalCheckFailedException') throw error;
        });
    },

    async dueTimers(now) {
      const checkpoint = await dynamo().send(
        new GetCommand({ TableName: table(), Key: sweepCheckpointKey, ConsistentRead: true }),
      );
      const from = checkpoint.Item?.hour
        ? new Date(`${checkpoint.Item.hour}:00:00.000Z`)
        : new Date(now.getTime() - FIRST_SWEEP_LOOKBACK_HOURS * HOUR_MS);
      const due: DueTimer[] = [];
      for (
        let hour = new Date(from);
        hourOf(hour) <= hourOf(now);
        hour = new Date(hour.getTime() + HOUR_MS)
      ) {
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await dynamo().send(
            new QueryCommand({
              TableName: table(),
              IndexName: 'gsi3',
              KeyConditionExpression: 'gsi3pk = :bucket AND gsi3sk <= :now',
              ExpressionAttributeValues: {
                ':bucket': dueTimerPartition(hourOf(hour)),
                ':now': `${now.toISOString()}\uffff`,
              },
              ExclusiveStartKey: startKey,
            }),
          );
          for (const item of page.Items ?? []) {
            due.push({
              complaintId: item.complaintId,
              clock: item.clock,
              key: item.key,
              at: item.at,
              clockVersion: item.clockVersion,
            } as DueTimer);
          }
          startKey = page.LastEvaluatedKey;
        } while (startKey);
      }
      return due.sort((a, b) => a.at.localeCompare(b.at));
    },

    async advanceCheckpoint(now) {
      await dynamo()
        .send(
          new PutCommand({
            TableName: table(),
            Item: { ...sweepCheckpointKey, hour: hourOf(now) },
            ConditionExpression: 'attribute_not_exists(pk) OR #hour < :hour',
            ExpressionAttributeNames: { '#hour': 'hour' },
            ExpressionAttributeValues: { ':hour': hourOf(now) },
          }),
        )
        .catch((error: Error) => {
          if (error.name !== 'ConditionalCheckFailedException') throw error;
        });
    },
  };
}
