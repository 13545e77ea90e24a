/**
 * Rectifications in the Quality table: one item per rectification (its version is the ETag), its
 * timeline entries and linked complaints in the same partition, the status index (gsi1) for lists
 * and the due-hour index (gsi2) for the overdue sweep. Every change is one transaction with its
 * timeline entry and, for alerts, its outbox events.
 */

import { advanceCheckpoint, type DuePointerIndex, duePointers } from '#shared/aws/due-pointers';
import { dynamo, GetCommand, PutCommand, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { queryAll } from '#shared/aws/query-all';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import {
  actionDueKey,
  actionDuePartition,
  complaintIdOfLinkKey,
  LINKED_COMPLAINT_PREFIX,
  linkedComplaintKey,
  OVERDUE_ALERT_PREFIX,
  overdueAlertKey,
  overdueAlertOfKey,
  qualitySweepCheckpointKey,
  RECTIFICATION_TIMELINE_PREFIX,
  rectificationIdOfKey,
  rectificationKey,
  rectificationPartition,
  rectificationStatusKey,
  rectificationStatusPartition,
  rectificationTimelineKey,
} from '#shared/tables/quality';
import type { Rectification, TimelineEntry } from '../domain/rectification-contracts';
import type { RectificationStore } from '../domain/rectification-work';

const table = () => tableName('Quality');
const actionDueIndex = (): DuePointerIndex => ({
  table: table(),
  index: 'gsi2',
  partitionOf: actionDuePartition,
  checkpointKey: qualitySweepCheckpointKey,
  // with no checkpoint yet, the sweep looks back a fortnight
  firstSweepLookbackHours: 14 * 24,
  dueUpTo: (now) => `${now.toISOString()}\uffff`,
});

function stateOf(item: Record<string, unknown>): Rectification {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, kind, ...r } = item;
  return r as unknown as Rectification;
}

const partitionItems = (rectificationId: string, prefix: string) =>
  queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': rectificationPartition(rectificationId), ':prefix': prefix },
    ConsistentRead: true,
  });

export const dynamoRectificationStore: RectificationStore = {
  async get(rectificationId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: table(), Key: rectificationKey(rectificationId), ConsistentRead: true }),
    );
    return Item ? stateOf(Item) : undefined;
  },

  async list(statuses) {
    const lists = await Promise.all(
      statuses.map((status) =>
        queryAll({
          TableName: table(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :status',
          ExpressionAttributeValues: { ':status': rectificationStatusPartition(status) },
        }),
      ),
    );
    return lists.flat().map(stateOf);
  },

  async timeline(rectificationId) {
    const items = await partitionItems(rectificationId, RECTIFICATION_TIMELINE_PREFIX);
    return items.map(
      ({ at, by, action, detail, version }) => ({ at, by, action, detail, version }) as TimelineEntry,
    );
  },

  async linkedComplaints(rectificationId) {
    const items = await partitionItems(rectificationId, LINKED_COMPLAINT_PREFIX);
    return items.map((i) => complaintIdOfLinkKey(String(i.sk)));
  },

  async save(step, expectedVersion, nextDueAt) {
    const r = step.next;
    const item = {
      ...rectificationKey(r.rectificationId),
      kind: 'rectification',
      ...r,
      ...rectificationStatusKey(r.status, r.createdAt, r.rectificationId),
      ...(nextDueAt ? actionDueKey(nextDueAt, r.rectificationId) : {}),
    };
    try {
      await commitWithEvents(
        table(),
        [
          {
            Put: {
              TableName: table(),
              Item: item,
              ...(expectedVersion === undefined
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : {
                    ConditionExpression: 'version = :expected',
                    ExpressionAttributeValues: { ':expected': expectedVersion },
                  }),
            },
          },
          {
            // the timeline is appended to, never rewritten
            Put: {
              TableName: table(),
              Item: {
                ...rectificationTimelineKey(r.rectificationId, step.entry.at, `v${step.entry.version}`),
                kind: 'rectification-timeline',
                ...step.entry,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
        [],
      );
      return true;
    } catch (error) {
      if (refusedByCondition(error)) return false;
      throw error;
    }
  },

  async dueRectifications(now) {
    const { items } = await duePointers(actionDueIndex(), now);
    return items.map((item) => rectificationIdOfKey(String(item.pk)));
  },

  async advanceCheckpoint(now) {
    await advanceCheckpoint(actionDueIndex(), now);
  },

  async alertedActions(rectificationId) {
    const items = await partitionItems(rectificationId, OVERDUE_ALERT_PREFIX);
    return new Set(
      items.map((i) => {
        const { actionId, dueDate } = overdueAlertOfKey(String(i.sk));
        return `${actionId}#${dueDate}`;
      }),
    );
  },

  async recordAlerts(rectificationId, alerts, events) {
    try {
      await commitWithEvents(
        table(),
        alerts.map((a) => ({
          Put: {
            TableName: table(),
            Item: { ...overdueAlertKey(rectificationId, a.actionId, a.dueDate), kind: 'overdue-alert' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        })),
        events,
      );
      return true;
    } catch (error) {
      if (refusedByCondition(error)) return false;
      throw error;
    }
  },

  async movePointer(r, nextDueAt) {
    const key = rectificationKey(r.rectificationId);
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: table(),
          Key: key,
          ...(nextDueAt
            ? {
                UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk',
                ExpressionAttributeValues: {
                  ':pk': actionDueKey(nextDueAt, r.rectificationId).gsi2pk,
                  ':sk': actionDueKey(nextDueAt, r.rectificationId).gsi2sk,
                  ':version': r.version,
                },
              }
            : {
                UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
                ExpressionAttributeValues: { ':version': r.version },
              }),
          // a save since has set its own pointer from the state it wrote
          ConditionExpression: 'version = :version',
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  },

  async link(rectificationId, complaintId, at) {
    await dynamo()
      .send(
        new PutCommand({
          TableName: table(),
          Item: {
            ...linkedComplaintKey(rectificationId, complaintId),
            kind: 'rectification-link',
            linkedAt: at,
          },
          // linked once: a repeated delivery keeps the first link's instant
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  },
};
