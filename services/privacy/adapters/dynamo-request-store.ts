/**
 * Privacy requests in the Privacy table: one item per request with the pointer to its next alert
 * (gsi1, bucketed by UTC hour like the SLA timers), and one marker item per alert given, written in
 * the same transaction as its outbox event so a retried or racing sweep never alerts twice.
 */
import { advanceCheckpoint, type DuePointerIndex, duePointers } from '#shared/aws/due-pointers';
import {
  dynamo,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  tableName,
  UpdateCommand,
} from '#shared/aws/dynamo';
import { clock } from '#shared/clock';
import { Conflict } from '#shared/domain/errors';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import { hasExpired } from '#shared/tables/expiry';
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
import { recordExpiresAt } from '../domain/retention-rules';

const table = () => tableName('Privacy');
const requestDueIndex = (): DuePointerIndex => ({
  table: table(),
  index: 'gsi1',
  partitionOf: requestDuePartition,
  checkpointKey: privacySweepCheckpointKey,
  // with no checkpoint yet, the sweep looks back two months (one GDPR period)
  firstSweepLookbackHours: 62 * 24,
  dueUpTo: (now) => `${now.toISOString()}\uffff`,
});
/**
 * The update that SETs `fields` and the next version on the request, only while it is at its version
 * and in the status `from`.
 */
function advanceUpdate(
  request: PrivacyRequest,
  fields: Record<string, unknown>,
  from: PrivacyRequest['status'],
  remove = '',
) {
  const names = Object.keys(fields);
  return {
    TableName: table(),
    Key: privacyRequestKey(request.requestId),
    UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')}, version = :next${remove}`,
    ConditionExpression: 'version = :version AND #status = :from',
    ExpressionAttributeNames: {
      '#status': 'status',
      ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
    },
    ExpressionAttributeValues: {
      ':version': request.version,
      ':next': request.version + 1,
      ':from': from,
      ...Object.fromEntries(names.map((n, i) => [`:f${i}`, fields[n]])),
    },
  };
}

const movedOn = (request: PrivacyRequest) =>
  new Conflict(`Request ${request.requestId} changed meanwhile (another completion?); read it again.`);

async function advance(
  request: PrivacyRequest,
  fields: Record<string, unknown>,
  from: PrivacyRequest['status'],
  remove = '',
) {
  try {
    await dynamo().send(new UpdateCommand(advanceUpdate(request, fields, from, remove)));
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    throw movedOn(request);
  }
  return { ...request, ...fields, version: request.version + 1 } as PrivacyRequest;
}

const ignoreRefusal = (error: Error) => {
  if (error.name !== 'ConditionalCheckFailedException') throw error;
};

/** The request's alert markers (at most one per stage: a single page). */
async function requestAlerts(requestId: string) {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alert)',
      ExpressionAttributeValues: { ':pk': privacyRequestKey(requestId).pk, ':alert': REQUEST_ALERT_PREFIX },
      ConsistentRead: true,
    }),
  );
  return Items;
}

const alertKeys = async (requestId: string) =>
  (await requestAlerts(requestId)).map((item) => ({ pk: item.pk, sk: item.sk }));

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
    // a request past its retention is gone, though DynamoDB may purge it days later
    return Item && !hasExpired(Item, clock.now()) ? requestOf(Item) : undefined;
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
    const { items } = await duePointers(requestDueIndex(), now);
    return items.map((item) => requestIdOfKey(String(item.pk)));
  },

  async advanceCheckpoint(now) {
    await advanceCheckpoint(requestDueIndex(), now);
  },

  async alertedStages(requestId) {
    const stages = (await requestAlerts(requestId)).map((i) => String(i.stage));
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

  async startErasure(request, event) {
    const fields = { status: 'erasing' };
    try {
      await commitWithEvents(table(), [{ Update: advanceUpdate(request, fields, 'open') }], [event]);
    } catch (error) {
      if (refusedByCondition(error)) throw movedOn(request);
      throw error;
    }
    return { ...request, ...fields, version: request.version + 1 } as PrivacyRequest;
  },

  planErasure: (request, holds) => advance(request, { erasure: { holds } }, 'erasing'),

  async complete(request, outcome) {
    // the request's retention starts at its completion; its alerts (written only while it was
    // open, so all of them exist by now) end with it. A completed request is alerted no more: its
    // pointer goes
    const expiresAt = recordExpiresAt('Privacy', 'privacy-request', outcome, { now: clock.now() });
    const fields = { ...outcome, status: 'completed', expiresAt };
    const alerts = await alertKeys(request.requestId);
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            // from the status read: `erasing` for an erasure, `open` for the others
            { Update: advanceUpdate(request, fields, request.status, ' REMOVE gsi1pk, gsi1sk') },
            ...alerts.map((Key) => ({
              Update: {
                TableName: table(),
                Key,
                UpdateExpression: 'SET expiresAt = :expiresAt',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':expiresAt': expiresAt },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      if (refusedByCondition(error)) throw movedOn(request);
      throw error;
    }
    return { ...request, ...fields, version: request.version + 1 } as PrivacyRequest;
  },

  async markExported(requestId, at) {
    // no new version: marking an export races no completion (which reads it, and keeps what it read)
    await dynamo().send(
      new UpdateCommand({
        TableName: table(),
        Key: privacyRequestKey(requestId),
        UpdateExpression: 'SET exportedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
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
