/** The per-client lookup limit: the limit within a window, a fresh window after it, Retry-After to its end. */
import { describe, expect, it } from 'vitest';
import { RateLimited } from '#shared/domain/errors';
import { admitStatusLookup, type LookupCounter, parseStatusLookupLimit } from './status-lookup-limit';

function memoryCounter(): LookupCounter & { expiries: number[] } {
  const counts = new Map<string, number>();
  const expiries: number[] = [];
  return {
    expiries,
    async countLookup(client, windowStart, expiresAtSeconds) {
      const key = `${client}#${windowStart}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      expiries.push(expiresAtSeconds);
      return counts.get(key)!;
    },
  };
}

describe('status lookup limit', () => {
  const limit = parseStatusLookupLimit('3/PT10M');
  const start = new Date('2026-12-07T03:00:00Z'); // on a 10-minute boundary

  it('admits the limit in a window, then refuses with the seconds left in it', async () => {
    const counter = memoryCounter();
    for (let i = 0; i < 3; i++) await admitStatusLookup('ip-a', start, limit, counter);
    const later = new Date(start.getTime() + 4 * 60_000);
    const refusal = await admitStatusLookup('ip-a', later, limit, counter).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RateLimited);
    expect((refusal as RateLimited).retryAfterSeconds).toBe(6 * 60);
    // another client is counted on its own
    await expect(admitStatusLookup('ip-b', later, limit, counter)).resolves.toBeUndefined();
    // the next window starts afresh, and each counter expires a minute after its window
    await expect(
      admitStatusLookup('ip-a', new Date(start.getTime() + 10 * 60_000), limit, counter),
    ).resolves.toBeUndefined();
    expect(counter.expiries[0]).toBe(start.getTime() / 1000 + 600 + 60);
  });

  it('reads the setting like the care frequency cap', () => {
    expect(parseStatusLookupLimit('30/PT10M')).toEqual({ limit: 30, windowMs: 600_000 });
    expect(() => parseStatusLookupLimit('thirty')).toThrow();
  });
});
