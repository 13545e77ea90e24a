/**
 * The quiet-hours tests' reference: what "quiet" means, written plainly, and the generators of
 * wall-clock times and instants the property tests draw from.
 */
import fc from 'fast-check';
import { wallClockIn } from '#shared/calendar/zoned-time';
import type { QuietHours } from '../domain/channel';

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/** The reference definition: a wall-clock minute is quiet when it lies in [start, end), circularly. */
export function isQuiet(instant: Date, timeZone: string, quiet: QuietHours): boolean {
  const { hour, minute } = wallClockIn(instant.getTime(), timeZone);
  const now = (hour % 24) * 60 + minute;
  const [start, end] = [minutesOf(quiet.start), minutesOf(quiet.end)];
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

const clockTime = fc
  .record({ h: fc.integer({ min: 0, max: 23 }), m: fc.constantFrom(0, 15, 30, 45) })
  .map(({ h, m }) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

/**
 * Wall-clock times clear of 01:00–03:59, where the tested zones move their clocks: an end that falls
 * in a skipped hour is read after it (zoned-time.ts), a case the reference definition cannot judge.
 */
export const outsideClockChanges = clockTime.filter((t) => t < '01:00' || t >= '04:00');

/** Whole minutes of 2026 and 2027. */
export const instant = fc
  .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
  .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));
