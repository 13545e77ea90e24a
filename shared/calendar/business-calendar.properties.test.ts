/**
 * Properties of the business calendar over every loaded year (2024-2027) of all three regions.
 * "Provisional" is checked against the days each method reads: addBusinessDays and nextWorkingDay
 * read up to their result, countBusinessDays (from, to], civilCodeDeadline the last day of the
 * period up to the day it moves to, the business-hours methods every local day they span.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, type CalendarRegion, calendarFor } from './business-calendar';
import { fromEpochDay, isWeekend, type LocalDate, toEpochDay } from './local-date';

const regions: CalendarRegion[] = ['CN', 'GB-ENG', 'AU-NSW'];
const RUNS = { numRuns: 500 };
const HOUR = 3_600_000;
const PROVISIONAL_FROM = '2027-01-01'; // CN 2027 is the only provisional year

const calendar = fc.constantFrom(...regions).map((region) => calendarFor(region));
const dateBetween = (first: LocalDate, last: LocalDate) =>
  fc.integer({ min: toEpochDay(first), max: toEpochDay(last) }).map(fromEpochDay);
const anyDate = dateBetween('2024-01-01', '2027-12-31');
/** Start dates that leave room for 60 business days inside the data. */
const startDate = dateBetween('2024-01-01', '2027-08-31');
const businessDays = fc.integer({ min: 0, max: 60 });

/** Instants from 2024 to September 2027, with openings, closings and midnights (± 1 ms) well represented. */
const instant = (cal: BusinessCalendar) =>
  fc.oneof(
    fc
      .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2027-09-01T00:00:00Z') })
      .map((ms) => new Date(ms)),
    fc
      .tuple(
        dateBetween('2024-01-02', '2027-08-31'),
        fc.constantFrom(cal.workingHours.start, cal.workingHours.end, '00:00'),
        fc.constantFrom(-1, 0, 1),
      )
      .map(([date, time, nudge]) => new Date(cal.instantAt(date, time).getTime() + nudge)),
  );
const withInstant = calendar.chain((cal) => fc.tuple(fc.constant(cal), instant(cal)));
/** Hours as whole minutes (exact in ms) or any double. */
const hours = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 200 * 60 }).map((minutes) => minutes / 60),
  fc.double({ min: 0, max: 200, noNaN: true }),
);

const provisionalFor = (cal: BusinessCalendar, lastDayRead: LocalDate) =>
  cal.region === 'CN' && lastDayRead >= PROVISIONAL_FROM;
const working = (cal: BusinessCalendar, date: LocalDate) => cal.isWorkingDay(date).value;
const daysBetween = (first: LocalDate, last: LocalDate): LocalDate[] => {
  const days: LocalDate[] = [];
  for (let day = toEpochDay(first); day <= toEpochDay(last); day++) days.push(fromEpochDay(day));
  return days;
};

describe('business days', () => {
  it('day kinds agree with the working flag and the weekday', () => {
    fc.assert(
      fc.property(calendar, anyDate, (cal, date) => {
        const { value, provisional } = cal.dayKind(date);
        expect(provisional).toBe(provisionalFor(cal, date));
        expect(value.working).toBe(value.kind === 'workday' || value.kind === 'makeup-workday');
        if (value.kind === 'weekend' || value.kind === 'makeup-workday') expect(isWeekend(date)).toBe(true);
        if (value.kind === 'workday') expect(isWeekend(date)).toBe(false);
      }),
      RUNS,
    );
  });

  it('countBusinessDays(d, addBusinessDays(d, n)) === n (n ≥ 1; n = 0 from a rest day counts 1)', () => {
    fc.assert(
      fc.property(calendar, startDate, businessDays, (cal, date, n) => {
        const added = cal.addBusinessDays(date, n).value;
        const expected = n > 0 || working(cal, date) ? n : 1;
        expect(cal.countBusinessDays(date, added).value).toBe(expected);
      }),
      RUNS,
    );
  });

  it('addBusinessDays and nextWorkingDay land on working days, skipping only rest days', () => {
    fc.assert(
      fc.property(calendar, startDate, businessDays, fc.boolean(), (cal, date, n, inclusive) => {
        const added = cal.addBusinessDays(date, n);
        expect(working(cal, added.value)).toBe(true);
        expect(added.value >= date).toBe(true);
        expect(added.provisional).toBe(provisionalFor(cal, added.value));

        const next = cal.nextWorkingDay(date, { inclusive });
        expect(working(cal, next.value)).toBe(true);
        const firstCandidate = inclusive ? date : cal.addCalendarDays(date, 1);
        for (const day of daysBetween(firstCandidate, cal.addCalendarDays(next.value, -1))) {
          expect(working(cal, day), day).toBe(false);
        }
        expect(next.provisional).toBe(provisionalFor(cal, next.value));
      }),
      RUNS,
    );
  });

  it('addBusinessDays is monotonic in n and in the start date', () => {
    fc.assert(
      fc.property(calendar, startDate, startDate, businessDays, businessDays, (cal, d1, d2, n1, n2) => {
        const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const [n, m] = n1 <= n2 ? [n1, n2] : [n2, n1];
        expect(cal.addBusinessDays(a, n).value <= cal.addBusinessDays(a, m).value).toBe(true);
        expect(cal.addBusinessDays(a, n).value <= cal.addBusinessDays(b, n).value).toBe(true);
      }),
      RUNS,
    );
  });

  it('countBusinessDays adds up over consecutive ranges and is provisional iff it reads 2027 CN days', () => {
    fc.assert(
      fc.property(calendar, anyDate, anyDate, anyDate, (cal, ...dates) => {
        const [a, b, c] = dates.sort() as [LocalDate, LocalDate, LocalDate];
        const whole = cal.countBusinessDays(a, c);
        expect(whole.value).toBe(cal.countBusinessDays(a, b).value + cal.countBusinessDays(b, c).value);
        expect(whole.provisional).toBe(c > a && provisionalFor(cal, c));
        expect(cal.countBusinessDays(c, a).value).toBe(0);
      }),
      RUNS,
    );
  });
});

describe('business hours', () => {
  it('businessMillisBetween(from, addBusinessHours(from, h)) is h, and no earlier instant reaches h', () => {
    fc.assert(
      fc.property(withInstant, hours, ([cal, from], h) => {
        const due = cal.addBusinessHours(from, h);
        const wanted = Math.round(h * HOUR);
        const between = cal.businessMillisBetween(from, due.value);
        expect(Math.abs(between.value - wanted)).toBeLessThanOrEqual(1);
        expect(due.value.getTime()).toBeGreaterThanOrEqual(from.getTime());
        if (wanted > 0) {
          expect(cal.businessMillisBetween(from, new Date(due.value.getTime() - 1)).value).toBeLessThan(
            wanted,
          );
        }
        expect(due.provisional).toBe(provisionalFor(cal, cal.localDate(due.value)));
      }),
      RUNS,
    );
  });

  it('addBusinessHours lands inside working hours: (opening, closing] for h > 0, [opening, closing) for h = 0', () => {
    fc.assert(
      fc.property(withInstant, hours, ([cal, from], h) => {
        const due = cal.addBusinessHours(from, h).value;
        const day = cal.localDate(due);
        expect(working(cal, day)).toBe(true);
        const open = cal.instantAt(day, cal.workingHours.start).getTime();
        const close = cal.instantAt(day, cal.workingHours.end).getTime();
        if (Math.round(h * HOUR) > 0) {
          expect(due.getTime()).toBeGreaterThan(open);
          expect(due.getTime()).toBeLessThanOrEqual(close);
        } else {
          expect(due.getTime()).toBeGreaterThanOrEqual(open);
          expect(due.getTime()).toBeLessThan(close);
        }
      }),
      RUNS,
    );
  });

  it('adding h1 then h2 > 0 hours is adding h1 + h2', () => {
    const minutes = fc.integer({ min: 0, max: 100 * 60 });
    fc.assert(
      fc.property(
        withInstant,
        minutes,
        minutes.filter((m) => m > 0),
        ([cal, from], m1, m2) => {
          const stepwise = cal.addBusinessHours(cal.addBusinessHours(from, m1 / 60).value, m2 / 60).value;
          expect(stepwise).toEqual(cal.addBusinessHours(from, (m1 + m2) / 60).value);
        },
      ),
      RUNS,
    );
  });

  it('businessMillisBetween adds up over consecutive intervals, never exceeds elapsed time, is 0 backwards', () => {
    fc.assert(
      fc.property(
        calendar.chain((cal) => fc.tuple(fc.constant(cal), instant(cal), instant(cal), instant(cal))),
        ([cal, ...instants]) => {
          const [a, b, c] = instants.sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
          const whole = cal.businessMillisBetween(a, c);
          expect(whole.value).toBe(
            cal.businessMillisBetween(a, b).value + cal.businessMillisBetween(b, c).value,
          );
          expect(whole.value).toBeLessThanOrEqual(c.getTime() - a.getTime());
          expect(cal.businessMillisBetween(c, a)).toEqual({ value: 0, provisional: false });
          const lastDay = cal.localDate(new Date(c.getTime() - 1));
          expect(whole.provisional).toBe(c > a && provisionalFor(cal, lastDay));
        },
      ),
      RUNS,
    );
  });
});

describe('civilCodeDeadline', () => {
  it('ends at local midnight after a working last day, never before receipt + days, moving only off rest days', () => {
    fc.assert(
      fc.property(withInstant, fc.integer({ min: 1, max: 60 }), ([cal, received], days) => {
        const { value: end, provisional } = cal.civilCodeDeadline(received, days);
        const plain = cal.calendarDaysEnd(received, days).value;
        expect(end.getTime()).toBeGreaterThanOrEqual(plain.getTime());

        const endDay = cal.localDate(end);
        expect(end).toEqual(cal.startOfDay(endDay));
        const lastDay = cal.addCalendarDays(endDay, -1);
        expect(working(cal, lastDay)).toBe(true);
        const periodLastDay = cal.addCalendarDays(cal.localDate(received), days);
        expect(cal.localDate(new Date(plain.getTime() - 1))).toBe(periodLastDay);
        for (const day of daysBetween(periodLastDay, cal.addCalendarDays(lastDay, -1))) {
          expect(working(cal, day), day).toBe(false);
        }
        expect(provisional).toBe(provisionalFor(cal, lastDay));
      }),
      RUNS,
    );
  });
});
