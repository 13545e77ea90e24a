/** Date rules of care campaigns: leap years, month ends, ages and index ranges, due offsets, festivals. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, toEpochDay } from '#shared/calendar/local-date';
import {
  ageOn,
  bornOnOrBefore,
  daysBetween,
  FestivalYearMissing,
  isCadenceDay,
  isFestivalOn,
  isLeapYear,
  isYearlyOccasionOn,
  monthDaysFallingOn,
  yearlyOccasionIn,
} from './occasions';

const date = (from = '1900-01-01', to = '2099-12-31') =>
  fc.integer({ min: toEpochDay(from), max: toEpochDay(to) }).map(fromEpochDay);
const leapDay = fc
  .integer({ min: 1904, max: 2096 })
  .filter(isLeapYear)
  .map((y) => `${y}-02-29`);
const origin = fc.oneof(date('1920-01-01', '2030-12-31'), leapDay);

describe('yearly occasions (birthdays, policy anniversaries)', () => {
  it('keep 29 February on 28 February in common years and on 29 February in leap years', () => {
    expect(yearlyOccasionIn('1988-02-29', 2027)).toBe('2027-02-28');
    expect(yearlyOccasionIn('1988-02-29', 2028)).toBe('2028-02-29');
    expect(yearlyOccasionIn('1988-02-29', 2100)).toBe('2100-02-28');
    expect(isYearlyOccasionOn('1988-02-29', '2027-03-01')).toBe(false);
    expect(monthDaysFallingOn('2027-02-28')).toEqual(['02-28', '02-29']);
    expect(monthDaysFallingOn('2028-02-28')).toEqual(['02-28']);
    expect(monthDaysFallingOn('2028-02-29')).toEqual(['02-29']);
  });

  it('fall on exactly one day of every year', () => {
    fc.assert(
      fc.property(origin, fc.integer({ min: 2024, max: 2060 }), (o, year) => {
        let hits = 0;
        for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1))
          if (isYearlyOccasionOn(o, d)) hits++;
        expect(hits).toBe(1);
      }),
      { numRuns: 40 },
    );
  });

  it('are found through the month-day index partitions of their day', () => {
    fc.assert(
      fc.property(origin, date('2024-01-01', '2060-12-31'), (o, d) => {
        if (isYearlyOccasionOn(o, d)) expect(monthDaysFallingOn(d)).toContain(o.slice(5, 10));
        // and an index partition of the day never names an occasion that is not that day
        if (monthDaysFallingOn(d).includes(o.slice(5, 10))) expect(isYearlyOccasionOn(o, d)).toBe(true);
      }),
    );
  });

  it('always land in the origin month, on a real date', () => {
    fc.assert(
      fc.property(origin, fc.integer({ min: 1900, max: 2099 }), (o, year) => {
        const d = yearlyOccasionIn(o, year);
        expect(() => toEpochDay(d)).not.toThrow();
        expect(d.slice(5, 7)).toBe(o.slice(5, 7));
      }),
    );
  });
});

describe('ages', () => {
  it('count completed years, a 29 February birthday turning on 28 February', () => {
    expect(ageOn('1966-10-29', '2026-10-29')).toBe(60);
    expect(ageOn('1966-10-30', '2026-10-29')).toBe(59);
    expect(ageOn('1964-02-29', '2025-02-28')).toBe(61);
    expect(ageOn('1964-02-29', '2025-02-27')).toBe(60);
  });

  it('agree with the roster range bound: born on or before the bound ⇔ old enough', () => {
    fc.assert(
      fc.property(
        date('1900-01-01', '2030-12-31'),
        date('2024-01-01', '2060-12-31'),
        fc.integer({ min: 1, max: 100 }),
        (birth, d, age) => {
          fc.pre(birth <= d);
          expect(birth <= bornOnOrBefore(age, d)).toBe(ageOn(birth, d) >= age);
        },
      ),
    );
  });
});

describe('due-date offsets', () => {
  it('are whole days between local dates, across month and year ends', () => {
    fc.assert(
      fc.property(date('2024-01-01', '2060-12-31'), fc.integer({ min: -400, max: 400 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
    expect(addDays('2027-01-31', 30)).toBe('2027-03-02');
    expect(addDays('2028-01-31', 30)).toBe('2028-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('cadence days', () => {
  it('are the first day of each quarter or month', () => {
    expect(
      ['2027-01-01', '2027-04-01', '2027-07-01', '2027-10-01'].every((d) => isCadenceDay(d, 'quarterly')),
    ).toBe(true);
    expect(isCadenceDay('2027-02-01', 'quarterly')).toBe(false);
    expect(isCadenceDay('2027-02-01', 'monthly')).toBe(true);
    expect(isCadenceDay('2027-04-02', 'monthly')).toBe(false);
  });
});

describe('festival table', () => {
  it('knows the lunar festivals of the years it covers', () => {
    expect(isFestivalOn('spring-festival', '2026-02-17')).toBe(true);
    expect(isFestivalOn('spring-festival', '2027-02-06')).toBe(true);
    expect(isFestivalOn('mid-autumn', '2026-09-25')).toBe(true);
    expect(isFestivalOn('double-ninth', '2026-10-18')).toBe(true);
    expect(isFestivalOn('dragon-boat', '2026-06-19')).toBe(true);
    expect(isFestivalOn('lantern', '2026-03-03')).toBe(true);
    expect(isFestivalOn('new-year', '2030-01-01')).toBe(true);
    expect(isFestivalOn('mid-autumn', '2026-09-26')).toBe(false);
  });

  it('refuses a year outside the table instead of answering "no festival"', () => {
    expect(() => isFestivalOn('new-year', '2040-01-01')).toThrow(FestivalYearMissing);
  });
});
