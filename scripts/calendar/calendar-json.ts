/**
 * The one text layout of shared/calendar/data/*.json: one day per line, keys in schema order, so
 * diffs show whole days and the generator's output passes `biome check` unchanged.
 */
import type { CalendarData, CalendarYear, NamedDate } from '#shared/calendar/calendar-data';

export function formatCalendarJson(data: CalendarData): string {
  const years = Object.entries(data.years).map(([year, entry]) => `    ${str(year)}: ${formatYear(entry)}`);
  return [
    '{',
    `  "region": ${str(data.region)},`,
    `  "source": ${str(data.source)},`,
    '  "years": {',
    years.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

function formatYear(entry: CalendarYear): string {
  const lines = [`      "status": ${str(entry.status)}`];
  if (entry.note !== undefined) lines.push(`      "note": ${str(entry.note)}`);
  lines.push(
    `      "holidays": ${formatDays(entry.holidays)}`,
    `      "workdays": ${formatDays(entry.workdays)}`,
  );
  return `{\n${lines.join(',\n')}\n    }`;
}

function formatDays(days: NamedDate[]): string {
  if (days.length === 0) return '[]';
  const lines = days.map(({ date, name }) => `        { "date": ${str(date)}, "name": ${str(name)} }`);
  return `[\n${lines.join(',\n')}\n      ]`;
}

const str = (value: string): string => JSON.stringify(value);
