import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from './schedule-expression';

const anchor = new Date('2026-11-28T00:00:00Z');

describe('schedule expressions', () => {
  it('evaluates cron in the schedule time zone', () => {
    const daily9 = parseScheduleExpression('cron(0 9 * * ? *)', 'Asia/Shanghai', anchor);
    expect(daily9.between(anchor, new Date('2026-11-30T00:00:00Z'), 10).map((d) => d.toISOString())).toEqual([
      '2026-11-28T01:00:00.000Z',
      '2026-11-29T01:00:00.000Z',
    ]);
    expect(daily9.frequent).toBe(false);
  });

  it('numbers weekdays like AWS (1 = Sunday)', () => {
    const sundays = parseScheduleExpression('cron(0 10 ? * 1 *)', 'UTC', anchor);
    const runs = sundays.between(anchor, new Date('2026-12-31T00:00:00Z'), 10);
    expect(runs.length).toBe(5);
    for (const run of runs) expect(run.getUTCDay()).toBe(0);
    const mondayToFriday = parseScheduleExpression('cron(30 8 ? * MON-FRI *)', 'UTC', anchor);
    for (const run of mondayToFriday.between(anchor, new Date('2026-12-31T00:00:00Z'), 100)) {
      expect([1, 2, 3, 4, 5]).toContain(run.getUTCDay());
    }
  });

  it('follows daylight saving time in zones that have it', () => {
    const london = parseScheduleExpression(
      'cron(0 9 * * ? *)',
      'Europe/London',
      new Date('2026-03-27T00:00:00Z'),
    );
    const runs = london.between(new Date('2026-03-27T00:00:00Z'), new Date('2026-03-31T00:00:00Z'), 10);
    expect(runs.map((d) => d.toISOString())).toEqual([
      '2026-03-27T09:00:00.000Z',
      '2026-03-28T09:00:00.000Z',
      '2026-03-29T08:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
    ]);
  });

  it('evaluates rate expressions from their anchor and marks sweepers as frequent', () => {
    const sweep = parseScheduleExpression('rate(5 minutes)', 'UTC', anchor);
    expect(sweep.frequent).toBe(true);
    expect(sweep.between(anchor, new Date(anchor.getTime() + 16 * 60_000), 10).length).toBe(3);
  });

  it('rejects expressions EventBridge Scheduler would not accept here', () => {
    expect(() => parseScheduleExpression('every day', 'UTC', anchor)).toThrow();
    expect(() => parseScheduleExpression('cron(0 9 * *)', 'UTC', anchor)).toThrow();
  });

  it('never returns an occurrence outside the window, and returns them in order', () => {
    const hourly = parseScheduleExpression('cron(15 * * * ? *)', 'Asia/Shanghai', anchor);
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(5_000), (startMinutes, lengthMinutes) => {
        const after = new Date(anchor.getTime() + startMinutes * 60_000);
        const until = new Date(after.getTime() + lengthMinutes * 60_000);
        const runs = hourly.between(after, until, 500);
        for (const [i, run] of runs.entries()) {
          expect(run.getTime()).toBeGreaterThan(after.getTime());
          expect(run.getTime()).toBeLessThanOrEqual(until.getTime());
          expect(run.getUTCMinutes()).toBe(15);
          if (i > 0) expect(run.getTime()).toBeGreaterThan(runs[i - 1]!.getTime());
        }
        let expected = 0;
        for (let m = startMinutes + 1; m <= startMinutes + lengthMinutes; m++) if (m % 60 === 15) expected++;
        expect(runs.length).toBe(expected);
      }),
    );
  });
});
