import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertTimeZone, instantIn, localDateIn } from './zoned-time';

const zones = ['Asia/Shanghai', 'Europe/London', 'Australia/Sydney'] as const;

/** The zone's wall clock at an instant, read independently through toLocaleString. */
function wallClock(instant: Date, timeZone: string): { date: string; time: string } {
  const text = instant.toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' });
  return { date: text.slice(0, 10), time: text.slice(11, 16) };
}

describe('localDateIn', () => {
  it.each([
    ['2026-02-13T15:59:59.999Z', 'Asia/Shanghai', '2026-02-13'],
    ['2026-02-13T16:00:00.000Z', 'Asia/Shanghai', '2026-02-14'],
    ['2026-06-30T23:30:00.000Z', 'Europe/London', '2026-07-01'],
    ['2026-12-31T23:30:00.000Z', 'Europe/London', '2026-12-31'],
    ['2026-04-04T13:30:00.000Z', 'Australia/Sydney', '2026-04-05'],
  ])('%s in %s is %s', (instant, zone, date) => {
    expect(localDateIn(new Date(instant), zone)).toBe(date);
  });
});

describe('instantIn', () => {
  it.each([
    // ordinary times
    ['2026-07-01', '09:00', 'Europe/London', '2026-07-01T08:00:00.000Z'],
    ['2026-01-15', '09:00', 'Europe/London', '2026-01-15T09:00:00.000Z'],
    ['2026-02-14', '17:30', 'Asia/Shanghai', '2026-02-14T09:30:00.000Z'],
    ['2026-02-14', '24:00', 'Asia/Shanghai', '2026-02-14T16:00:00.000Z'],
    // London spring forward 2026-03-29 01:00 GMT → 02:00 BST: 01:00-01:59 do not exist and move forward an hour
    ['2026-03-29', '00:59', 'Europe/London', '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', '01:00', 'Europe/London', '2026-03-29T01:00:00.000Z'],
    ['2026-03-29', '01:30', 'Europe/London', '2026-03-29T01:30:00.000Z'],
    ['2026-03-29', '02:00', 'Europe/London', '2026-03-29T01:00:00.000Z'],
    ['2026-03-29', '09:00', 'Europe/London', '2026-03-29T08:00:00.000Z'],
    // London fall back 2026-10-25 02:00 BST → 01:00 GMT: 01:00-01:59 happen twice; the earlier is taken
    ['2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25', '02:00', 'Europe/London', '2026-10-25T02:00:00.000Z'],
    // Sydney fall back 2026-04-05 03:00 AEDT → 02:00 AEST: 02:00-02:59 twice
    ['2026-04-05', '02:30', 'Australia/Sydney', '2026-04-04T15:30:00.000Z'],
    ['2026-04-05', '03:00', 'Australia/Sydney', '2026-04-04T17:00:00.000Z'],
    ['2026-04-05', '09:00', 'Australia/Sydney', '2026-04-04T23:00:00.000Z'],
    // Sydney spring forward 2026-10-04 02:00 AEST → 03:00 AEDT: 02:00-02:59 do not exist
    ['2026-10-04', '01:59', 'Australia/Sydney', '2026-10-03T15:59:00.000Z'],
    ['2026-10-04', '02:30', 'Australia/Sydney', '2026-10-03T16:30:00.000Z'],
    ['2026-10-04', '03:00', 'Australia/Sydney', '2026-10-03T16:00:00.000Z'],
    ['2026-10-04', '09:00', 'Australia/Sydney', '2026-10-03T22:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, instant) => {
    expect(instantIn(date, time, zone).toISOString()).toBe(instant);
  });

  it('refuses unknown zones', () => {
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('inverts the wall clock at every minute of 2024-2027, taking the first of a repeated time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.oneof(
          fc.integer({ min: Date.UTC(2024, 0, 1) / 60_000, max: Date.UTC(2028, 0, 1) / 60_000 }),
          // the hours around the 2026 London and Sydney transitions, which uniform minutes rarely hit
          fc
            .tuple(
              fc.constantFrom(
                '2026-03-29T01:00Z',
                '2026-10-25T01:00Z',
                '2026-04-04T16:00Z',
                '2026-10-03T16:00Z',
              ),
              fc.integer({ min: -180, max: 180 }),
            )
            .map(([transition, offset]) => Date.parse(transition) / 60_000 + offset),
        ),
        (zone, minute) => {
          const instant = new Date(minute * 60_000);
          const { date, time } = wallClock(instant, zone);
          expect(localDateIn(instant, zone)).toBe(date);
          const back = instantIn(date, time, zone);
          expect(wallClock(back, zone)).toEqual({ date, time });
          // Equal, or the first occurrence of a time the fall-back hour repeats.
          expect([0, 3_600_000]).toContain(instant.getTime() - back.getTime());
        },
      ),
      { numRuns: 2000 },
    );
  });
});
