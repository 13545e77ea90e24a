/**
 * Where and when a customer message goes: the preferred channel when its contact exists, else the
 * other one; and outside quiet hours (21:00–08:00 in the customer's time zone) unless urgent —
 * a non-urgent message due in quiet hours waits for the morning, it is never dropped.
 */
import { addDays } from '../../../shared/calendar/local-date';
import { instantIn, localDateIn } from '../../../shared/calendar/zoned-time';
import type { ContactChannel } from '../../../shared/contracts/vocabulary';

export interface Contact {
  readonly phone?: string;
  readonly email?: string;
  readonly preferredChannel: ContactChannel;
}

export type Route =
  | { readonly channel: 'email'; readonly address: string }
  | { readonly channel: 'sms'; readonly address: string };

export function routeFor(contact: Contact): Route | undefined {
  const email = contact.email ? ({ channel: 'email', address: contact.email } as const) : undefined;
  const sms = contact.phone ? ({ channel: 'sms', address: contact.phone } as const) : undefined;
  return contact.preferredChannel === 'email' ? (email ?? sms) : (sms ?? email);
}

export const QUIET_HOURS = { start: '21:00', end: '08:00' } as const;

/** The earliest instant a message may go: now, or the end of the quiet hours it falls in. */
export function sendableAt(now: Date, timeZone: string, urgent: boolean): Date {
  if (urgent) return now;
  const today = localDateIn(now, timeZone);
  const morning = instantIn(today, QUIET_HOURS.end, timeZone);
  if (now < morning) return morning;
  const evening = instantIn(today, QUIET_HOURS.start, timeZone);
  if (now < evening) return now;
  return instantIn(addDays(today, 1), QUIET_HOURS.end, timeZone);
}
