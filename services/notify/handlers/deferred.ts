/**
 * Every five minutes: sends the messages that waited for the end of quiet hours. deliver() checks
 * quiet hours again, so a message this sweep only reaches when it is night again waits once more.
 */
import { dynamo, QueryCommand, tableName } from '#shared/aws/dynamo';
import { scheduleHandler } from '#shared/middleware/schedule';
import { logger } from '#shared/observability/logger';
import { claimedPartition, deferredPartition } from '#shared/tables/messages';
import { readEffectiveProfile } from '../adapters/customer-profiles';
import { deliveryDeps } from '../adapters/deps';
import { careRefusal } from '../domain/care';
import { type DeliveryDeps, deliver } from '../domain/deliver';
import type { NotificationRequest } from '../domain/notification';
import { SendRateBusy } from '../domain/send-rate';

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
      const outcome = await deliver(request, deps, true);
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
        // a retryable failure released the claim, which deleted the deferred item: keep the message
        // deferred (due now) so a later sweep sends it; a claim still held makes this a no-op
        await deliveryDeps.log.defer(request, now);
        if (!(error instanceof SendRateBusy)) throw error;
        // the send rate is taken by others: the rest waits for the next sweep, in five minutes
        logger.info('send rate full, deferred sweep stops early', { sent });
        return { sent, stoppedEarly: true };
      }
    }
  }
  if (sent > 0) logger.info('deferred messages sent', { sent });
  const resolved = await resolveLapsedClaims();
  return { sent, resolved, stoppedEarly: false };
});
