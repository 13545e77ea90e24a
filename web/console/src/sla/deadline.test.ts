import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineState, dueToday, formatTimeLeft, timeLeft, WARNING_FRACTION } from './deadline';

const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 0, 1) });

describe('deadline state', () => {
  it('is breached exactly from the due instant on, whatever else holds', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 90 * 86_400_000 }),
        fc.boolean(),
        (due, after, paused) => {
          const dueAt = new Date(due).toISOString();
          expect(deadlineState({ dueAt, paused }, new Date(due + after))).toBe('breached');
          expect(deadlineState({ dueAt, paused }, new Date(due - 1))).not.toBe('breached');
        },
      ),
    );
  });

  it('warns from the warning share of the period and runs before it', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 60_000, max: 60 * 86_400_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (start, length, share) => {
          const now = new Date(start + Math.floor(length * share));
          const state = deadlineState(
            { startedAt: new Date(start).toISOString(), dueAt: new Date(start + length).toISOString() },
            now,
          );
          const elapsed = (now.getTime() - start) / length;
          if (elapsed >= 1) expect(state).toBe('breached');
          else if (elapsed >= WARNING_FRACTION) expect(state).toBe('warning');
          else expect(state).toBe('running');
        },
      ),
    );
  });

  it('shows a paused clock as paused until it is overdue', () => {
    const s = { startedAt: '2026-12-01T00:00:00Z', dueAt: '2026-12-16T16:00:00Z', paused: true };
    expect(deadlineState(s, new Date('2026-12-15T00:00:00Z'))).toBe('paused');
    expect(deadlineState(s, new Date('2026-12-17T00:00:00Z'))).toBe('breached');
  });
});

describe('time left', () => {
  it('splits the distance into parts that add back up to it', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -400 * 86_400_000, max: 400 * 86_400_000 }), (now, delta) => {
        const left = timeLeft(new Date(now + delta).toISOString(), new Date(now));
        const seconds = left.days * 86_400 + left.hours * 3600 + left.minutes * 60 + left.seconds;
        expect(seconds).toBe(Math.floor(Math.abs(delta) / 1000));
        expect(left.overdue).toBe(delta <= 0);
        expect(left.hours).toBeLessThan(24);
        expect(left.minutes).toBeLessThan(60);
        expect(left.seconds).toBeLessThan(60);
      }),
    );
  });

  it('formats with fixed-width clock parts', () => {
    expect(formatTimeLeft(timeLeft('2026-12-03T04:05:06Z', new Date('2026-12-01T00:00:00Z')), 'd')).toBe(
      '2d 04:05:06',
    );
    expect(formatTimeLeft(timeLeft('2026-12-01T00:00:09Z', new Date('2026-12-01T00:00:00Z')), 'd')).toBe(
      '00:00:09',
    );
  });

  it('counts due today in the company time zone, not UTC', () => {
    // 23:30 UTC on Dec 1 is 07:30 on Dec 2 in Shanghai
    const now = new Date('2026-12-01T23:30:00Z');
    expect(dueToday('2026-12-02T15:00:00Z', now, 'Asia/Shanghai')).toBe(true);
    expect(dueToday('2026-12-01T15:00:00Z', now, 'Asia/Shanghai')).toBe(false);
  });
});
