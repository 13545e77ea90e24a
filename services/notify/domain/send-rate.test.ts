import { describe, expect, it } from 'vitest';
import {
  PermitLatency,
  PermitPool,
  type RealTime,
  rateFor,
  type SendPermits,
  SendRateBusy,
  withSendPermit,
} from './send-rate';

/** A fake wall clock that moves only when slept on, or when a test advances it. */
function fakeTime(startMs: number) {
  let now = startMs;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    random: () => 0.5,
    advance: (ms: number) => {
      now += ms;
    },
  } satisfies RealTime & Record<string, unknown>;
}

/** Counters per second like the DynamoDB ones (all or none per write), with an optional delay per write. */
function memoryPermits(
  onWrite?: () => void | Promise<void>,
): SendPermits & { taken: Map<number, number>; writes: number; refused: number } {
  const taken = new Map<number, number>();
  const permits = {
    taken,
    writes: 0,
    refused: 0,
    async reserve(_channel: string, second: number, limit: number, count: number) {
      permits.writes++;
      await onWrite?.();
      const n = taken.get(second) ?? 0;
      if (n + count > limit) {
        permits.refused++;
        return { granted: false as const, counted: n };
      }
      taken.set(second, n + count);
      return { granted: true as const, counted: n + count };
    },
  };
  return permits;
}

describe('rateFor', () => {
  it('leaves urgent messages headroom in every second that waiting messages cannot take', async () => {
    const rate = { perSecond: 14, maxWaitMs: 60_000 };
    expect(rateFor(rate, true).perSecond).toBe(14);
    expect(rateFor(rate, false).perSecond).toBe(10);
    expect(rateFor({ perSecond: 1, maxWaitMs: 1 }, false).perSecond).toBe(1);
    expect(rateFor({ perSecond: 'unlimited', maxWaitMs: 1 }, false).perSecond).toBe('unlimited');

    // a second already filled by a care burst still has permits for an acknowledgement
    const time = fakeTime(7_000_000);
    const permits = memoryPermits();
    const second = () => Math.floor(time.now() / 1000);
    const first = second();
    for (let i = 0; i < 12; i++) {
      await withSendPermit('email', rateFor(rate, false), permits, time, async () => undefined);
    }
    expect(permits.taken.get(first)).toBe(10);
    let acknowledgedIn: number | undefined;
    await withSendPermit(
      'email',
      rateFor(rate, true),
      permits,
      { ...time, now: () => first * 1000 },
      async () => {
        acknowledgedIn = first;
      },
    );
    expect(acknowledgedIn).toBe(first);
    expect(permits.taken.get(first)).toBe(11);
  });
});

describe('withSendPermit', () => {
  it('starts at most `limit` sends per second, each in the second its permit counted against', async () => {
    const time = fakeTime(1_000_000);
    const permits = memoryPermits();
    const starts: number[] = [];
    const rate = { perSecond: 3, maxWaitMs: 60_000 };
    for (let i = 0; i < 10; i++) {
      await withSendPermit('email', rate, permits, time, async () =>
        starts.push(Math.floor(time.now() / 1000)),
      );
    }
    const perSecond = new Map<number, number>();
    for (const s of starts) perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    expect([...perSecond.values()]).toEqual([3, 3, 3, 1]);
    expect(starts).toHaveLength(10);
  });

  it('gives up with a retryable SendRateBusy when the rate stays full for longer than it may wait', async () => {
    const time = fakeTime(5_000_000);
    const full: SendPermits = { reserve: async () => ({ granted: false }) };
    let sent = false;
    await expect(
      withSendPermit('sms', { perSecond: 20, maxWaitMs: 3_500 }, full, time, async () => {
        sent = true;
      }),
    ).rejects.toBeInstanceOf(SendRateBusy);
    expect(sent).toBe(false);
    // it waited for the next seconds (3 of them), not longer than allowed
    expect(time.now() - 5_000_000).toBeLessThan(3_500);
    expect(time.slept.length).toBe(3);
  });

  it('never starts a send in a later second than its permit: a late permit is dropped and the next taken', async () => {
    const time = fakeTime(7_000_990);
    // the first write takes 20 ms and ends in the next second
    let calls = 0;
    const permits = memoryPermits(() => {
      if (calls++ === 0) time.advance(20);
    });
    let startedIn: number | undefined;
    await withSendPermit('email', { perSecond: 14, maxWaitMs: 5_000 }, permits, time, async () => {
      startedIn = Math.floor(time.now() / 1000);
    });
    expect(startedIn).toBe(7001);
    expect(permits.taken.get(7000)).toBe(1); // wasted: it can only lower the rate
    expect(permits.taken.get(7001)).toBe(1);
  });

  it('starts no permit write closer to the end of a second than writes have been taking', async () => {
    const time = fakeTime(9_000_900);
    const latency = new PermitLatency();
    latency.record(120); // writes take 120 ms: 100 ms before the end of a second is too late
    const permits = memoryPermits();
    let startedIn: number | undefined;
    await withSendPermit(
      'email',
      { perSecond: 14, maxWaitMs: 5_000 },
      permits,
      time,
      async () => {
        startedIn = Math.floor(time.now() / 1000);
      },
      latency,
    );
    expect(permits.taken.get(9000)).toBeUndefined();
    expect(permits.taken.get(9001)).toBe(1);
    expect(startedIn).toBe(9001);
  });

  it('serves the concurrent sends of a process from one reservation per second, never past the limit', async () => {
    const time = fakeTime(11_000_000);
    const permits = memoryPermits();
    const pool = new PermitPool();
    const starts: number[] = [];
    const rate = { perSecond: 14, maxWaitMs: 60_000 };
    // 30 sends waiting at once, as two batches of a burst do
    await Promise.all(
      Array.from({ length: 30 }, () =>
        withSendPermit(
          'email',
          rate,
          permits,
          time,
          async () => starts.push(Math.floor(time.now() / 1000)),
          new PermitLatency(),
          pool,
        ),
      ),
    );
    const perSecond = new Map<number, number>();
    for (const s of starts) perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    expect([...perSecond.values()]).toEqual([14, 14, 2]);
    // one write per second, none refused
    expect(permits.writes).toBe(3);
    expect(permits.refused).toBe(0);
  });

  it('shares the limit between processes: a refused reservation asks once for what is left, then waits', async () => {
    const time = fakeTime(13_000_000);
    const permits = memoryPermits(async () => {
      // the other process's write lands in between
      await Promise.resolve();
    });
    const starts: number[] = [];
    const rate = { perSecond: 14, maxWaitMs: 60_000 };
    const processes = [new PermitPool(), new PermitPool()];
    await Promise.all(
      processes.flatMap((pool) =>
        Array.from({ length: 10 }, () =>
          withSendPermit(
            'email',
            rate,
            permits,
            time,
            async () => starts.push(Math.floor(time.now() / 1000)),
            new PermitLatency(),
            pool,
          ),
        ),
      ),
    );
    const perSecond = new Map<number, number>();
    for (const s of starts) perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    expect(starts).toHaveLength(20);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(14);
    expect([...permits.taken.values()].every((n) => n <= 14)).toBe(true);
    // 20 sends: far fewer writes than sends, and refusals bounded by the processes per second
    expect(permits.writes).toBeLessThanOrEqual(6);
    expect(permits.refused).toBeLessThanOrEqual(2);
  });

  it('takes no permit when the rate is unlimited', async () => {
    const permits = memoryPermits();
    await withSendPermit(
      'email',
      { perSecond: 'unlimited', maxWaitMs: 1 },
      permits,
      fakeTime(0),
      async () => 1,
    );
    expect(permits.taken.size).toBe(0);
  });
});
