/**
 * Calendar dates without a time zone ('YYYY-MM-DD') and wall-clock times ('HH:MM'), with the day
 * arithmetic the business calendar needs. Dates are counted as days since 1970-01-01 so that adding
 * days never meets a DST transition.
 */

/** A calendar date, 'YYYY-MM-DD', meaning the same day wherever it is read. */
export type LocalDate = string;

/** A wall-clock time of day, 'HH:MM' (00:00 to 24:00; 24:00 is the end of the day). */
export type WallTime = string;

const MS_PER_DAY = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^(\d{2}):(\d{2})$/;

/** Days since 1970-01-01 of a valid LocalDate; throws RangeError on anything else (2026-02-30 included). */
export function toEpochDay(date: LocalDate): number {
  const match = LOCAL_DATE.exec(date);
  if (match) {
    const [, year, month, day] = match.map(Number) as [number, number, number, number];
    const ms = Date.UTC(year, month - 1, day);
    const back = new Date(ms);
    if (back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day) {
      return ms / MS_PER_DAY;
    }
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

export function fromEpochDay(epochDay: number): LocalDate {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

export function isLocalDate(value: string): boolean {
  try {
    toEpochDay(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: LocalDate): number {
  return new Date(toEpochDay(date) * MS_PER_DAY).getUTCDay();
}

export function isWeekend(date: LocalDate): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/** Minutes after midnight of a WallTime; throws RangeError unless 00:00 ≤ time ≤ 24:00. */
export function wallTimeMinutes(time: WallTime): number {
  const match = WALL_TIME.exec(time);
  if (match) {
    const hours = Number(match[1]);
    const minutes = Number(match[2]);
    if (minutes < 60 && (hours < 24 || (hours === 24 && minutes === 0))) return hours * 60 + minutes;
  }
  throw new RangeError(`Not a wall-clock time (HH:MM, 00:00-24:00): ${JSON.stringify(time)}`);
}
