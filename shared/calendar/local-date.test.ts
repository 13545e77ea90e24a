import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, isWeekend, toEpochDay, wallTimeMinutes, weekday } from './local-date';

describe('LocalDate arithmetic', () => {
  it.each(['2024-02-29', '2026-01-01', '2027-12-31'])('accepts %s and round-trips it', (date) => {
    expect(fromEpochDay(toEpochDay(date))).toBe(date);
  });

  it.each(['2025-02-29', '2026-02-30', '2026-13-01', '2026-2-3', '2026-02-03T00:00', '', '20260203'])(
    'refuses %j',
    (date) => {
      expect(() => toEpochDay(date)).toThrow(RangeError);
    },
  );

  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-01-31', 365, '2027-01-31'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses fractional day counts', () => {
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
  });

  it('knows the weekday', () => {
    expect(weekday('2026-02-14')).toBe(6);
    expect(weekday('2026-02-15')).toBe(0);
    expect(isWeekend('2026-02-14')).toBe(true);
    expect(isWeekend('2026-02-16')).toBe(false);
  });

  it('reads wall-clock times from 00:00 to 24:00', () => {
    expect(wallTimeMinutes('00:00')).toBe(0);
    expect(wallTimeMinutes('17:30')).toBe(1050);
    expect(wallTimeMinutes('24:00')).toBe(1440);
    for (const bad of ['24:01', '9:00', '09:60', '25:00', '09:00:00']) {
      expect(() => wallTimeMinutes(bad)).toThrow(RangeError);
    }
  });
});
