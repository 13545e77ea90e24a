/**
 * Instants ↔ wall-clock dates and times in an IANA time zone, through Intl alone. Wall-clock times
 * that a DST change skips resolve forward and times it repeats resolve to the earlier instant, as
 * Temporal's 'compatible' disambiguation does.
 */
import {
  addDays,
  fromEpochDay,
  type LocalDate,
  toEpochDay,
  type WallTime,
  wallTimeMinutes,
} from './local-date';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws RangeError for a name Intl does not know as a time zone. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The zone's wall clock at an instant: year, month (1-12), day, hour (0-23), minute, second. */
export function wallClockIn(
  instant: number,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return fields as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The zone's wall clock at an instant, as if it were UTC, in whole seconds. */
function wallClockMs(instant: number, timeZone: string): number {
  const { year, month, day, hour, minute, second } = wallClockIn(instant, timeZone);
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The zone's UTC offset at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetMs(instant: number, timeZone: string): number {
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallClockMs(wholeSecond, timeZone) - wholeSecond;
}

/** The calendar date in the zone at an instant. */
export function localDateIn(instant: Date, timeZone: string): LocalDate {
  const ms = instant.getTime();
  return fromEpochDay(Math.floor((ms + offsetMs(ms, timeZone)) / MS_PER_DAY));
}

/**
 * The instant the zone's clocks show `time` on `date`. '24:00' is the next day's 00:00. A skipped
 * time (spring forward) is read with the offset in force before the change, which lands after it
 * (01:30 on a London spring-forward day is 02:30 BST); a repeated time takes its first occurrence.
 */
export function instantIn(date: LocalDate, time: WallTime, timeZone: string): Date {
  const minutes = wallTimeMinutes(time);
  if (minutes === 24 * 60) return instantIn(addDays(date, 1), '00:00', timeZone);
  const wall = toEpochDay(date) * MS_PER_DAY + minutes * MS_PER_MINUTE;
  // Offsets never exceed ±14 h, so a day either side brackets the instant and any transition near it.
  const before = offsetMs(wall - MS_PER_DAY, timeZone);
  const after = offsetMs(wall + MS_PER_DAY, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => wallClockMs(instant, timeZone) === wall);
  if (candidates.length === 0) return new Date(wall - before);
  return new Date(Math.min(...candidates));
}
