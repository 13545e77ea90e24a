import { describe, expect, it } from 'vitest';
import { CalendarDataMissing, calendarFor } from './business-calendar';

const au = calendarFor('AU-NSW');
const HOUR = 3_600_000;

describe('AU-NSW calendar', () => {
  it('uses Australia/Sydney and 09:00-17:00 by default', () => {
    expect(au.timeZone).toBe('Australia/Sydney');
    expect(au.workingHours).toEqual({ start: '09:00', end: '17:00' });
  });

  it.each([
    ['2025-01-26', 'weekend', false], // Australia Day on a Sunday ...
    ['2025-01-27', 'holiday', false], // ... is Monday 27 January
    ['2026-04-03', 'holiday', false], // Good Friday
    ['2026-04-04', 'holiday', false], // Easter Saturday
    ['2026-04-05', 'holiday', false], // Easter Sunday
    ['2026-04-06', 'holiday', false], // Easter Monday
    ['2026-04-25', 'holiday', false], // Anzac Day, a Saturday
    ['2026-04-27', 'holiday', false], // additional day (Public Holidays Amendment (Anzac Day) Order 2026)
    ['2026-06-08', 'holiday', false], // King's Birthday
    ['2026-08-03', 'workday', true], // Bank Holiday: banks only, not a public holiday
    ['2026-10-05', 'holiday', false], // Labour Day
    ['2026-12-28', 'holiday', false], // additional day for Boxing Day on a Saturday
    ['2027-12-27', 'holiday', false],
    ['2027-12-28', 'holiday', false],
  ])('%s is a %s', (date, kind, working) => {
    expect(au.dayKind(date)).toMatchObject({ value: { kind, working }, provisional: false });
  });

  it('30 and 21 calendar days end at 24:00 Sydney time, with no move off weekends or holidays', () => {
    // received Tue 10 Mar 2026 (AEDT); 9 Apr is after daylight saving ends
    const received = new Date('2026-03-09T23:00:00Z');
    expect(au.calendarDaysEnd(received, 30)).toEqual({
      value: new Date('2026-04-09T14:00:00Z'),
      provisional: false,
    });
    // 21 days: Tue 31 Mar, no move
    expect(au.calendarDaysEnd(received, 21).value).toEqual(new Date('2026-03-31T13:00:00Z'));
    // received Sat 28 Mar: the 30th day is Mon 27 Apr, a public holiday, and still the end
    expect(au.calendarDaysEnd(new Date('2026-03-28T01:00:00Z'), 30).value).toEqual(
      new Date('2026-04-27T14:00:00Z'),
    );
  });

  it('one business day to acknowledge skips the Anzac Day additional holiday', () => {
    // Friday 24 Apr 2026 15:00 AEST
    expect(au.endOfNthBusinessDay(new Date('2026-04-24T05:00:00Z'), 1)).toEqual({
      value: new Date('2026-04-28T07:00:00Z'),
      provisional: false,
    });
  });

  it('progress updates every 10 business days run over Christmas and New Year', () => {
    // Dec 22, 23, 24, 29, 30, 31, Jan 4, 5, 6, 7
    expect(au.addBusinessDays('2026-12-21', 10)).toEqual({ value: '2027-01-07', provisional: false });
  });

  it('counts business hours across Easter and the end of daylight saving (2026-04-05)', () => {
    const thursday = new Date('2026-04-02T05:00:00Z'); // 16:00 AEDT
    const due = au.addBusinessHours(thursday, 3);
    expect(due.value).toEqual(new Date('2026-04-07T01:00:00Z')); // Tue 11:00 AEST
    expect(au.businessMillisBetween(thursday, due.value).value).toBe(3 * HOUR);
    expect(au.instantAt('2026-04-05', '02:30')).toEqual(new Date('2026-04-04T15:30:00Z')); // the first 02:30
    expect(au.endOfDay('2026-04-05').getTime() - au.startOfDay('2026-04-05').getTime()).toBe(25 * HOUR);
  });

  it('counts business hours across the start of daylight saving (2026-10-04) and Labour Day', () => {
    const friday = new Date('2026-10-02T06:00:00Z'); // 16:00 AEST
    const due = au.addBusinessHours(friday, 2);
    expect(due.value).toEqual(new Date('2026-10-05T23:00:00Z')); // Tue 6 Oct 10:00 AEDT
    expect(au.businessMillisBetween(friday, due.value).value).toBe(2 * HOUR);
    expect(au.instantAt('2026-10-04', '02:30')).toEqual(new Date('2026-10-03T16:30:00Z')); // 03:30 AEDT
    expect(au.endOfDay('2026-10-04').getTime() - au.startOfDay('2026-10-04').getTime()).toBe(23 * HOUR);
  });

  it('24 hours of business time is three working days', () => {
    const monday = au.instantAt('2026-03-02', '09:00');
    expect(au.addBusinessHours(monday, 24).value).toEqual(au.instantAt('2026-03-04', '17:00'));
  });

  it('has no data after 2027', () => {
    // Wed 29, Thu 30, Fri 31 December 2027 are there; the fourth business day is not
    expect(au.addBusinessDays('2027-12-24', 3).value).toBe('2027-12-31');
    expect(() => au.addBusinessDays('2027-12-24', 4)).toThrow(CalendarDataMissing);
    expect(() => au.addBusinessDays('2027-12-24', 4)).toThrow(/AU-NSW calendar data for 2028-01-01/);
  });
});
