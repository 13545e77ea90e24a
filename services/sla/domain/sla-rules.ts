/**
 * The SLA service's rules as other services may ask them: its policy and the business calendar of
 * each regime. Pure (no store, no AWS client), so cases and intake reach the SLA rules through
 * this contract instead of building the SLA service's adapters.
 */
import { calendarFor as businessCalendarFor } from '#shared/calendar/business-calendar';
import type { SlaCalendar } from './clock';
import { type Regime, type SlaPolicy, slaPolicy } from './policy';

export interface SlaRules {
  readonly policy: SlaPolicy;
  readonly calendarFor: (regime: Regime) => SlaCalendar;
}

// A calendar is built once per cold start and regime calendar, whoever asks for it.
const calendars = new Map<Regime['calendar'], SlaCalendar>();

export const slaRules: SlaRules = {
  policy: slaPolicy,
  calendarFor(regime) {
    let calendar = calendars.get(regime.calendar);
    if (!calendar) {
      calendar = businessCalendarFor(regime.calendar);
      calendars.set(regime.calendar, calendar);
    }
    return calendar;
  },
};
