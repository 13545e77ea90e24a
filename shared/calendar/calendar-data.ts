/**
 * The shape of a region's holiday data (shared/calendar/data/*.json) and its checks. A file that
 * breaks a rule here is refused when the calendar is built, so a bad edit fails the first test run
 * rather than moving a regulatory deadline.
 */
import { isLocalDate, isWeekend, type LocalDate, yearOf } from './local-date';

export interface NamedDate {
  date: LocalDate;
  name: string;
}

export interface CalendarYear {
  /** 'provisional': not yet published by the authority; every answer that reads it says so. */
  status: 'official' | 'provisional';
  note?: string;
  /** Days off: public holidays, and in CN every day of each break (weekend and in-lieu days included). */
  holidays: NamedDate[];
  /** Weekend days worked instead (CN 调休上班). */
  workdays: NamedDate[];
}

export interface CalendarData {
  region: string;
  source: string;
  /** Keyed by year ('2026'); a year is either fully present or absent. */
  years: Record<string, CalendarYear>;
}

/** Checks a parsed data file and returns it typed; throws an Error listing every problem. */
export function checkCalendarData(value: unknown): CalendarData {
  const problems: string[] = [];
  const data = value as CalendarData;
  if (typeof data !== 'object' || data === null) throw new Error('Calendar data must be an object');
  if (typeof data.region !== 'string' || data.region === '') problems.push('region must be a string');
  if (typeof data.source !== 'string' || data.source === '') problems.push('source must be a string');
  if (typeof data.years !== 'object' || data.years === null) throw new Error(`${data.region}: years missing`);

  for (const [year, entry] of Object.entries(data.years)) {
    const at = `${data.region} ${year}`;
    if (!/^\d{4}$/.test(year)) problems.push(`${at}: year key must be YYYY`);
    if (entry.status !== 'official' && entry.status !== 'provisional') {
      problems.push(`${at}: status must be official or provisional`);
    }
    if (entry.note !== undefined && typeof entry.note !== 'string') problems.push(`${at}: note must be text`);
    if (!Array.isArray(entry.holidays) || !Array.isArray(entry.workdays)) {
      problems.push(`${at}: holidays and workdays must be arrays`);
      continue;
    }
    const seen = new Set<LocalDate>();
    for (const [list, days] of [
      ['holidays', entry.holidays],
      ['workdays', entry.workdays],
    ] as const) {
      for (const day of days) {
        const where = `${at} ${list} ${JSON.stringify(day?.date)}`;
        if (typeof day?.date !== 'string' || !isLocalDate(day.date)) {
          problems.push(`${where}: not a YYYY-MM-DD date`);
          continue;
        }
        if (typeof day.name !== 'string' || day.name === '') problems.push(`${where}: name missing`);
        if (yearOf(day.date) !== Number(year)) problems.push(`${where}: listed under the wrong year`);
        if (seen.has(day.date)) problems.push(`${where}: listed twice (or as both holiday and workday)`);
        if (list === 'workdays' && !isWeekend(day.date))
          problems.push(`${where}: a make-up workday must fall on a weekend`);
        seen.add(day.date);
      }
    }
  }
  if (problems.length > 0) throw new Error(`Invalid calendar data:\n  ${problems.join('\n  ')}`);
  return data;
}
