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

/** What a reservation of permits got: all it asked for, or nothing and how many the second had counted. */
export type Reservation =
  /** `counted`: the second's counter with these permits in it, when known. */
  | { readonly granted: true; readonly counted?: number }
  /** `counted`: the second's counter when the write was refused; undefined when not known (then: full). */
  | { readonly granted: false; readonly counted?: number };

export interface SendPermits {
  /**
   * Reserves `count` of the `limit` permits of `channel` for the epoch second `second`, all or
   * none, in one conditional write.
   */
  reserve(channel: SendChannel, second: number, limit: number, count: number): Promise<Reservation>;
}

/**
 * The permits one process holds for one channel and limit. A write per send cost 9,187 writes for
 * 5,000 sends (issue 16): every waiting send wrote once a second and most were refused. Instead,
 * the first send of a second that finds the pool empty reserves, in one write, a permit for every
 * send of this process waiting at that moment (at most the limit); the others take theirs from the
 * pool without a write. A refused reservation learns how many the second has counted and asks once
 * more for what is left; with nothing left, the process writes no more in that second. Permits not
 * spent in their second lapse with it (they can only lower the rate): every send still starts within
 * the second its permit was counted against, so no second ever sees more than the limit.
 */
export class PermitPool {
  /** The second the held permits belong to, and how many are left. */
  second = -1;
  left = 0;
  /** Sends of this process waiting for a permit now. */
  waiting = 0;
  /** The second this process found full (it writes no more in it). */
  fullSecond = -1;
  /** The reservation being written, which the other waiters wait for rather than write themselves. */
  reserving: Promise<void> | undefined;
}

/** One pool per channel and limit (urgent and non-urgent sends count against the same counter with different limits). */
export class PermitPools {
  readonly #pools = new Map<string, PermitPool>();

  for(channel: SendChannel, limit: number): PermitPool {
    const key = `${channel}/${limit}`;
    let pool = this.#pools.get(key);
    if (!pool) {
      pool = new PermitPool();
      this.#pools.set(key, pool);
    }
    return pool;
  }
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
 * Reserves permits of `second` for the pool's waiting sends: all of them, or what the second has
 * left; marks the second full when nothing is left (or the counter could not say).
 */
async function reserveFor(
  pool: PermitPool,
  channel: SendChannel,
  second: number,
  limit: number,
  permits: SendPermits,
  time: RealTime,
  latency: PermitLatency,
): Promise<void> {
  // one turn of the event loop first: the sends of a batch that arrive together are all counted
  await Promise.resolve();
  let wanted = Math.min(limit, Math.max(1, pool.waiting));
  // a refused write says how many are left: one more write for those, then the second is full
  for (let attempt = 0; attempt < 2 && wanted > 0; attempt++) {
    const startedAt = time.now();
    const reservation = await permits.reserve(channel, second, limit, wanted);
    latency.record(time.now() - startedAt);
    if (reservation.granted) {
      if (pool.second !== second) {
        pool.second = second;
        pool.left = 0;
      }
      pool.left += wanted;
      // the second is used up: the waiters these permits do not cover write nothing more in it
      if (reservation.counted !== undefined && reservation.counted >= limit) pool.fullSecond = second;
      return;
    }
    wanted = reservation.counted === undefined ? 0 : Math.min(wanted, limit - reservation.counted);
  }
  pool.fullSecond = second;
}

/**
 * Runs `start` once a permit of the current second is held. `start` is called synchronously right
 * after checking that the permit's second is still the current one, so a send always starts within
 * the second it counted against: permits reserved just before a second ends are given up (they can
 * only lower the rate) and the next second's are reserved instead.
 */
export async function withSendPermit<T>(
  channel: SendChannel,
  rate: SendRate,
  permits: SendPermits,
  time: RealTime,
  start: () => Promise<T>,
  latency: PermitLatency = new PermitLatency(),
  pool: PermitPool = new PermitPool(),
): Promise<T> {
  if (rate.perSecond === 'unlimited') return start();
  const limit = rate.perSecond;
  const giveUpAt = time.now() + rate.maxWaitMs;
  const waitForNextSecond = async (second: number, why: string) => {
    const wakeAt = (second + 1) * 1000 + time.random() * WAKE_SPREAD_MS;
    if (wakeAt >= giveUpAt) throw new SendRateBusy(`${channel} ${why} for ${rate.maxWaitMs} ms`);
    await time.sleep(Math.max(0, wakeAt - time.now()));
  };
  pool.waiting++;
  try {
    for (;;) {
      const startedAt = time.now();
      const second = Math.floor(startedAt / 1000);
      if (pool.second === second && pool.left > 0) {
        pool.left--;
        return start();
      }
      if (pool.reserving) {
        await pool.reserving;
        continue;
      }
      if (pool.fullSecond === second) {
        await waitForNextSecond(second, `send rate of ${limit}/s stayed full`);
        continue;
      }
      if ((second + 1) * 1000 - startedAt < latency.guardMs()) {
        await waitForNextSecond(second, 'permit writes stayed too slow');
        continue;
      }
      const reserving = reserveFor(pool, channel, second, limit, permits, time, latency);
      pool.reserving = reserving;
      try {
        await reserving;
      } finally {
        pool.reserving = undefined;
      }
      if (time.now() >= giveUpAt && !(pool.second === Math.floor(time.now() / 1000) && pool.left > 0)) {
        throw new SendRateBusy(`${channel} send permit came too late for ${rate.maxWaitMs} ms`);
      }
    }
  } finally {
    pool.waiting--;
  }
}
