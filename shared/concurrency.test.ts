import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapAtMost } from './concurrency';

describe('mapAtMost', () => {
  it('keeps each result at its item, with the limit in flight and never more', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        async (turns, limit) => {
          let inFlight = 0;
          let most = 0;
          const results = await mapAtMost(turns, limit, async (n, i) => {
            most = Math.max(most, ++inFlight);
            for (let t = 0; t < n; t++) await new Promise((resolve) => setImmediate(resolve));
            inFlight--;
            return `${i}:${n}`;
          });
          expect(results).toEqual(turns.map((n, i) => `${i}:${n}`));
          expect(most).toBe(Math.min(limit, turns.length));
        },
      ),
    );
  });
});
