import { describe, expect, it } from 'vitest';
import { BusinessCalendar, CalendarDataMissing, calendarFor } from './business-calendar';

const cn = calendarFor('CN');
const beijing = (local: string) => new Date(`${local}+08:00`);

describe('CN calendar: official arrangements', () => {
  it.each([
    // 2026 Spring Festival: 15-23 February off; Saturdays 14 and 28 February worked
    ['2026-02-13', 'workday', true],
    ['2026-02-14', 'makeup-workday', true],
    ['2026-02-15', 'holiday', false],
    ['2026-02-16', 'holiday', false],
    ['2026-02-20', 'holiday', false],
    ['2026-02-23', 'holiday', false],
    ['2026-02-24', 'workday', true],
    ['2026-02-28', 'makeup-workday', true],
    ['2026-03-01', 'weekend', false],
    // 2026 National Day: 1-7 October off; Sunday 20 September and Saturday 10 October worked
    ['2026-09-20', 'makeup-workday', true],
    ['2026-09-25', 'holiday', false],
    ['2026-09-30', 'workday', true],
    ['2026-10-01', 'holiday', false],
    ['2026-10-07', 'holiday', false],
    ['2026-10-08', 'workday', true],
    ['2026-10-10', 'makeup-workday', true],
    ['2026-10-11', 'weekend', false],
    // 2025 golden week: 1-8 October off (6 October is 中秋); Sunday 28 September and Saturday 11 October worked
    ['2025-09-28', 'makeup-workday', true],
    ['2025-10-01', 'holiday', false],
    ['2025-10-06', 'holiday', false],
    ['2025-10-08', 'holiday', false],
    ['2025-10-09', 'workday', true],
    ['2025-10-11', 'makeup-workday', true],
    // 2024 golden week: 1-7 October off; Sunday 29 September and Saturday 12 October worked
    ['2024-09-29', 'makeup-workday', true],
    ['2024-10-01', 'holiday', false],
    ['2024-10-07', 'holiday', false],
    ['2024-10-08', 'workday', true],
    ['2024-10-12', 'makeup-workday', true],
    ['2024-10-13', 'weekend', false],
  ])('%s is a %s (working: %s)', (date, kind, working) => {
    expect(cn.dayKind(date)).toMatchObject({ value: { kind, working }, provisional: false });
    expect(cn.isWorkingDay(date)).toEqual({ value: working, provisional: false });
  });

  it('names holidays and make-up days', () => {
    expect(cn.dayKind('2025-10-06').value.name).toBe('中秋 Mid-autumn Festival');
    expect(cn.dayKind('2026-02-23').value.name).toBe('春节 Spring Festival (调休 day off in lieu)');
    expect(cn.dayKind('2026-02-28').value.name).toBe('春节 Spring Festival (调休上班 make-up working day)');
    expect(cn.dayKind('2026-02-24').value.name).toBeUndefined();
  });

  it.each([
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 2, '2026-10-09'],
    ['2026-09-30', 3, '2026-10-10'], // the make-up Saturday counts
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-14', 5, '2026-02-28'],
    ['2024-09-27', 1, '2024-09-29'],
    ['2026-02-15', 0, '2026-02-24'], // n = 0 from a holiday: the next working day
    ['2026-02-14', 0, '2026-02-14'], // n = 0 from a working day: that day
  ])('addBusinessDays(%s, %i) = %s', (date, n, expected) => {
    expect(cn.addBusinessDays(date, n)).toEqual({ value: expected, provisional: false });
  });

  it('counts working days in (from, to]', () => {
    // 14 Feb (make-up), 24-27 Feb, 28 Feb (make-up), 2 Mar
    expect(cn.countBusinessDays('2026-02-13', '2026-03-02')).toEqual({ value: 7, provisional: false });
    expect(cn.countBusinessDays('2026-02-14', '2026-02-23')).toEqual({ value: 0, provisional: false });
    expect(cn.countBusinessDays('2026-03-02', '2026-03-02')).toEqual({ value: 0, provisional: false });
    expect(cn.countBusinessDays('2026-03-02', '2026-02-13')).toEqual({ value: 0, provisional: false });
    expect(cn.countBusinessDays('2025-12-31', '2026-12-31').value).toBe(248);
  });

  it('finds the next working day', () => {
    expect(cn.nextWorkingDay('2026-02-14')).toEqual({ value: '2026-02-24', provisional: false });
    expect(cn.nextWorkingDay('2026-02-14', { inclusive: true })).toEqual({
      value: '2026-02-14',
      provisional: false,
    });
    expect(cn.nextWorkingDay('2026-10-01', { inclusive: true }).value).toBe('2026-10-08');
  });

  it('a Friday-evening receipt is acknowledged by the close of the next working day', () => {
    // Friday 13 Feb 2026 20:00: the next working day is the make-up Saturday
    expect(cn.endOfNthBusinessDay(beijing('2026-02-13T20:00'), 1)).toEqual({
      value: beijing('2026-02-14T17:30'),
      provisional: false,
    });
    // Friday 6 Mar 2026 20:00: Monday
    expect(cn.endOfNthBusinessDay(beijing('2026-03-06T20:00'), 1).value).toEqual(beijing('2026-03-09T17:30'));
    // Business hours start at Monday's opening
    expect(cn.addBusinessHours(beijing('2026-03-06T20:00'), 8).value).toEqual(beijing('2026-03-09T17:00'));
    expect(cn.addBusinessHours(beijing('2026-03-06T20:00'), 8.5).value).toEqual(beijing('2026-03-09T17:30'));
    expect(cn.addBusinessHours(beijing('2026-03-06T20:00'), 9).value).toEqual(beijing('2026-03-10T09:30'));
    expect(cn.businessMillisBetween(beijing('2026-03-06T20:00'), beijing('2026-03-10T09:30')).value).toBe(
      9 * 3_600_000,
    );
  });
});

describe('CN civilCodeDeadline (民法典 arts. 201, 203)', () => {
  it.each([
    // received, days, end of period (24:00 of the last day = 00:00 the day after), why
    [
      '2026-09-28T10:00',
      15,
      '2026-10-14T00:00',
      'last day Tue 13 Oct is working: the golden week inside does not move it',
    ],
    ['2026-09-20T10:00', 15, '2026-10-09T00:00', 'last day 5 Oct is in the golden week: moves to Thu 8 Oct'],
    [
      '2026-02-14T10:00',
      15,
      '2026-03-03T00:00',
      'day before Spring Festival: last day Sun 1 Mar moves to Mon 2 Mar',
    ],
    ['2026-02-08T10:00', 15, '2026-02-25T00:00', 'last day 23 Feb ends the break: moves to Tue 24 Feb'],
    ['2026-02-13T10:00', 15, '2026-03-01T00:00', 'last day Sat 28 Feb is a make-up working day: stays'],
    ['2025-12-20T10:00', 15, '2026-01-05T00:00', 'last day Sun 4 Jan is a make-up working day: stays'],
    ['2026-09-05T10:00', 15, '2026-09-21T00:00', 'last day Sun 20 Sep is a make-up working day: stays'],
    [
      '2026-03-06T10:00',
      15,
      '2026-03-24T00:00',
      'last day Sat 21 Mar is an ordinary weekend: moves to Mon 23',
    ],
    [
      '2026-09-28T00:30',
      15,
      '2026-10-14T00:00',
      'receipt just after local midnight counts from the local date',
    ],
    ['2026-09-27T23:59', 15, '2026-10-13T00:00', 'receipt just before local midnight'],
    ['2026-09-28T10:00', 30, '2026-10-29T00:00', 'complex case: 30 days'],
  ])('received %s + %i days ends %s (%s)', (received, days, end) => {
    expect(cn.civilCodeDeadline(beijing(received), days)).toEqual({
      value: beijing(end),
      provisional: false,
    });
  });

  it('reads the zone, not UTC: 2026-09-27T17:00Z is 28 September in Beijing', () => {
    expect(cn.civilCodeDeadline(new Date('2026-09-27T17:00:00Z'), 15).value).toEqual(
      beijing('2026-10-14T00:00'),
    );
  });
});

describe('CN provisional 2027', () => {
  it('flags every answer that reads a 2027 day, and no other', () => {
    expect(cn.isWorkingDay('2027-03-01')).toEqual({ value: true, provisional: true });
    expect(cn.isWorkingDay('2026-03-02')).toEqual({ value: true, provisional: false });
    expect(cn.dayKind('2027-02-09')).toMatchObject({
      value: { kind: 'holiday', working: false },
      provisional: true,
    });
    expect(cn.addBusinessDays('2026-12-29', 2)).toEqual({ value: '2026-12-31', provisional: false });
    // 31 Dec (1), 1 Jan holiday, 4 Jan (2), 5 Jan (3)
    expect(cn.addBusinessDays('2026-12-30', 3)).toEqual({ value: '2027-01-05', provisional: true });
    expect(cn.countBusinessDays('2026-12-01', '2026-12-31').provisional).toBe(false);
    expect(cn.countBusinessDays('2026-12-01', '2027-01-01').provisional).toBe(true);
    expect(cn.civilCodeDeadline(beijing('2026-12-01T10:00'), 15)).toEqual({
      value: beijing('2026-12-17T00:00'),
      provisional: false,
    });
    expect(cn.civilCodeDeadline(beijing('2026-12-20T10:00'), 15)).toEqual({
      value: beijing('2027-01-05T00:00'),
      provisional: true,
    });
    // last day 9 Feb 2027 is a provisional day in lieu: moves to Thu 11 Feb
    expect(cn.civilCodeDeadline(beijing('2027-01-25T10:00'), 15)).toEqual({
      value: beijing('2027-02-12T00:00'),
      provisional: true,
    });
    expect(cn.addBusinessHours(beijing('2026-12-31T17:00'), 1)).toEqual({
      value: beijing('2027-01-04T09:30'),
      provisional: true,
    });
  });
});

describe('CN outside the loaded years', () => {
  it.each([
    ['dayKind 2023', () => cn.dayKind('2023-12-31'), '2023-12-31'],
    ['isWorkingDay 2028', () => cn.isWorkingDay('2028-01-03'), '2028-01-03'],
    ['nextWorkingDay into 2028', () => cn.nextWorkingDay('2027-12-31'), '2028-01-01'],
    ['addBusinessDays into 2028', () => cn.addBusinessDays('2027-12-29', 5), '2028-01-01'],
    ['countBusinessDays from 2023', () => cn.countBusinessDays('2023-12-30', '2024-01-05'), '2023-12-31'],
    [
      'civilCodeDeadline into 2028',
      () => cn.civilCodeDeadline(beijing('2027-12-20T10:00'), 15),
      '2028-01-04',
    ],
    ['addBusinessHours from 2023', () => cn.addBusinessHours(beijing('2023-12-29T10:00'), 1), '2023-12-29'],
    [
      'businessMillisBetween into 2028',
      () => cn.businessMillisBetween(beijing('2027-12-31T10:00'), beijing('2028-01-02T10:00')),
      '2028-01-01',
    ],
  ])('%s throws CalendarDataMissing naming region and date', (_, run, date) => {
    let error: unknown;
    try {
      run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarDataMissing);
    expect(error).toMatchObject({ region: 'CN', date, name: 'CalendarDataMissing' });
    expect((error as Error).message).toContain(`CN calendar data for ${date}`);
  });

  it('a period ending at the edge of the data needs nothing beyond it', () => {
    expect(cn.businessMillisBetween(beijing('2027-12-31T10:00'), beijing('2028-01-01T00:00')).value).toBe(
      7.5 * 3_600_000,
    );
  });

  it('pure date arithmetic works anywhere', () => {
    expect(cn.addCalendarDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(cn.calendarDaysEnd(beijing('2027-12-20T10:00'), 30)).toEqual({
      value: beijing('2028-01-20T00:00'),
      provisional: false,
    });
  });
});

describe('CN calendar construction and inputs', () => {
  it('uses Asia/Shanghai and 09:00-17:30 by default, and takes other hours', () => {
    expect(cn.timeZone).toBe('Asia/Shanghai');
    expect(cn.workingHours).toEqual({ start: '09:00', end: '17:30' });
    expect(cn.years).toEqual([2024, 2025, 2026, 2027]);
    expect(calendarFor('CN')).toBe(cn);
    const early = calendarFor('CN', { workingHours: { start: '08:30', end: '17:00' } });
    expect(early.endOfNthBusinessDay(beijing('2026-03-06T20:00'), 1).value).toEqual(
      beijing('2026-03-09T17:00'),
    );
  });

  it('refuses bad inputs', () => {
    expect(() => cn.addBusinessDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => cn.addBusinessDays('2026-03-02', 1.5)).toThrow(RangeError);
    expect(() => cn.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cn.addBusinessHours(beijing('2026-03-02T10:00'), -1)).toThrow(RangeError);
    expect(() => cn.addBusinessHours(beijing('2026-03-02T10:00'), Number.NaN)).toThrow(RangeError);
    expect(() => cn.civilCodeDeadline(beijing('2026-03-02T10:00'), 0)).toThrow(RangeError);
    expect(() => calendarFor('CN', { timeZone: 'Nowhere/Else' })).toThrow(RangeError);
    expect(() => calendarFor('CN', { workingHours: { start: '18:00', end: '09:00' } })).toThrow(RangeError);
    expect(() => new BusinessCalendar({ region: 'XX', source: 'test', years: {} })).toThrow(/no defaults/);
  });
});
