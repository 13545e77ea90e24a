/**
 * Every minute: sends the messages that waited for the end of quiet hours, and those given back to
 * the log after a failed send or a busy rate (due now; a minute is as long as a retry of a message
 * whose queue copy is gone may wait). deliver() checks quiet hours again, so a message this sweep
 * only reaches when it is night again waits once more.
 */
import { dynamo, QueryCommand, tableName } from '#shared/aws/dynamo';
import { scheduleHandler } from '#shared/middleware/schedule';
import { logger } from '#shared/observability/logger';
import { RetryLater } from '#shared/retry-later';
import { claimedPartition, deferredPartition } from '#shared/tables/messages';
import { readEffectiveProfile } from '../adapters/customer-profiles';
import { deliveryDeps } from '../adapters/deps';
import { careRefusal } from '../domain/care';
import { type DeliveryDeps, deliver } from '../domain/deliver';
import type { NotificationRequest } from '../domain/notification';

/**
 * A held care message as the customer's profile stands now: the rules are vetted against it, and
 * its quiet hours are those of the customer's time zone and own hours now (they may have moved
 * overnight: a message held until 08:00 in Shanghai is midnight in London).
 */
async function asOfNow(held: NotificationRequest): Promise<[NotificationRequest, DeliveryDeps]> {
  const { care, customerId } = held;
  if (!care || !customerId) return [held, deliveryDeps];
  const profile = await readEffectiveProfile(customerId);
  const vet = async () => careRefusal(profile, care);
  if (!profile) return [held, { ...deliveryDeps, vet }];
  const { quietHours, ...recipient } = held.recipient;
  return [
    {
      ...held,
      recipient: {
        ...recipient,
        timeZone: profile.timeZone,
        ...(profile.quietHours && { quietHours: profile.quietHours }),
      },
    },
    { ...deliveryDeps, vet },
  ];
}

/** Quiet hours last 11 hours; a day of buckets covers them and any sweep that was missed. */
const LOOKBACK_HOURS = 24;

/**
 * Messages claimed by a delivery that died before it recorded the outcome: their lease (real time)
 * is over, so deliver() resolves each from the provider's receipts (sent, or sent now) or reports
 * it as outcome-unknown. Claims completed since leave the index.
 */
async function resolveLapsedClaims(): Promise<number> {
  const now = Date.now();
  let resolved = 0;
  for (let h = LOOKBACK_HOURS; h >= 0; h--) {
    const hour = new Date(now - h * 3_600_000).toISOString().slice(0, 13);
    const result = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Messages'),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :bucket AND gsi2sk <= :now',
        ExpressionAttributeValues: {
          ':bucket': claimedPartition(hour),
          ':now': `${new Date(now).toISOString()}\uffff`,
        },
      }),
    );
    for (const item of result.Items ?? []) {
      if (item.state !== 'sending' || !item.request) continue;
      const [request, deps] = await asOfNow(item.request as NotificationRequest);
      let outcome: string;
      try {
        outcome = await deliver(request, deps, true);
      } catch (error) {
        // taken over and sent, but the provider refused: it is deferred now, due at once
        if (!(error instanceof RetryLater)) throw error;
        outcome = 'held-for-retry';
      }
      logger.info('lapsed claim resolved', {
        type: request.type,
        channel: request.recipient.channel,
        outcome,
      });
      resolved++;
    }
  }
  return resolved;
}

export const handler = scheduleHandler(async () => {
  const now = deliveryDeps.clock.now();
  let sent = 0;
  for (let h = LOOKBACK_HOURS; h >= 0; h--) {
    const hour = new Date(now.getTime() - h * 3_600_000).toISOString().slice(0, 13);
    const result = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Messages'),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :bucket AND gsi2sk <= :now',
        ExpressionAttributeValues: {
          ':bucket': deferredPartition(hour),
          ':now': `${now.toISOString()}\uffff`,
        },
      }),
    );
    for (const item of result.Items ?? []) {
      if (item.state !== 'deferred') continue;
      const [request, deps] = await asOfNow(item.request as NotificationRequest);
      try {
        if ((await deliver(request, deps, true)) === 'sent') sent++;
      } catch (error) {
        // a failure after the claim gave the message back to the log, deferred and due now, and
        // one before it left the deferred item as it was: a later sweep sends it either way
        if (!(error instanceof RetryLater)) throw error;
        // the send rate is taken by others, or the provider throttles: the rest waits for the next sweep
        logger.info('deferred sweep stops early', { sent, why: error.name });
        return { sent, stoppedEarly: true };
      }
    }
  }
  if (sent > 0) logger.info('deferred messages sent', { sent });
  const resolved = await resolveLapsedClaims();
  return { sent, resolved, stoppedEarly: false };
});
