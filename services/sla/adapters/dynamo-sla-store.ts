/**
 * Clocks and their timers in the Complaints table. A clock is an item `CLOCK#<name>` under its
 * complaint that carries its own next timer on gsi3, indexed by the hour it falls due
 * (`TIMER#2026-12-01T09`) and its instant, so a sweep reads only due timers: the cost grows with
 * the timers due, never with the number of open complaints. Timer items of the earlier layout
 * (`TIMER#<name>#<key>`, one per threshold) are still read from the same index and dropped once
 * their clock has moved on; none are written any more.
 */
import { isDeepStrictEqual } from 'node:util';
import { advanceCheckpoint, type DuePointerIndex, duePointers, hourOf } from '#shared/aws/due-pointers';
import {
  DeleteCommand,
  dynamo,
  GetCommand,
  PutCommand,
  QueryCommand,
  tableName,
  UpdateCommand,
} from '#shared/aws/dynamo';
import { clock as systemClock } from '#shared/clock';
import type { Complaint } from '#shared/contracts/complaint';
import type { EventEnvelope } from '#shared/contracts/events/index';
import { newId } from '#shared/ids';
import { commitWithEvents, refusedByCondition, type TransactItem } from '#shared/outbox/outbox';
import {
  CLOCK_PREFIX,
  clockKey,
  complaintKey,
  dueTimerOfSortKey,
  dueTimerPartition,
  dueTimerSortKey,
  sweepCheckpointKey,
  teamQueuePartition,
  timelineKey,
  timerKey,
} from '#shared/tables/complaints';
import type { SlaClock, SlaClockOrigin } from '../domain/clock';
import type { SlaPolicy } from '../domain/policy';
import { nextTimer, timersOf } from '../domain/timers';
import type {
  ComplaintFacts,
  ComplaintUpdate,
  DueTimer,
  EscalationUpdate,
  RegimeFacts,
  SlaStore,
} from '../domain/track-complaint';
import { inStep, queueOrderOf } from '../domain/track-complaint';
import { customerRegimeFacts } from './regime-facts';

const HOUR_MS = 3_600_000;
/**
 * The very first sweep (no checkpoint) looks back 100 days (once there is a checkpoint, one or two
 * hour buckets are read). A clock's entry is its earliest pending threshold, so its bucket can be
 * far older than its later thresholds; the first sweep still sweeps only clocks with a threshold
 * due in the last 48 hours, as when each threshold had an item of its own (FIRST_SWEEP_WINDOW_HOURS).
 */
const FIRST_SWEEP_LOOKBACK_HOURS = 100 * 24;
const FIRST_SWEEP_WINDOW_HOURS = 48;

const dueTimerIndex = (): DuePointerIndex => ({
  table: tableName('Complaints'),
  index: 'gsi3',
  partitionOf: dueTimerPartition,
  checkpointKey: sweepCheckpointKey,
  firstSweepLookbackHours: FIRST_SWEEP_LOOKBACK_HOURS,
  dueUpTo: (now) => `${now.toISOString()}\uffff`,
});

/** Whether an escalation moves the complaint's team or priority (else it only marks it escalated). */
const movesComplaint = (escalation: EscalationUpdate) =>
  escalation.team !== undefined || escalation.priority !== undefined;

/**
 * The case timeline entry of an automatic escalation, in the shape of the case API's entries: who
 * (the SLA service), what moved from what to what, and why. Written in the escalation's own
 * transaction, so a team or priority never changes without its entry, and never gets two; an
 * escalation that moves nothing has none.
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

/** Attributes of a clock item that are the table's, not the clock's. */
const STORAGE_ATTRIBUTES = ['pk', 'sk', 'kind', 'gsi3pk', 'gsi3sk', 'expiresAt'] as const;

/** A clock's origin as plain data, for comparing with the clock (undefined values are not stored). */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/**
 * The clock item as `save` writes it at `now`. A clock still equal to its origin (started, no input
 * has moved it) is stored without the copy: it is its own origin (read back by `clockOf`), which
 * keeps a new clock under 1 KB, one write unit. Its next timer rides on it as its gsi3 entry; a
 * timer already due goes in the current hour's bucket, where the next sweep looks. Exported for the
 * SLA sweep bench, which bulk-loads clocks exactly as `save` writes them.
 */
export function clockItem(clock: SlaClock, policy: SlaPolicy, now: Date): Record<string, unknown> {
  const { origin, ...rest } = clock;
  const { inputs, ...itself } = rest;
  const ownOrigin = origin !== undefined && isDeepStrictEqual(plain(origin), plain(itself));
  const timer = nextTimer(clock, policy);
  return {
    ...clockKey(clock.complaintId, clock.name),
    kind: 'sla-clock',
    ...(ownOrigin ? rest : clock),
    ...(timer && {
      gsi3pk: dueTimerPartition(hourOf(new Date(Math.max(timer.at.getTime(), now.getTime())))),
      gsi3sk: dueTimerSortKey(timer.at.toISOString(), clock.complaintId, clock.name, timer.key),
    }),
  };
}

/** The clock a stored item holds; one stored without its origin is its own. */
function clockOf(item: Record<string, unknown>): SlaClock {
  const clock = { ...item };
  for (const attribute of STORAGE_ATTRIBUTES) delete clock[attribute];
  if (clock.origin === undefined) {
    const { inputs, ...itself } = clock;
    clock.origin = itself as unknown as SlaClockOrigin;
  }
  return clock as unknown as SlaClock;
}

/** Whether a threshold of the clock falls due in the first sweep's window (the last 48 hours). */
function dueInWindow(clock: SlaClock, policy: SlaPolicy, now: Date): boolean {
  const from = now.getTime() - FIRST_SWEEP_WINDOW_HOURS * HOUR_MS;
  return timersOf(clock, policy).some((t) => t.at.getTime() >= from && t.at.getTime() <= now.getTime());
}

/** The complaint item's update for `update`, or undefined when it already holds it. */
function complaintWrite(complaint: ComplaintFacts, update: ComplaintUpdate, now: Date) {
  if (inStep(complaint, update)) return undefined;
  const set = ['gsi1sk = :queueOrder'];
  const remove: string[] = [];
  const values: Record<string, unknown> = {
    ':queueOrder': queueOrderOf(complaint.complaintId, update.queueDueAt),
  };
  if (update.customerDeadline) {
    set.push('customerDeadline = :deadline');
    values[':deadline'] = update.customerDeadline;
  } else remove.push('customerDeadline');
  if (update.escalation) {
    set.push('escalated = :true');
    values[':true'] = true;
    if (movesComplaint(update.escalation)) {
      set.push('version = version + :one', 'updatedAt = :now');
      Object.assign(values, { ':one': 1, ':now': now.toISOString() });
    }
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
  return {
    TableName: tableName('Complaints'),
    Key: complaintKey(complaint.complaintId),
    UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: values,
  };
}

const conditionFailed = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

export function dynamoSlaStore(policy: SlaPolicy): SlaStore {
  const table = () => tableName('Complaints');

  return {
    async complaint(complaintId) {
      const result = await dynamo().send(
        new GetCommand({
          TableName: table(),
          Key: complaintKey(complaintId),
          ProjectionExpression:
            'complaintId, #reference, receivedAt, #status, priority, team, assignee, #regime, customerDeadline, gsi1sk, expiresAt',
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
      return (result.Items ?? []).map(clockOf);
    },

    async save(complaint, writes, events, update) {
      const now = systemClock.now();
      const clockPuts = writes.map(({ clock, expectedVersion }) => ({
        TableName: table(),
        // an erased complaint's record expires at its retention hold's end, its clocks with it
        Item: {
          ...clockItem(clock, policy, now),
          ...(complaint.expiresAt && { expiresAt: complaint.expiresAt }),
        },
        ConditionExpression:
          expectedVersion === undefined ? 'attribute_not_exists(pk)' : 'version = :expected',
        ExpressionAttributeValues:
          expectedVersion === undefined ? undefined : { ':expected': expectedVersion },
      }));
      // The complaint item is written when what status lookup, the queue and notify read from it
      // changes (its customer deadline, its queue order) or an escalation moves it.
      const complaintUpdate = complaintWrite(complaint, update, now);
      if (complaintUpdate && writes.length === 0 && events.length === 0) {
        // a complaint item put right without a clock write: only over the queue order it was read with
        complaintUpdate.ConditionExpression =
          complaint.queueOrder === undefined
            ? 'attribute_exists(pk) AND attribute_not_exists(gsi1sk)'
            : 'gsi1sk = :held';
        if (complaint.queueOrder !== undefined)
          complaintUpdate.ExpressionAttributeValues[':held'] = complaint.queueOrder;
      }
      if (events.length === 0 && !update.escalation) {
        // Nothing to announce: a conditional write per clock, at half a transaction's price. Each
        // clock keeps the inputs it took, so a retry after a partial write takes none twice.
        const written = await Promise.allSettled(clockPuts.map((put) => dynamo().send(new PutCommand(put))));
        const failed = written.flatMap((w) => (w.status === 'rejected' ? [w.reason as unknown] : []));
        const unexpected = failed.find((error) => !conditionFailed(error));
        if (unexpected) throw unexpected;
        if (failed.length > 0) return false;
        if (complaintUpdate) {
          try {
            await dynamo().send(new UpdateCommand(complaintUpdate));
          } catch (error) {
            if (conditionFailed(error)) return false;
            throw error;
          }
        }
        return true;
      }
      const items: TransactItem[] = clockPuts.map((Put) => ({ Put }));
      // an escalation that moves nothing (the desk already has the case) leaves no entry
      if (update.escalation && movesComplaint(update.escalation))
        items.push(escalationEntry(complaint, update.escalation, now, events));
      if (complaintUpdate) items.push({ Update: complaintUpdate });
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
      const { items, firstSweep } = await duePointers(dueTimerIndex(), now);
      const due: DueTimer[] = [];
      for (const item of items) {
        // a clock's own entry: the instant and threshold are in its index key; a timer item of the
        // earlier layout names the clock version it was made for
        const { at, complaintId, clock, key } = dueTimerOfSortKey(String(item.gsi3sk));
        if (firstSweep && item.kind !== 'sla-timer' && !dueInWindow(clockOf(item), policy, now)) continue;
        due.push(
          (item.kind === 'sla-timer'
            ? { complaintId, clock, key, at, clockVersion: item.clockVersion }
            : { complaintId, clock, key, at }) as DueTimer,
        );
      }
      return due.sort((a, b) => a.at.localeCompare(b.at));
    },

    async advanceCheckpoint(now) {
      await advanceCheckpoint(dueTimerIndex(), now);
    },
  };
}
