/**
 * Send-rate limiting across every concurrent Lambda: before each send a permit is taken from a
 * per-second counter shared by all of them (the SES account quota is per account, not per
 * process, so an in-process limiter would multiply the rate by the concurrency). When the current
 * second is full the sender waits for the next one and tries again; it gives up after `maxWaitMs`
 * with `SendRateBusy`, a retryable error, so the message goes back to its queue for a few seconds —
 * never dropped.
 *
 * The clock here is real time, not the Clock port: a provider's send rate is physical, measured
 * in the seconds that pass on the wall, while the local cloud's controllable business clock may be
 * set days ahead or stand still.
 */
import { RetryLater } from '#shared/retry-later';

export type SendChannel = 'email' | 'sms';

/** Messages per second, or no limit (the local cloud's throughput bench, a sandbox account). */
export interface SendRate {
  readonly perSecond: number | 'unlimited';
  /** How long one send may wait for a permit before it gives up (keep well under the function timeout). */
  readonly maxWaitMs: number;
}

/**
 * The share of each second's permits that messages which may wait (care, reminders) can take: the
 * rest is kept for acknowledgements, regulator notices and staff alerts, so a campaign burst that
 * fills the provider's rate never holds back a message a regulator times.
 */
export const NON_URGENT_SHARE = 0.75;

/** The rate a send of this urgency may use: all of it when urgent, its share otherwise (at least 1). */
export function rateFor(rate: SendRate, urgent: boolean): SendRate {
  if (urgent || rate.perSecond === 'unlimited') return rate;
  return { ...rate, perSecond: Math.max(1, Math.floor(rate.perSecond * NON_URGENT_SHARE)) };
}

export interface SendPermits {
  /** Takes one of the `limit` permits of `channel` for the epoch second `second`; false when none is left. */
  take(channel: SendChannel, second: number, limit: number): Promise<boolean>;
}

/** Wall-clock time: milliseconds since the epoch, sleeping, and jitter. */
export interface RealTime {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

/** Seconds a queued message waits before it tries again for a permit (doubled on each retry). */
export const SEND_RATE_RETRY_SECONDS = 2;

/**
 * Retryable: the send rate stayed full for as long as this send could wait. From a queue, only
 * this message comes back, after a few seconds (shared/middleware/sqs.ts), never its whole batch.
 */
export class SendRateBusy extends RetryLater {
  override readonly name = 'SendRateBusy';

  constructor(message: string) {
    super(message, SEND_RATE_RETRY_SECONDS);
  }
}

/**
 * Waiters wake up spread over this much of the next second, so they do not all hit the counter in
 * the same millisecond, and which of them wins the second's permits varies (no waiter starves).
 */
const WAKE_SPREAD_MS = 50;

/**
 * How long a permit write takes, learnt from the writes so far (shared by the sends of a process):
 * a write started closer than that to the end of a second would win a permit that is already
 * stale when it arrives, so such a send waits for the next second instead.
 */
export class PermitLatency {
  ms = 0;

  record(ms: number): void {
    this.ms = this.ms === 0 ? ms : 0.8 * this.ms + 0.2 * ms;
  }

  /**
   * The end of each second in which no permit write should start: the permit's write and the
   * message's claim both come before the send, so two writes' worth; at most 400 ms, however slow.
   */
  guardMs(): number {
    return Math.min(400, 3 * this.ms);
  }
}

/**
 * Runs `start` once a permit of the current second is held. `start` is called synchronously right
 * after checking that the permit's second is still the current one, so a send always starts within
 * the second it counted against: a permit won just before a second ends is given up (it can only
 * lower the rate) and the next second's is taken instead.
 */
export async function withSendPermit<T>(
  channel: SendChannel,
  rate: SendRate,
  permits: SendPermits,
  time: RealTime,
  start: () => Promise<T>,
  latency: PermitLatency = new PermitLatency(),
): Promise<T> {
  if (rate.perSecond === 'unlimited') return start();
  const limit = rate.perSecond;
  const giveUpAt = time.now() + rate.maxWaitMs;
  const waitForNextSecond = async (second: number, why: string) => {
    const wakeAt = (second + 1) * 1000 + time.random() * WAKE_SPREAD_MS;
    if (wakeAt >= giveUpAt) throw new SendRateBusy(`${channel} ${why} for ${rate.maxWaitMs} ms`);
    await time.sleep(Math.max(0, wakeAt - time.now()));
  };
  for (;;) {
    const startedAt = time.now();
    const second = Math.floor(startedAt / 1000);
    if ((second + 1) * 1000 - startedAt < latency.guardMs()) {
      await waitForNextSecond(second, 'permit writes stayed too slow');
      continue;
    }
    const granted = await permits.take(channel, second, limit);
    latency.record(time.now() - startedAt);
    if (granted) {
      if (Math.floor(time.now() / 1000) === second) return start();
      if (time.now() < giveUpAt) continue;
      throw new SendRateBusy(`${channel} send permit came too late for ${rate.maxWaitMs} ms`);
    }
    await waitForNextSecond(second, `send rate of ${limit}/s stayed full`);
  }
}
