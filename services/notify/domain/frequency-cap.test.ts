/** The care frequency cap as a pure model: parsing, and the rolling-window guarantee of the slots. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CapSlot, parseFrequencyCap, takeSlot } from './frequency-cap';

const DAY = 86_400_000;

describe('parseFrequencyCap', () => {
  it('reads <limit>/<ISO duration>', () => {
    expect(parseFrequencyCap('2/P7D')).toEqual({ limit: 2, windowMs: 7 * DAY });
    expect(parseFrequencyCap('1/P1W')).toEqual({ limit: 1, windowMs: 7 * DAY });
    expect(parseFrequencyCap('3/PT12H')).toEqual({ limit: 3, windowMs: DAY / 2 });
  });

  it('refuses what it cannot read, a zero limit and an empty window', () => {
    for (const bad of ['2', 'P7D', '2/7D', '0/P7D', '2/P0D', 'two/P7D']) {
      expect(() => parseFrequencyCap(bad)).toThrow(/Frequency cap/);
    }
  });
});

describe('takeSlot', () => {
  const cap = parseFrequencyCap('2/P7D');
  const at = (iso: string) => new Date(iso);

  it('allows two care messages in 7 days and refuses the third; a slot frees once its use is 7 days old', () => {
    const slots: CapSlot[] = [];
    expect(takeSlot(slots, 'a', at('2026-06-01T02:00:00Z'), cap)).toBe(0);
    expect(takeSlot(slots, 'b', at('2026-06-03T02:00:00Z'), cap)).toBe(1);
    expect(takeSlot(slots, 'c', at('2026-06-07T02:00:00Z'), cap)).toBeUndefined();
    expect(takeSlot(slots, 'd', at('2026-06-08T02:00:01Z'), cap)).toBe(0);
  });

  it('gives the same message its own slot again (a retried delivery is not a second message)', () => {
    const slots: CapSlot[] = [];
    takeSlot(slots, 'a', at('2026-06-01T02:00:00Z'), cap);
    takeSlot(slots, 'b', at('2026-06-01T03:00:00Z'), cap);
    expect(takeSlot(slots, 'a', at('2026-06-01T04:00:00Z'), cap)).toBe(0);
  });

  it('property: in any rolling window no more than `limit` messages are let through, and one is refused only when `limit` went in the window before it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 0, max: 30 * 24 }), { minLength: 1, maxLength: 40 }),
        (limit, windowDays, hours) => {
          const rule = { limit, windowMs: windowDays * DAY };
          const slots: CapSlot[] = [];
          const sent: number[] = [];
          [...hours]
            .sort((a, b) => a - b)
            .forEach((hour, i) => {
              const now = hour * 3_600_000;
              // the window is [now - window, now]: a message exactly one window old still counts
              const inWindow = sent.filter((t) => t >= now - rule.windowMs).length;
              const slot = takeSlot(slots, `m${i}`, new Date(Date.UTC(2026, 0, 1) + now), rule);
              if (slot === undefined) expect(inWindow).toBeGreaterThanOrEqual(limit);
              else {
                expect(inWindow).toBeLessThan(limit);
                sent.push(now);
              }
            });
          for (const t of sent)
            expect(sent.filter((u) => u >= t && u <= t + rule.windowMs).length).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 300 },
    );
  });
});
