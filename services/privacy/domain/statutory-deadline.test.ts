import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor } from '#shared/calendar/business-calendar';
import { addDays, toEpochDay } from '#shared/calendar/local-date';
import { addMonthsClamped, statutoryDeadline } from './statutory-deadline';

const cn = calendarFor('CN');
const gb = calendarFor('GB-ENG');
/** Instants in the years the bundled calendars publish (2024–2026). */
const receipt = fc.date({
  min: new Date('2024-01-01T00:00:00Z'),
  max: new Date('2026-11-30T00:00:00Z'),
  noInvalidDate: true,
});

describe('PIPL: 15 working days on the CN calendar', () => {
  it('counts the working days after the day of receipt, 调休 included and Golden Week excluded', () => {
    // Monday 28 September 2026: 1–7 October are holidays, Saturday 10 October a make-up working day
    expect(statutoryDeadline('pipl', new Date('2026-09-28T02:00:00Z'))).toMatchObject({
      dueDate: '2026-10-23',
      dueAt: '2026-10-23T16:00:00.000Z', // 24:00 in Shanghai
      alertAt: '2026-10-19T16:00:00.000Z', // three working days before: Tuesday 20th 00:00
      provisional: false,
    });
  });

  it('always ends on a working day with exactly 15 working days after the day of receipt', () => {
    fc.assert(
      fc.property(receipt, (at) => {
        const d = statutoryDeadline('pipl', at);
        const received = cn.localDate(at);
        expect(cn.isWorkingDay(d.dueDate).value).toBe(true);
        expect(cn.countBusinessDays(received, d.dueDate).value).toBe(15);
        expect(d.dueAt).toBe(cn.endOfDay(d.dueDate).toISOString());
        expect(Date.parse(d.alertAt)).toBeLessThan(Date.parse(d.dueAt));
        expect(Date.parse(d.alertAt)).toBeGreaterThanOrEqual(cn.startOfDay(received).getTime());
      }),
    );
  });
});

describe('GDPR: one month, the corresponding date', () => {
  it('takes the last day of a shorter month, then the next working day after a weekend', () => {
    // 31 January → 28 February 2026, a Saturday → Monday 2 March, 24:00 London time
    expect(statutoryDeadline('gdpr', new Date('2026-01-31T10:00:00Z'))).toMatchObject({
      dueDate: '2026-03-02',
      dueAt: '2026-03-03T00:00:00.000Z',
    });
    // 26 November 2026 → 26 December (Boxing Day, Saturday; bank holiday Monday 28th) → Tuesday 29th
    expect(statutoryDeadline('gdpr', new Date('2026-11-26T10:00:00Z')).dueDate).toBe('2026-12-29');
  });

  it('never ends before the corresponding date, and only non-working days lie between them', () => {
    fc.assert(
      fc.property(receipt, (at) => {
        const d = statutoryDeadline('gdpr', at);
        const corresponding = addMonthsClamped(gb.localDate(at), 1);
        expect(toEpochDay(d.dueDate)).toBeGreaterThanOrEqual(toEpochDay(corresponding));
        expect(gb.isWorkingDay(d.dueDate).value).toBe(true);
        for (let day = corresponding; day !== d.dueDate; day = addDays(day, 1))
          expect(gb.isWorkingDay(day).value).toBe(false);
      }),
    );
  });

  it('adds months on the calendar: same day, or the last day of a shorter month', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2090-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 36 }),
        (at, months) => {
          const date = at.toISOString().slice(0, 10);
          const result = addMonthsClamped(date, months);
          const [y, m, d] = date.split('-').map(Number) as [number, number, number];
          const [ry, rm, rd] = result.split('-').map(Number) as [number, number, number];
          expect(ry * 12 + rm - (y * 12 + m)).toBe(months);
          if (rd !== d) {
            expect(rd).toBeLessThan(d);
            expect(addDays(result, 1).slice(8)).toBe('01'); // the month's last day
          }
        },
      ),
    );
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2026-12-15', 1)).toBe('2027-01-15');
  });
});
