/** The SLA use cases wired to AWS and the business calendars; one set per cold start. */
import { calendarFor } from '../../../shared/calendar/business-calendar';
import { clock } from '../../../shared/clock';
import type { SlaCalendar } from '../domain/clock';
import { type Regime, slaPolicy } from '../domain/policy';
import type { SlaDeps } from '../domain/track-complaint';
import { dynamoSlaStore } from './dynamo-sla-store';

const calendars = new Map<Regime['calendar'], SlaCalendar>();

export const slaDeps: SlaDeps = {
  store: dynamoSlaStore(slaPolicy),
  policy: slaPolicy,
  calendarFor(regime) {
    let calendar = calendars.get(regime.calendar);
    if (!calendar) {
      calendar = calendarFor(regime.calendar);
      calendars.set(regime.calendar, calendar);
    }
    return calendar;
  },
  clock,
};
