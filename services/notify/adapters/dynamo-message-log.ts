/**
 * The notification log in the Messages table: one item per message key (claimed, sent, failed,
 * suppressed or deferred), listed under its complaint (gsi1) and, while deferred, under the hour it
 * becomes sendable (gsi2). Outcomes leave as events through this table's outbox. A message waiting
 * to go keeps its whole request; a sent one keeps only what renders it again (domain/rendered-from.ts).
 */
import {
  ConditionalCheckFailedException,
  dynamo,
  GetCommand,
  PutCommand,
  tableName,
  UpdateCommand,
} from '#shared/aws/dynamo';
import { clock } from '#shared/clock';
import { commitWithEvents } from '#shared/outbox/outbox';
import {
  claimListing,
  complaintMessageListing,
  customerMessageListing,
  deferredPartition,
  messageKey as messageItemKey,
  suppressionKey,
} from '#shared/tables/messages';
import type { ClaimResult, MessageLog } from '../domain/deliver';
import type { NotificationRequest } from '../domain/notification';
import { renderedFrom } from '../domain/rendered-from';
import type { Suppression } from '../domain/ses-feedback';

/** Message records are kept a year: long enough to answer any "did you tell me?" */
const RETENTION_SECONDS = 365 * 24 * 3600;
const hourOf = (d: Date) => d.toISOString().slice(0, 13);

function listing(request: NotificationRequest, at: Date): { gsi1pk?: string; gsi1sk?: string } {
  return request.complaintId ? complaintMessageListing(request.complaintId, at, request.key) : {};
}

/**
 * Messages to the customer (not staff alerts about them) are listed under the customer for their
 * journey, when first logged; a re-deferral leaves this listing where it is.
 */
function customerListing(request: NotificationRequest, at: Date) {
  return request.customerId && request.recipient.kind === 'customer'
    ? customerMessageListing(request.customerId, at, request.key)
    : {};
}

export const dynamoMessageLog: MessageLog = {
  async claim(request, at, realMs, leaseSeconds) {
    const table = tableName('Messages');
    try {
      await dynamo().send(
        new PutCommand({
          TableName: table,
          Item: {
            ...messageItemKey(request.key),
            kind: 'message',
            state: 'sending',
            since: at.toISOString(),
            claimedAtMs: realMs,
            // the deferred sweep looks for claims whose lease is over (their owner died)
            ...claimListing(realMs + leaseSeconds * 1000, request.key),
            type: request.type,
            purpose: request.purpose,
            channel: request.recipient.channel,
            recipientKind: request.recipient.kind,
            complaintId: request.complaintId,
            request,
            ...listing(request, at),
            ...customerListing(request, at),
            expiresAt: Math.floor(at.getTime() / 1000) + RETENTION_SECONDS,
          },
          // a deferred message is claimed by the sweep that hands it back
          ConditionExpression: 'attribute_not_exists(pk) OR #state = :deferred',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':deferred': 'deferred' },
        }),
      );
      return { state: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await dynamo().send(
        new GetCommand({ TableName: table, Key: messageItemKey(request.key), ConsistentRead: true }),
      );
      const item = existing.Item ?? {};
      if (item.state !== 'sending') return { state: item.state } as ClaimResult;
      // claims written before leases were measured in real time carry only their business time
      return { state: 'sending', claimedAtMs: item.claimedAtMs ?? Date.parse(item.since) };
    }
  },

  async takeOver(request, claimedAtMs, realMs, leaseSeconds) {
    const listing = claimListing(realMs + leaseSeconds * 1000, request.key);
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName('Messages'),
          Key: messageItemKey(request.key),
          UpdateExpression: 'SET claimedAtMs = :now, gsi2pk = :bucket, gsi2sk = :end',
          ConditionExpression:
            '#state = :sending AND (claimedAtMs = :claimed OR attribute_not_exists(claimedAtMs))',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':now': realMs,
            ':claimed': claimedAtMs,
            ':sending': 'sending',
            ':bucket': listing.gsi2pk,
            ':end': listing.gsi2sk,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async complete(request, outcome, event) {
    const table = tableName('Messages');
    // The request (address, quiet hours, care tag) is transport: it goes. A message sent keeps
    // what renders it again for the customer's access export, without the address or a link's
    // token, for as long as the log keeps it; one never sent keeps nothing of its content.
    const sent = outcome.state === 'sent';
    await commitWithEvents(
      table,
      [
        {
          Update: {
            TableName: table,
            Key: messageItemKey(request.key),
            UpdateExpression: `SET #state = :state, providerId = :provider, reason = :reason, completedAt = :at${sent ? ', renderedFrom = :renderedFrom' : ''} REMOVE #request, gsi2pk, gsi2sk`,
            ConditionExpression: '#state = :sending',
            // both are DynamoDB reserved words
            ExpressionAttributeNames: { '#state': 'state', '#request': 'request' },
            ExpressionAttributeValues: {
              ':state': outcome.state,
              ':provider': outcome.providerId ?? null,
              ':reason': outcome.reason ?? null,
              ':at': event.occurredAt,
              ':sending': 'sending',
              ...(sent && { ':renderedFrom': renderedFrom(request) }),
            },
          },
        },
      ],
      [event],
    );
  },

  async release(request, due) {
    // the claim becomes a deferred message due now (one conditional update, so a crash leaves
    // either the claim, which lapses to the sweep, or the deferred item, which the sweep sends)
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: tableName('Messages'),
          Key: messageItemKey(request.key),
          UpdateExpression:
            'SET #state = :deferred, since = :due, deferredAt = :now, gsi2pk = :bucket, gsi2sk = :listed REMOVE claimedAtMs',
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':deferred': 'deferred',
            ':sending': 'sending',
            ':due': due.toISOString(),
            ':now': clock.now().toISOString(),
            ':bucket': deferredPartition(hourOf(due)),
            ':listed': `${due.toISOString()}#${request.key}`,
          },
        }),
      )
      .catch((error: Error) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  },

  async defer(request, until, again) {
    try {
      if (again) {
        // still quiet when the sweep came: the same item moves to its new hour (gsi2) and keeps
        // when it was first held back
        await dynamo().send(
          new UpdateCommand({
            TableName: tableName('Messages'),
            Key: messageItemKey(request.key),
            UpdateExpression: `SET since = :until, gsi2pk = :bucket, gsi2sk = :due, expiresAt = :expires${request.complaintId ? ', gsi1sk = :listed' : ''}`,
            ConditionExpression: '#state = :deferred',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':until': until.toISOString(),
              ':bucket': deferredPartition(hourOf(until)),
              ':due': `${until.toISOString()}#${request.key}`,
              ':expires': Math.floor(until.getTime() / 1000) + RETENTION_SECONDS,
              ':deferred': 'deferred',
              ...(request.complaintId && { ':listed': listing(request, until).gsi1sk }),
            },
          }),
        );
        return true;
      }
      await dynamo().send(
        new PutCommand({
          TableName: tableName('Messages'),
          Item: {
            ...messageItemKey(request.key),
            kind: 'message',
            state: 'deferred',
            since: until.toISOString(),
            // when it was held back, for the case timeline (since is when it will go)
            deferredAt: clock.now().toISOString(),
            type: request.type,
            channel: request.recipient.channel,
            complaintId: request.complaintId,
            request,
            ...listing(request, until),
            ...customerListing(request, until),
            gsi2pk: deferredPartition(hourOf(until)),
            gsi2sk: `${until.toISOString()}#${request.key}`,
            expiresAt: Math.floor(until.getTime() / 1000) + RETENTION_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },

  async isSuppressed(address) {
    const found = await dynamo().send(
      new GetCommand({ TableName: tableName('Messages'), Key: suppressionKey(address) }),
    );
    return found.Item !== undefined;
  },
};

/**
 * Puts an address on the suppression list. The first record stands: a second bounce or a
 * redelivered event changes nothing, so recording is idempotent.
 */
export async function recordSuppression(
  suppression: Suppression,
): Promise<'recorded' | 'already-suppressed'> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName('Messages'),
        Item: {
          ...suppressionKey(suppression.address),
          kind: 'suppression',
          reason: suppression.reason,
          suppressedAt: suppression.at,
          feedbackId: suppression.feedbackId,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'recorded';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'already-suppressed';
    throw error;
  }
}
