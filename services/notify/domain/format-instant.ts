/**
 * Instants as a recipient reads them, in their time zone and language, with regulatory periods'
 * 24:00 ends shown as such.
 */

import { wallClockIn } from '#shared/calendar/zoned-time';
import type { Language } from '#shared/contracts/vocabulary';
import { FALLBACK_LANGUAGE } from './message-types';

const MS_PER_DAY = 86_400_000;
const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'UTC' }),
  // Day-month-year, as customers in the UK and Australia write it.
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as the recipient reads it: "2026年12月17日 09:30" / "17 December 2026, 09:30". A
 * regulatory period ends at 24:00 of its last day, stored as the next day's 00:00; local midnight is
 * therefore shown as 24:00 of the day before ("2026年12月17日 24:00" / "17 December 2026, 24:00").
 */
export function formatInstant(iso: string, timeZone: string, language: Language): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) throw new RangeError(`Not an ISO instant: ${JSON.stringify(iso)}`);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = wallClockIn(instant, timeZone);
  const midnight = hour % 24 === 0 && minute === 0 && second === 0 && instant % 1000 === 0;
  const date = Date.UTC(year, month - 1, day) - (midnight ? MS_PER_DAY : 0);
  const time = midnight ? '24:00' : `${pad(hour % 24)}:${pad(minute)}`;
  const shown = (dateFormats[language] ?? dateFormats[FALLBACK_LANGUAGE]).format(date);
  return language === 'en' ? `${shown}, ${time}` : `${shown} ${time}`;
}
