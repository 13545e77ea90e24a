import { describe, expect, it } from 'vitest';
import { CalendarDataMissing, calendarFor } from './business-calendar';

const gb = calendarFor('GB-ENG');
const HOUR = 3_600_000;

describe('GB-ENG calendar', () => {
  it('uses Europe/London and 09:00-17:00 by default', () => {
    expect(gb.timeZone).toBe('Europe/London');
    expect(gb.workingHours).toEqual({ start: '09:00', end: '17:00' });
  });

  it.each([
    ['2026-04-02', 'workday', true],
    ['2026-04-03', 'holiday', false], // Good Friday
    ['2026-04-04', 'weekend', false],
    ['2026-04-06', 'holiday', false], // Easter Monday
    ['2026-04-07', 'workday', true],
    ['2026-12-24', 'workday', true],
    ['2026-12-25', 'holiday', false],
    ['2026-12-26', 'weekend', false], // Boxing Day on a Saturday ...
    ['2026-12-28', 'holiday', false], // ... is taken on Monday 28 December
    ['2027-12-27', 'holiday', false],
    ['2027-12-28', 'holiday', false],
    ['2027-12-29', 'workday', true],
  ])('%s is a %s', (date, kind, working) => {
    expect(gb.dayKind(date)).toMatchObject({ value: { kind, working }, provisional: false });
  });

  it.each([
    ['2026-04-02', 1, '2026-04-07'],
    ['2026-12-23', 2, '2026-12-29'],
    ['2027-12-24', 1, '2027-12-29'],
  ])('addBusinessDays(%s, %i) = %s', (date, n, expected) => {
    expect(gb.addBusinessDays(date, n)).toEqual({ value: expected, provisional: false });
  });

  it.each([
    // FCA DISP 1.5: close of business on the third business day following the day of receipt
    ['2026-03-06T18:30:00Z', '2026-03-11T17:00:00Z', 'Friday evening: Mon, Tue, Wed'],
    ['2026-03-27T19:00:00Z', '2026-04-01T16:00:00Z', 'Friday evening before the clocks change: 17:00 BST'],
    ['2026-04-02T18:00:00Z', '2026-04-09T16:00:00Z', 'Thursday before Easter: Tue 7, Wed 8, Thu 9'],
    ['2026-12-23T19:00:00Z', '2026-12-30T17:00:00Z', 'Christmas 2026: Thu 24, (25, 28 off) Tue 29, Wed 30'],
    ['2027-12-23T19:00:00Z', '2027-12-30T17:00:00Z', 'Christmas 2027: Fri 24, (27, 28 off) Wed 29, Thu 30'],
    ['2026-03-07T10:00:00Z', '2026-03-11T17:00:00Z', 'Saturday receipt: Mon, Tue, Wed'],
  ])('received %s: summary resolution due %s (%s)', (received, due) => {
    expect(gb.endOfNthBusinessDay(new Date(received), 3)).toEqual({
      value: new Date(due),
      provisional: false,
    });
  });

  it('eight weeks end at 24:00 London time of the 56th day', () => {
    expect(gb.calendarDaysEnd(new Date('2026-03-02T10:00:00Z'), 56).value).toEqual(
      new Date('2026-04-27T23:00:00Z'),
    );
    expect(gb.calendarDaysEnd(new Date('2026-09-07T10:00:00Z'), 56).value).toEqual(
      new Date('2026-11-03T00:00:00Z'),
    );
  });

  it('counts business hours across the spring-forward weekend (2026-03-29)', () => {
    const friday = new Date('2026-03-27T16:00:00Z'); // 16:00 GMT
    const due = gb.addBusinessHours(friday, 2);
    expect(due).toEqual({ value: new Date('2026-03-30T09:00:00Z'), provisional: false }); // 10:00 BST
    expect(gb.businessMillisBetween(friday, due.value).value).toBe(2 * HOUR);
    expect(gb.instantAt('2026-03-29', '01:30')).toEqual(new Date('2026-03-29T01:30:00Z')); // 02:30 BST
    expect(gb.startOfDay('2026-03-29')).toEqual(new Date('2026-03-29T00:00:00Z'));
    expect(gb.endOfDay('2026-03-29')).toEqual(new Date('2026-03-29T23:00:00Z')); // a 23-hour day
  });

  it('counts business hours across the fall-back weekend (2026-10-25)', () => {
    const friday = new Date('2026-10-23T15:30:00Z'); // 16:30 BST
    expect(gb.addBusinessHours(friday, 1).value).toEqual(new Date('2026-10-26T09:30:00Z')); // 09:30 GMT
    expect(gb.endOfDay('2026-10-25').getTime() - gb.startOfDay('2026-10-25').getTime()).toBe(25 * HOUR);
  });

  it('counts a full working day as 8 hours and a week with a bank holiday as 32', () => {
    expect(gb.businessMillisBetween(gb.startOfDay('2026-03-30'), gb.endOfDay('2026-03-30')).value).toBe(
      8 * HOUR,
    );
    expect(gb.businessMillisBetween(gb.startOfDay('2026-04-06'), gb.startOfDay('2026-04-13')).value).toBe(
      32 * HOUR,
    );
  });

  it('has no data before 2024', () => {
    expect(() => gb.addBusinessDays('2023-12-22', 1)).toThrow(CalendarDataMissing);
    expect(() => gb.addBusinessDays('2023-12-22', 1)).toThrow(/GB-ENG calendar data for 2023-12-23/);
  });
});
