/** The committed festival table is exactly what lunar-javascript gives today (the runtime never loads it). */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import table from '../../services/care/campaigns/festivals.json';
import { buildFestivalTable, FESTIVAL_YEARS } from './festivals';

const require = createRequire(import.meta.url);

describe('festival table', () => {
  it('matches a fresh computation with lunar-javascript', () => {
    const version = (require('lunar-javascript/package.json') as { version: string }).version;
    expect(table).toEqual(buildFestivalTable(version));
  });

  it('covers every year of the span with six festivals, each lunar one in its season', () => {
    for (let year = FESTIVAL_YEARS.from; year <= FESTIVAL_YEARS.to; year++) {
      const dates = (table.years as Record<string, Record<string, string>>)[String(year)]!;
      expect(Object.keys(dates).sort()).toEqual(
        ['double-ninth', 'dragon-boat', 'lantern', 'mid-autumn', 'new-year', 'spring-festival'].sort(),
      );
      expect(
        dates['spring-festival']! >= `${year}-01-21` && dates['spring-festival']! <= `${year}-02-20`,
      ).toBe(true);
      expect(dates['mid-autumn']! >= `${year}-09-07` && dates['mid-autumn']! <= `${year}-10-08`).toBe(true);
    }
  });
});
