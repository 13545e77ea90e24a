/**
 * The send-rate limit on AWS: per-second permit counters in the Messages table, shared by every
 * concurrent invocation of every function that sends, and a decorator that takes a permit before
 * each provider call. Rates are settings (CDK sets them from the stage config) looked up on every
 * send, so the local cloud's tests and bench can change them between bursts (with `reloadSettings`).
 */
import { ConditionalCheckFailedException, dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { type Settings, settings } from '#shared/config/settings';
import { isThrottled } from '#shared/retry-later';
import { sendPermitKey } from '#shared/tables/messages';
import type { SendRateGate } from '../domain/deliver';
import {
  PermitLatency,
  PermitPools,
  type RealTime,
  rateFor,
  type SendChannel,
  type SendPermits,
  type SendRate,
  withSendPermit,
} from '../domain/send-rate';

/** SES's starting quota outside the sandbox is 14 messages/s; SMS origination numbers vary, 20 is typical. */
export const DEFAULT_SEND_RATES: Record<SendChannel, number> = { email: 14, sms: 20 };
/** A third of notify-events' 20 s timeout: a batch's records wait in parallel, so this bounds the batch. */
export const DEFAULT_MAX_WAIT_MS = 7_000;
/** A counter is only read during its own second; a minute keeps the table clean without racing it. */
const PERMIT_TTL_SECONDS = 60;

/** The counter's value from a write's answer or refusal (the refusal's item is not unmarshalled). */
function counterOf(item: Record<string, unknown> | undefined): number | undefined {
  const n = item?.n as number | { N?: string } | undefined;
  const value = typeof n === 'number' ? n : Number(n?.N);
  return Number.isFinite(value) ? value : undefined;
}

export const dynamoSendPermits: SendPermits = {
  async reserve(channel, second, limit, count) {
    try {
      const written = await dynamo().send(
        new UpdateCommand({
          TableName: tableName('Messages'),
          Key: sendPermitKey(channel, second),
          UpdateExpression: 'ADD #n :count SET expiresAt = if_not_exists(expiresAt, :expires)',
          // all `count` permits or none: the counter never passes the limit
          ConditionExpression: 'attribute_not_exists(#n) OR #n <= :room',
          ExpressionAttributeNames: { '#n': 'n' },
          ExpressionAttributeValues: {
            ':count': count,
            ':room': limit - count,
            ':expires': second + PERMIT_TTL_SECONDS,
          },
          // the counter after the write, so the pool knows when the second is used up
          ReturnValues: 'UPDATED_NEW',
          // and on a refusal what it stood at, so it asks once more for exactly what is left
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { granted: true, counted: counterOf(written.Attributes) };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        return { granted: false, counted: counterOf(error.Item as Record<string, unknown> | undefined) };
      }
      // the counter's write stayed throttled through the SDK's retries: no permit this second, so
      // the send waits for the next one like any other and, if that lasts, comes back later as
      // SendRateBusy; never a failed record (the fault suite dead-lettered an acknowledgement whose
      // permit writes, one per second while it waited, met the throttle on all five receives)
      if (isThrottled(error)) return { granted: false };
      throw error;
    }
  },
};

export const realTime: RealTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** `EMAIL_SEND_RATE` / `SMS_SEND_RATE`: messages per second, or `unlimited`; `SEND_RATE_MAX_WAIT_MS`. */
export function sendRateOf(channel: SendChannel, current: Settings = settings()): SendRate {
  const perSecond = channel === 'email' ? current.EMAIL_SEND_RATE : current.SMS_SEND_RATE;
  return {
    perSecond: perSecond ?? DEFAULT_SEND_RATES[channel],
    maxWaitMs: current.SEND_RATE_MAX_WAIT_MS ?? DEFAULT_MAX_WAIT_MS,
  };
}

/**
 * The channels' send rates from the permit counters, reserved a pool at a time (`PermitPool`). A
 * permit is counted against the second it was won in; deliver() claims the message and then calls the provider, and asks again should that
 * second have passed in between.
 */
export function sendRateGate(
  permits: SendPermits = dynamoSendPermits,
  time: RealTime = realTime,
): SendRateGate {
  // one estimate per channel and process: the sends of a batch learn from each other's writes
  const latency: Record<SendChannel, PermitLatency> = {
    email: new PermitLatency(),
    sms: new PermitLatency(),
  };
  // the permits this process holds: every concurrent send of the process draws on them
  const pools = new PermitPools();
  const secondNow = () => Math.floor(time.now() / 1000);
  return {
    async permit(request) {
      const channel = request.recipient.channel;
      const rate = rateFor(sendRateOf(channel), request.urgent);
      const second = await withSendPermit(
        channel,
        rate,
        permits,
        time,
        async () => secondNow(),
        latency[channel],
        pools.for(channel, rate.perSecond === 'unlimited' ? 0 : rate.perSecond),
      );
      return { current: () => secondNow() === second };
    },
  };
}
