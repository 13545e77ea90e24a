/**
 * Where and when a customer message goes: the preferred channel when its contact exists (and SMS
 * only while the customer has not withdrawn consent to it), else the other one; and outside quiet hours (21:00–08:00 in the customer's time zone, or the customer's
 * own hours when they set some) unless urgent — a non-urgent message due in quiet hours waits for
 * their end, it is never dropped.
 */
import { addDays } from '#shared/calendar/local-date';
import { instantIn, localDateIn } from '#shared/calendar/zoned-time';
import type { ContactChannel } from '#shared/contracts/vocabulary';

export interface Contact {
  readonly phone?: string;
  readonly email?: string;
  readonly preferredChannel: ContactChannel;
  /** False when the customer withdrew consent to SMS (complaint correspondence leaves it out). */
  readonly smsConsent?: boolean;
}

export type Route =
  | { readonly channel: 'email'; readonly address: string }
  | { readonly channel: 'sms'; readonly address: string };

export function routeFor(contact: Contact): Route | undefined {
  const email = contact.email ? ({ channel: 'email', address: contact.email } as const) : undefined;
  const sms =
    contact.phone && contact.smsConsent !== false
      ? ({ channel: 'sms', address: contact.phone } as const)
      : undefined;
  return contact.preferredChannel === 'email' ? (email ?? sms) : (sms ?? email);
}

export interface QuietHours {
  readonly start: string;
  readonly end: string;
}

export const QUIET_HOURS: QuietHours = { start: '21:00', end: '08:00' };

/**
 * The earliest instant a message may go: now, or the end of the quiet hours it falls in. Quiet
 * hours may run over midnight (21:00–08:00) or within a day (12:00–14:00, a customer's nap); equal
 * start and end mean none.
 */
export function sendableAt(
  now: Date,
  timeZone: string,
  urgent: boolean,
  quiet: QuietHours = QUIET_HOURS,
): Date {
  if (urgent || quiet.start === quiet.end) return now;
  const today = localDateIn(now, timeZone);
  const start = instantIn(today, quiet.start, timeZone);
  const end = instantIn(today, quiet.end, timeZone);
  if (quiet.start > quiet.end) {
    // over midnight: quiet until this morning's end, and again from this evening's start
    if (now < end) return end;
    if (now < start) return now;
    return instantIn(addDays(today, 1), quiet.end, timeZone);
  }
  return now >= start && now < end ? end : now;
}
