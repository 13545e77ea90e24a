/**
 * Privacy requests in the Privacy table: one item per request with the pointer to its next alert
 * (gsi1, bucketed by UTC hour like the SLA timers), and one marker item per alert given, written in
 * the same transaction as its outbox event so a retried or racing sweep never alerts twice.
 */
import { dynamo, GetCommand, PutCommand, QueryCommand, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import {
  privacyRequestKey,
  privacySweepCheckpointKey,
  REQUEST_ALERT_PREFIX,
  requestAlertKey,
  requestDueKey,
  requestDuePartition,
  requestIdOfKey,
} from '#shared/tables/privacy';
import { type AlertStage, alertStages, type PrivacyRequestStore } from '../domain/privacy-requests';
import type { PrivacyRequest } from '../domain/request-contracts';

const HOUR_MS = 3_600_000;
/** With no checkpoint yet, the sweep looks back two months of hour buckets (one GDPR period). */
const FIRST_SWEEP_LOOKBACK_HOURS = 62 * 24;
const hourOf = (instant: Date) => instant.toISOString().slice(0, 13);
const table = () => tableName('Privacy');
const ignoreRefusal = (error: Error) => {
  if (error.name !== 'ConditionalCheckFailedException') throw error;
};

function requestOf(item: Record<string, unknown>): PrivacyRequest {
  // `kind` names the item kind in every table; the request's own kind is stored as requestKind
  const { pk, sk, gsi1pk, gsi1sk, kind, requestKind, ...request } = item;
  return { ...request, kind: requestKind } as unknown as PrivacyRequest;
}

export const dynamoRequestStore: PrivacyRequestStore = {
  async get(requestId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: table(), Key: privacyRequestKey(requestId), ConsistentRead: true }),
    );
    return Item ? requestOf(Item) : undefined;
  },

  async create(request, nextAlertAt) {
    const { kind: requestKind, ...rest } = request;
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...privacyRequestKey(request.requestId),
          kind: 'privacy-request',
          requestKind,
          ...rest,
          ...(nextAlertAt ? requestDueKey(nextAlertAt, request.requestId) : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async dueRequests(now) {
    const checkpoint = await dynamo().send(
      new GetCommand({ TableName: table(), Key: privacySweepCheckpointKey, ConsistentRead: true }),
    );
    const from = checkpoint.Item?.hour
      ? new Date(`${checkpoint.Item.hour}:00:00.000Z`)
      : new Date(now.getTime() - FIRST_SWEEP_LOOKBACK_HOURS * HOUR_MS);
    const hours: string[] = [];
    for (let hour = from; hourOf(hour) <= hourOf(now); hour = new Date(hour.getTime() + HOUR_MS))
      hours.push(hourOf(hour));
    const ids: string[] = [];
    // one bucket at a time: a long clock jump reads many hours, and the bus is not in a hurry
    for (const hour of hours) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo().send(
          new QueryCommand({
            TableName: table(),
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :bucket AND gsi1sk <= :now',
            ExpressionAttributeValues: {
              ':bucket': requestDuePartition(hour),
              ':now': `${now.toISOString()}\uffff`,
            },
            ExclusiveStartKey: startKey,
          }),
        );
        ids.push(...(page.Items ?? []).map((item) => requestIdOfKey(String(item.pk))));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return ids;
  },

  async advanceCheckpoint(now) {
    await dynamo()
      .send(
        new PutCommand({
          TableName: table(),
          Item: { ...privacySweepCheckpointKey, hour: hourOf(now) },
          ConditionExpression: 'attribute_not_exists(pk) OR #hour < :hour',
          ExpressionAttributeNames: { '#hour': 'hour' },
          ExpressionAttributeValues: { ':hour': hourOf(now) },
        }),
      )
      .catch(ignoreRefusal);
  },

  async alertedStages(requestId) {
    const { Items = [] } = await dynamo().send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alert)',
        ExpressionAttributeValues: { ':pk': privacyRequestKey(requestId).pk, ':alert': REQUEST_ALERT_PREFIX },
        ConsistentRead: true,
      }),
    );
    const stages = Items.map((i) => String(i.stage));
    return new Set(alertStages.filter((s) => stages.includes(s)));
  },

  async recordAlert(requestId, stage: AlertStage, event) {
    try {
      await commitWithEvents(
        table(),
        [
          {
            Put: {
              TableName: table(),
              Item: {
                ...requestAlertKey(requestId, stage),
                kind: 'privacy-request-alert',
                stage,
                at: event.occurredAt,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
        [event],
      );
      return true;
    } catch (error) {
      if (refusedByCondition(error)) return false;
      throw error;
    }
  },

  async movePointer(request, nextAlertAt) {
    const next = nextAlertAt ? requestDueKey(nextAlertAt, request.requestId) : undefined;
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: table(),
          Key: privacyRequestKey(request.requestId),
          UpdateExpression: next ? 'SET gsi1pk = :pk, gsi1sk = :sk' : 'REMOVE gsi1pk, gsi1sk',
          // a change since has set its own pointer from the state it wrote
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: {
            ':version': request.version,
            ...(next ? { ':pk': next.gsi1pk, ':sk': next.gsi1sk } : {}),
          },
        }),
      )
      .catch(ignoreRefusal);
  },
};
