import { describe, expect, it } from 'vitest';
import { mondayOf, resolutionWeek, risingCauses, trendRules, type WeekCount } from './trends';

const week = (counts: Record<string, number>): Record<string, WeekCount> =>
  Object.fromEntries(Object.entries(counts).map(([k, count]) => [k, { count, complaintIds: [] }]));

describe('weekly root-cause trend', () => {
  it('weeks start on Monday in the company time zone', () => {
    expect(mondayOf('2026-12-13')).toBe('2026-12-07'); // Sunday
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    // 23:30 UTC on Sunday is Monday morning in Shanghai
    expect(resolutionWeek('2026-12-13T23:30:00Z', 'Asia/Shanghai')).toBe('2026-12-14');
    expect(resolutionWeek('2026-12-13T23:30:00Z', 'UTC')).toBe('2026-12-07');
  });

  it('alerts a cause at least 5, at least 1.5× and 3 above its trailing 8-week mean', () => {
    const trailing = Array.from({ length: 8 }, () => week({ a: 2, b: 4, c: 0, d: 10 }));
    const rising = risingCauses(week({ a: 5, b: 6, c: 4, d: 14, e: 5 }), trailing, trendRules);
    // a: 5 vs 2 (rises 3); b: 6 vs 4 (rises 2 only); c: 4 < 5; d: 14 < 15 (1.5×); e: new, 5 vs 0
    expect(rising).toEqual([
      { rootCause: 'e', count: 5, trailingMean: 0 },
      { rootCause: 'a', count: 5, trailingMean: 2 },
    ]);
  });

  it('counts a week missing from the trailing eight as zero', () => {
    const trailing = [week({ a: 16 }), ...Array.from({ length: 7 }, () => week({}))];
    expect(risingCauses(week({ a: 6 }), trailing, trendRules)).toEqual([
      { rootCause: 'a', count: 6, trailingMean: 2 },
    ]);
  });
});
