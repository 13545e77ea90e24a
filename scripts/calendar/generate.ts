/**
 * npm run calendar:generate — writes shared/calendar/data/cn.json from chinese-days and
 * lunar-javascript (devDependencies; the runtime reads only the JSON). With --check it writes nothing
 * and exits 1 when the committed file differs from what the packages give.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type CalendarData, checkCalendarData } from '#shared/calendar/calendar-data';
import { formatCalendarJson } from './calendar-json';
import { buildCnCalendar, type ChineseDaysData } from './cn-calendar';

const require = createRequire(import.meta.url);
const outFile = fileURLToPath(new URL('../../shared/calendar/data/cn.json', import.meta.url));

const previous: CalendarData | undefined = existsSync(outFile)
  ? checkCalendarData(JSON.parse(readFileSync(outFile, 'utf8')))
  : undefined;
const data = buildCnCalendar({
  chineseDays: require('chinese-days/dist/chinese-days.json') as ChineseDaysData,
  versions: {
    chineseDays: (require('chinese-days/package.json') as { version: string }).version,
    lunarJavascript: (require('lunar-javascript/package.json') as { version: string }).version,
  },
  previous,
});
const text = formatCalendarJson(checkCalendarData(data));

const summary = Object.entries(data.years)
  .map(
    ([year, entry]) =>
      `${year} ${entry.status} (${entry.holidays.length} off, ${entry.workdays.length} make-up)`,
  )
  .join('; ');

if (process.argv.includes('--check')) {
  const current = previous ? readFileSync(outFile, 'utf8') : '';
  if (current !== text) {
    console.error(`${outFile} is out of date: run npm run calendar:generate`);
    process.exit(1);
  }
  console.log(`${outFile} is up to date: ${summary}`);
} else {
  writeFileSync(outFile, text);
  console.log(`Wrote ${outFile}: ${summary}`);
}
