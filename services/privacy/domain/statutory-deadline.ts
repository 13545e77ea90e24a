/**
 * The statutory deadline of a personal-information request, on the business calendars the SLA
 * clocks use (shared/calendar): PIPL's 15 working days on the CN calendar (make-up working days
 * count, holidays do not) and GDPR's one month with the ICO's corresponding-date rule. The rules
 * and their sources are data (services/privacy/rules/request-regimes.json).
 */
import { type CalendarRegion, calendarFor } from '#shared/calendar/business-calendar';
import { addDays, type LocalDate, toEpochDay } from '#shared/calendar/local-date';
import rules from '../rules/request-regimes.json';

export const requestRegimes = ['pipl', 'gdpr'] as const;
export type RequestRegime = (typeof requestRegimes)[number];

interface RegimeRule {
  readonly label: string;
  readonly period: { readonly kind: 'working-days' | 'months'; readonly count: number };
  readonly calendar: CalendarRegion;
  readonly dueSoonWorkingDays: number;
  readonly source: string;
}
export const regimeRules = rules as Record<RequestRegime, RegimeRule>;

export interface StatutoryDeadline {
  /** The last local day of the period, in the time zone of the regime's calendar. */
  readonly dueDate: LocalDate;
  /** 24:00 of `dueDate` there. */
  readonly dueAt: string;
  /** When the due-soon alert goes: start of the working day `dueSoonWorkingDays` before dueDate. */
  readonly alertAt: string;
  /** The calendar year is not yet published (shared/calendar: provisional data). */
  readonly provisional: boolean;
  readonly source: string;
}

/** `date` plus `months` calendar months, the last day of the month when it has no such day. */
export function addMonthsClamped(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

export function statutoryDeadline(regime: RequestRegime, receivedAt: Date): StatutoryDeadline {
  const rule = regimeRules[regime];
  const calendar = calendarFor(rule.calendar);
  const received = calendar.localDate(receivedAt);
  const due =
    rule.period.kind === 'working-days'
      ? calendar.addBusinessDays(received, rule.period.count)
      : calendar.nextWorkingDay(addMonthsClamped(received, rule.period.count), { inclusive: true });
  const alertDay = workingDaysBefore(calendar, due.value, rule.dueSoonWorkingDays, received);
  return {
    dueDate: due.value,
    dueAt: calendar.endOfDay(due.value).toISOString(),
    alertAt: calendar.startOfDay(alertDay.value).toISOString(),
    provisional: due.provisional || alertDay.provisional,
    source: rule.source,
  };
}

/** The n-th working day before `date`, never before the day of receipt. */
function workingDaysBefore(
  calendar: ReturnType<typeof calendarFor>,
  date: LocalDate,
  n: number,
  notBefore: LocalDate,
): { value: LocalDate; provisional: boolean } {
  let day = date;
  let provisional = false;
  for (let left = n; left > 0 && toEpochDay(day) > toEpochDay(notBefore); ) {
    day = addDays(day, -1);
    const read = calendar.isWorkingDay(day);
    provisional ||= read.provisional;
    if (read.value) left -= 1;
  }
  return { value: day, provisional };
}
