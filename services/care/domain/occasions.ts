/**
 * The date rules of care campaigns, on local dates ('YYYY-MM-DD') in the customer's time zone:
 * birthdays and anniversaries (29 February falls on 28 February in common years), ages, due-date
 * offsets, quarter days and the festival table generated from the lunar calendar at dev time.
 */
import * as z from 'zod/mini';
import { addDays, type LocalDate, toEpochDay } from '#shared/calendar/local-date';
import { parseConfiguration } from '#shared/domain/validation';
import festivalData from '../campaigns/festivals.json';
import { type Festival, festivals } from './campaign-definitions';

export const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const yearOf = (date: LocalDate) => Number(date.slice(0, 4));
const monthDayOf = (date: LocalDate) => date.slice(5, 10);

/**
 * The date a yearly occasion that began on `origin` (a birth date, a policy start) falls on in
 * `year`: the same month and day, except that 29 February is kept on 28 February in common years
 * (the day still belongs to February, and a greeting on 1 March would be a day late).
 */
export function yearlyOccasionIn(origin: LocalDate, year: number): LocalDate {
  const md = monthDayOf(origin);
  const y = String(year).padStart(4, '0');
  return md === '02-29' && !isLeapYear(year) ? `${y}-02-28` : `${y}-${md}`;
}

/**
 * The month-day index partitions (BDAY#, ANNIV#) whose yearly occasion falls on `date`: its own,
 * plus 02-29 on 28 February of a common year.
 */
export function monthDaysFallingOn(date: LocalDate): string[] {
  const md = monthDayOf(date);
  return md === '02-28' && !isLeapYear(yearOf(date)) ? ['02-28', '02-29'] : [md];
}

export function isYearlyOccasionOn(origin: LocalDate, date: LocalDate): boolean {
  return yearlyOccasionIn(origin, yearOf(date)) === date;
}

/** Completed years of age on `date`; someone born on 29 February turns a year older on 28 February. */
export function ageOn(birthDate: LocalDate, date: LocalDate): number {
  const years = yearOf(date) - yearOf(birthDate);
  return date >= yearlyOccasionIn(birthDate, yearOf(date)) ? years : years - 1;
}

/** The latest birth date of someone who is at least `age` on `date` (the roster index range bound). */
export function bornOnOrBefore(age: number, date: LocalDate): LocalDate {
  return yearlyOccasionIn(date, yearOf(date) - age);
}

/** First day of a month, or of a quarter (1 Jan, 1 Apr, 1 Jul, 1 Oct). */
export function isCadenceDay(date: LocalDate, cadence: 'monthly' | 'quarterly'): boolean {
  if (date.slice(8, 10) !== '01') return false;
  return cadence === 'monthly' || ['01', '04', '07', '10'].includes(date.slice(5, 7));
}

export const daysBetween = (from: LocalDate, to: LocalDate) => toEpochDay(to) - toEpochDay(from);
export { addDays };

// --- festivals ---------------------------------------------------------------------------------

const FestivalTable = z.strictObject({
  source: z.string(),
  years: z.record(
    z.string().check(z.regex(/^\d{4}$/)),
    z.strictObject(
      Object.fromEntries(festivals.map((f) => [f, z.iso.date()])) as Record<Festival, z.ZodMiniISODate>,
    ),
  ),
});
export type FestivalTable = z.infer<typeof FestivalTable>;

export const festivalTable: FestivalTable = parseConfiguration(FestivalTable, festivalData, 'festival table');

export class FestivalYearMissing extends Error {}

/** Whether `date` is the festival; a year outside the generated table is an error, never a silent "no". */
export function isFestivalOn(festival: Festival, date: LocalDate, table = festivalTable): boolean {
  const year = table.years[String(yearOf(date))];
  if (!year)
    throw new FestivalYearMissing(`No festival dates for ${yearOf(date)}: run npm run festivals:generate`);
  return year[festival] === date;
}
