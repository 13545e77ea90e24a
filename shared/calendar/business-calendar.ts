/**
 * Business calendars for the regulatory clocks: which days are worked in a region, and the deadline
 * arithmetic the regimes use (business days, close of business, business hours, Civil Code periods,
 * calendar-day periods). Pure: holiday data is bundled JSON, time zones come from Intl.
 *
 * Answers that read holiday data come as CalendarResult, flagged provisional when any day read is
 * from a provisional year; a computation that needs a day outside the loaded years throws
 * CalendarDataMissing instead of guessing.
 */
import { type CalendarData, checkCalendarData } from './calendar-data';
import auNswData from './data/au-nsw.json';
import cnData from './data/cn.json';
import gbEngData from './data/gb-eng.json';
import {
  addDays,
  isWeekend,
  type LocalDate,
  toEpochDay,
  type WallTime,
  wallTimeMinutes,
  yearOf,
} from './local-date';
import { assertTimeZone, instantIn, localDateIn } from './zoned-time';

export type { CalendarData, CalendarYear, NamedDate } from './calendar-data';
export type { LocalDate, WallTime } from './local-date';

export type CalendarRegion = 'CN' | 'GB-ENG' | 'AU-NSW';

export interface CalendarResult<T> {
  value: T;
  /** True when any day this answer read comes from a provisional year. */
  provisional: boolean;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

export interface DayInfo {
  working: boolean;
  kind: DayKind;
  name?: string;
}

export interface WorkingHours {
  start: WallTime;
  end: WallTime;
}

export interface BusinessCalendarOptions {
  timeZone?: string;
  workingHours?: WorkingHours;
}

export const regionDefaults: Readonly<Record<CalendarRegion, Required<BusinessCalendarOptions>>> = {
  CN: { timeZone: 'Asia/Shanghai', workingHours: { start: '09:00', end: '17:30' } },
  'GB-ENG': { timeZone: 'Europe/London', workingHours: { start: '09:00', end: '17:00' } },
  'AU-NSW': { timeZone: 'Australia/Sydney', workingHours: { start: '09:00', end: '17:00' } },
};

/** A computation needed a day the loaded data does not cover; add the year's data, never guess. */
export class CalendarDataMissing extends Error {
  override readonly name = 'CalendarDataMissing';

  constructor(
    readonly region: string,
    readonly date: LocalDate,
    loadedYears: readonly number[],
  ) {
    super(
      `No ${region} calendar data for ${date} (loaded years: ${loadedYears.join(', ')}); ` +
        'add the year under shared/calendar/data before computing dates that reach it',
    );
  }
}

const MS_PER_HOUR = 3_600_000;
const WORKDAY: DayInfo = Object.freeze({ working: true, kind: 'workday' });
const WEEKEND: DayInfo = Object.freeze({ working: false, kind: 'weekend' });

interface DayRead {
  info: DayInfo;
  provisional: boolean;
}

export class BusinessCalendar {
  readonly region: string;
  readonly timeZone: string;
  readonly workingHours: Readonly<WorkingHours>;
  /** The years the data covers, ascending. */
  readonly years: readonly number[];

  readonly #provisionalByYear = new Map<number, boolean>();
  readonly #listedDays = new Map<LocalDate, DayInfo>();
  readonly #openingHours = new Map<LocalDate, { open: number; close: number }>();

  constructor(data: CalendarData, options: BusinessCalendarOptions = {}) {
    checkCalendarData(data);
    const defaults = regionDefaults[data.region as CalendarRegion] as
      | Required<BusinessCalendarOptions>
      | undefined;
    const timeZone = options.timeZone ?? defaults?.timeZone;
    const workingHours = options.workingHours ?? defaults?.workingHours;
    if (!timeZone || !workingHours) {
      throw new Error(`Region ${data.region} has no defaults: give timeZone and workingHours`);
    }
    assertTimeZone(timeZone);
    if (wallTimeMinutes(workingHours.start) >= wallTimeMinutes(workingHours.end)) {
      throw new RangeError(
        `Working hours must start before they end: ${workingHours.start}-${workingHours.end}`,
      );
    }
    this.region = data.region;
    this.timeZone = timeZone;
    this.workingHours = Object.freeze({ ...workingHours });

    for (const [year, entry] of Object.entries(data.years)) {
      this.#provisionalByYear.set(Number(year), entry.status === 'provisional');
      for (const { date, name } of entry.holidays) {
        this.#listedDays.set(date, Object.freeze({ working: false, kind: 'holiday', name }));
      }
      for (const { date, name } of entry.workdays) {
        this.#listedDays.set(date, Object.freeze({ working: true, kind: 'makeup-workday', name }));
      }
    }
    this.years = Object.freeze([...this.#provisionalByYear.keys()].sort((a, b) => a - b));
  }

  /** The calendar date in this calendar's zone at an instant. */
  localDate(instant: Date): LocalDate {
    return localDateIn(instant, this.timeZone);
  }

  /**
   * The instant this zone's clocks show `time` on `date` ('24:00' = the next day's 00:00). A time
   * skipped by a DST change moves forward by the size of the jump; a repeated time takes the earlier.
   */
  instantAt(date: LocalDate, time: WallTime): Date {
    return instantIn(date, time, this.timeZone);
  }

  startOfDay(date: LocalDate): Date {
    return this.instantAt(date, '00:00');
  }

  /** 24:00 of the date, which is the next day's 00:00. */
  endOfDay(date: LocalDate): Date {
    return this.instantAt(date, '24:00');
  }

  /** Pure date arithmetic; reads no holiday data, so works for any date. */
  addCalendarDays(date: LocalDate, n: number): LocalDate {
    return addDays(date, n);
  }

  dayKind(date: LocalDate): CalendarResult<DayInfo> {
    const { info, provisional } = this.#read(date);
    return { value: info, provisional };
  }

  isWorkingDay(date: LocalDate): CalendarResult<boolean> {
    const { info, provisional } = this.#read(date);
    return { value: info.working, provisional };
  }

  /** The first working day after `date` (or from `date` itself when inclusive). */
  nextWorkingDay(
    date: LocalDate,
    { inclusive = false }: { inclusive?: boolean } = {},
  ): CalendarResult<LocalDate> {
    let provisional = false;
    for (let day = inclusive ? date : addDays(date, 1); ; day = addDays(day, 1)) {
      const read = this.#read(day);
      provisional ||= read.provisional;
      if (read.info.working) return { value: day, provisional };
    }
  }

  /**
   * The n-th working day strictly after `date` (n ≥ 1). n = 0 means "the first working day from
   * `date` on": `date` itself when it is working, else the next working day.
   */
  addBusinessDays(date: LocalDate, n: number): CalendarResult<LocalDate> {
    assertCount(n, 0, 'Business days');
    if (n === 0) return this.nextWorkingDay(date, { inclusive: true });
    let provisional = false;
    let day = date;
    for (let left = n; left > 0; ) {
      day = addDays(day, 1);
      const read = this.#read(day);
      provisional ||= read.provisional;
      if (read.info.working) left -= 1;
    }
    return { value: day, provisional };
  }

  /** Working days in (fromExclusive, toInclusive]; 0 when toInclusive ≤ fromExclusive. */
  countBusinessDays(fromExclusive: LocalDate, toInclusive: LocalDate): CalendarResult<number> {
    const last = toEpochDay(toInclusive);
    let count = 0;
    let provisional = false;
    for (let day = addDays(fromExclusive, 1); toEpochDay(day) <= last; day = addDays(day, 1)) {
      const read = this.#read(day);
      provisional ||= read.provisional;
      if (read.info.working) count += 1;
    }
    return { value: count, provisional };
  }

  /**
   * Close of business (workingHours.end) of the n-th business day after the local date of receipt,
   * whatever the time of receipt: FCA DISP 1.5 "close of the third business day following receipt".
   */
  endOfNthBusinessDay(receivedAt: Date, n: number): CalendarResult<Date> {
    const { value: day, provisional } = this.addBusinessDays(this.localDate(receivedAt), n);
    return { value: this.instantAt(day, this.workingHours.end), provisional };
  }

  /**
   * The instant `hours` of working time after `from`, counting only working hours on working days
   * (elapsed time, so a DST change inside working hours shortens or lengthens that day). A start
   * outside working hours counts from the next opening. For hours > 0 the result lies in
   * (opening, closing] of a working day, so work that fills a day ends exactly at its closing; for
   * hours = 0 it is the first instant ≥ `from` in [opening, closing).
   */
  addBusinessHours(from: Date, hours: number): CalendarResult<Date> {
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`Hours must be ≥ 0, got ${hours}`);
    let remaining = Math.round(hours * MS_PER_HOUR);
    const cursor = from.getTime();
    let provisional = false;
    for (let day = this.localDate(from); ; day = addDays(day, 1)) {
      const read = this.#read(day);
      provisional ||= read.provisional;
      if (!read.info.working) continue;
      const { open, close } = this.#hoursOf(day);
      const start = Math.max(cursor, open);
      if (start >= close) continue;
      if (remaining <= close - start) return { value: new Date(start + remaining), provisional };
      remaining -= close - start;
    }
  }

  /** Working time in [a, b) in ms: working hours of working days only; 0 when b ≤ a. */
  businessMillisBetween(a: Date, b: Date): CalendarResult<number> {
    const start = a.getTime();
    const end = b.getTime();
    if (end <= start) return { value: 0, provisional: false };
    const last = toEpochDay(this.localDate(new Date(end - 1)));
    let total = 0;
    let provisional = false;
    for (let day = this.localDate(a); toEpochDay(day) <= last; day = addDays(day, 1)) {
      const read = this.#read(day);
      provisional ||= read.provisional;
      if (!read.info.working) continue;
      const { open, close } = this.#hoursOf(day);
      total += Math.max(0, Math.min(close, end) - Math.max(open, start));
    }
    return { value: total, provisional };
  }

  /**
   * A period of `days` days counted as 民法典 arts. 201 and 203 count it: the day of receipt (local
   * date in this zone) is not counted, the period ends at 24:00 of its last day, and a last day that
   * is a rest day (a holiday, or a weekend day not worked as a make-up day) moves to the next
   * working day. Only the last day and the days it moves across are read.
   */
  civilCodeDeadline(receivedAt: Date, days: number): CalendarResult<Date> {
    assertCount(days, 1, 'Period days');
    const lastDay = addDays(this.localDate(receivedAt), days);
    const { value, provisional } = this.nextWorkingDay(lastDay, { inclusive: true });
    return { value: this.endOfDay(value), provisional };
  }

  /**
   * 24:00 local of the `days`-th calendar day after the local date of receipt, with no move off rest
   * days (ASIC RG 271's 30 calendar days, FCA's 8 weeks). Reads no holiday data, so it is never
   * provisional and works beyond the loaded years; it answers a CalendarResult like the other
   * deadline methods so callers treat every period kind alike.
   */
  calendarDaysEnd(receivedAt: Date, days: number): CalendarResult<Date> {
    assertCount(days, 1, 'Period days');
    return { value: this.endOfDay(addDays(this.localDate(receivedAt), days)), provisional: false };
  }

  #read(date: LocalDate): DayRead {
    toEpochDay(date);
    const provisional = this.#provisionalByYear.get(yearOf(date));
    if (provisional === undefined) throw new CalendarDataMissing(this.region, date, this.years);
    const info = this.#listedDays.get(date) ?? (isWeekend(date) ? WEEKEND : WORKDAY);
    return { info, provisional };
  }

  /** Opening and closing instants of a day, cached: a calendar covers a few years of days at most. */
  #hoursOf(date: LocalDate): { open: number; close: number } {
    let hours = this.#openingHours.get(date);
    if (!hours) {
      hours = {
        open: this.instantAt(date, this.workingHours.start).getTime(),
        close: this.instantAt(date, this.workingHours.end).getTime(),
      };
      this.#openingHours.set(date, hours);
    }
    return hours;
  }
}

function assertCount(n: number, min: number, what: string): void {
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${what} must be an integer ≥ ${min}, got ${n}`);
}

// Typed by assertion only: the constructor checks the data before using it.
const regionData = { CN: cnData, 'GB-ENG': gbEngData, 'AU-NSW': auNswData } as Record<
  CalendarRegion,
  CalendarData
>;
const defaultCalendars = new Map<CalendarRegion, BusinessCalendar>();

/**
 * The calendar for a region, from the bundled data. Without options the instance is built once per
 * process and shared (it is immutable).
 */
export function calendarFor(region: CalendarRegion, options?: BusinessCalendarOptions): BusinessCalendar {
  if (options) return new BusinessCalendar(regionData[region], options);
  let calendar = defaultCalendars.get(region);
  if (!calendar) {
    calendar = new BusinessCalendar(regionData[region]);
    defaultCalendars.set(region, calendar);
  }
  return calendar;
}
