import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { formatCalendarJson } from '../../scripts/calendar/calendar-json';
import { buildCnCalendar, type ChineseDaysData } from '../../scripts/calendar/cn-calendar';
import { type CalendarData, checkCalendarData } from './calendar-data';
import { addDays, isWeekend, type LocalDate, weekday } from './local-date';

const require = createRequire(import.meta.url);
const files = { CN: 'cn.json', 'GB-ENG': 'gb-eng.json', 'AU-NSW': 'au-nsw.json' } as const;
const text = (file: string) => readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8');
const data = (file: string) => checkCalendarData(JSON.parse(text(file)));
const dates = (data: CalendarData, year: number) => data.years[year]!.holidays.map((d) => d.date);

describe('the data files', () => {
  it.each(Object.entries(files))(
    '%s covers 2024-2027, is valid and in the canonical layout',
    (region, file) => {
      const parsed = data(file);
      expect(parsed.region).toBe(region);
      expect(Object.keys(parsed.years)).toEqual(['2024', '2025', '2026', '2027']);
      expect(formatCalendarJson(parsed)).toBe(text(file));
    },
  );

  it('CN is exactly what the generator makes from the installed packages (npm run calendar:generate)', () => {
    const built = buildCnCalendar({
      chineseDays: require('chinese-days/dist/chinese-days.json') as ChineseDaysData,
      versions: {
        chineseDays: require('chinese-days/package.json').version,
        lunarJavascript: require('lunar-javascript/package.json').version,
      },
      previous: data(files.CN),
    });
    expect(formatCalendarJson(built)).toBe(text(files.CN));
  });

  it('CN 2024-2026 are official; 2027 is provisional with the statutory days and art. 6 days in lieu', () => {
    const cn = data(files.CN);
    expect([2024, 2025, 2026, 2027].map((y) => cn.years[y]!.status)).toEqual([
      'official',
      'official',
      'official',
      'provisional',
    ]);
    expect(dates(cn, 2027)).toEqual([
      '2027-01-01',
      ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'], // 除夕 to 正月初三
      ...['2027-02-09', '2027-02-10'], // in lieu of Saturday 6 and Sunday 7
      '2027-04-05', // 清明 solar term
      ...['2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04'], // Sat, Sun, then two days in lieu
      '2027-06-09', // 端午, 五月初五
      '2027-09-15', // 中秋, 八月十五
      ...['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05'], // Fri-Sun, two in lieu
    ]);
    expect(cn.years[2027]!.workdays).toEqual([]);
    expect(cn.years[2027]!.note).toMatch(/PROVISIONAL.*国务院办公厅关于2027年部分节假日安排的通知/);
  });

  it('GB-ENG matches the bank-holiday rules, substitute days included', () => {
    const gb = data(files['GB-ENG']);
    for (const year of [2024, 2025, 2026, 2027]) {
      const easter = easterSunday(year);
      const expected = [
        substitute(`${year}-01-01`, []),
        addDays(easter, -2),
        addDays(easter, 1),
        nthMonday(year, 5, 1),
        lastMonday(year, 5),
        lastMonday(year, 8),
      ];
      const christmas = substitute(`${year}-12-25`, []);
      expected.push(christmas, substitute(`${year}-12-26`, [christmas]));
      expect(dates(gb, year), String(year)).toEqual(expected);
      expect(gb.years[year]!.workdays).toEqual([]);
    }
    expect(dates(gb, 2026)).toContain('2026-12-28');
    expect(dates(gb, 2027)).toEqual(expect.arrayContaining(['2027-12-27', '2027-12-28']));
  });

  it('AU-NSW matches the Public Holidays Act 2010 and the 2026 Anzac Day order', () => {
    const au = data(files['AU-NSW']);
    const anzacOrder: Record<number, LocalDate> = { 2026: '2026-04-27', 2027: '2027-04-26' };
    for (const year of [2024, 2025, 2026, 2027]) {
      const easter = easterSunday(year);
      const expected = [`${year}-01-01`];
      if (isWeekend(`${year}-01-01`)) expected.push(substitute(`${year}-01-01`, []));
      expected.push(substitute(`${year}-01-26`, [])); // Australia Day moves; the weekend day is not a holiday
      expected.push(addDays(easter, -2), addDays(easter, -1), easter, addDays(easter, 1), `${year}-04-25`);
      if (anzacOrder[year]) expected.push(anzacOrder[year]);
      expected.push(nthMonday(year, 6, 2), nthMonday(year, 10, 1), `${year}-12-25`, `${year}-12-26`);
      const christmas = substitute(`${year}-12-25`, []);
      const boxing = substitute(`${year}-12-26`, [christmas]);
      for (const additional of [christmas, boxing])
        if (!expected.includes(additional)) expected.push(additional);
      expect(dates(au, year), String(year)).toEqual(expected);
      expect(au.years[year]!.workdays).toEqual([]);
    }
  });
});

describe('checkCalendarData', () => {
  const valid = (): CalendarData => ({
    region: 'X',
    source: 'test',
    years: {
      2026: {
        status: 'official',
        holidays: [{ date: '2026-02-16', name: 'A' }],
        workdays: [{ date: '2026-02-14', name: 'B' }],
      },
    },
  });

  it('accepts a valid file', () => {
    expect(checkCalendarData(valid())).toEqual(valid());
  });

  it.each([
    [
      'a make-up workday on a weekday',
      (d: CalendarData) => (d.years[2026]!.workdays[0]!.date = '2026-02-13'),
      /weekend/,
    ],
    ['a day listed twice', (d: CalendarData) => (d.years[2026]!.workdays[0]!.date = '2026-02-16'), /twice/],
    [
      'a day under the wrong year',
      (d: CalendarData) => (d.years[2026]!.holidays[0]!.date = '2025-02-17'),
      /wrong year/,
    ],
    [
      'an impossible date',
      (d: CalendarData) => (d.years[2026]!.holidays[0]!.date = '2026-02-30'),
      /YYYY-MM-DD/,
    ],
    ['an unknown status', (d: CalendarData) => Object.assign(d.years[2026]!, { status: 'draft' }), /status/],
    ['a missing name', (d: CalendarData) => (d.years[2026]!.holidays[0]!.name = ''), /name/],
  ])('refuses %s', (_, spoil, message) => {
    const broken = valid();
    spoil(broken);
    expect(() => checkCalendarData(broken)).toThrow(message);
  });
});

/** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function nthMonday(year: number, month: number, n: number): LocalDate {
  let day = `${year}-${String(month).padStart(2, '0')}-01`;
  while (weekday(day) !== 1) day = addDays(day, 1);
  return addDays(day, 7 * (n - 1));
}

/** For May to November: the week before the next month's first Monday. */
function lastMonday(year: number, month: number): LocalDate {
  return addDays(nthMonday(year, month + 1, 1), -7);
}

/** The date itself, or the first following weekday not already taken by another holiday's substitute. */
function substitute(date: LocalDate, taken: LocalDate[]): LocalDate {
  let day = date;
  while (isWeekend(day) || taken.includes(day)) day = addDays(day, 1);
  return day;
}
