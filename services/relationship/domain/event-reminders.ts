/**
 * The event reminder: each seated guest hears from us once, at 09:00 their own time on the day
 * before the event. Taking a seat plans it (a due pointer on the invitation); giving the seat up
 * before it goes unplans it; sending it takes the pointer away in the same transaction as the
 * message, so a rerun of the hour, a redelivery or a clock jump sends nothing twice.
 *
 * The hourly sweep reads from its own checkpoint, so a planner stopped for hours (or days) still
 * finds every reminder that fell due meanwhile. One found late goes out late as long as it is still
 * the day before the event in the guest's zone (its words, "tomorrow", stay true); from the event's
 * own day on (an event started or gone, too) it is dropped unsent, its pointer taken away with the
 * outcome `late`, since a reminder on the day itself would announce the wrong day.
 */
import { addDays } from '#shared/calendar/local-date';
import { instantIn, localDateIn } from '#shared/calendar/zoned-time';
import type { CustomerEvent } from './customer-events';
import { type EventMessage, reminderContent } from './event-messages';

export const REMINDER_TIME = '09:00';
/** The zone of a customer we know no zone of: the company's. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface Reminder {
  /** The instant it is due (ISO), 09:00 in `timeZone` on the day before the event there. */
  readonly at: string;
  readonly timeZone: string;
}

export interface DueReminder extends Reminder {
  readonly eventId: string;
  readonly customerId: string;
}

export interface ReminderStore {
  /** The pointers due at `now` since the sweep's checkpoint (the checkpoint's hour included). */
  dueReminders(now: Date): Promise<DueReminder[]>;
  /** Sends one reminder and takes its pointer away; false when the seat or its pointer is gone. */
  remind(event: CustomerEvent, due: DueReminder, content: EventMessage): Promise<boolean>;
  /** Takes the pointer away unsent (outcome `late`); false when it was gone already. */
  dropLate(due: DueReminder): Promise<boolean>;
  event(eventId: string): Promise<CustomerEvent | undefined>;
  advanceCheckpoint(now: Date): Promise<void>;
}

/** The reminder of a seat taken at `now`, or none when its 09:00 has passed already. */
export function reminderFor(startsAt: string, timeZone: string, now: Date): Reminder | undefined {
  const eventDay = localDateIn(new Date(startsAt), timeZone);
  const at = instantIn(addDays(eventDay, -1), REMINDER_TIME, timeZone);
  return at.getTime() > now.getTime() ? { at: at.toISOString(), timeZone } : undefined;
}

/** Whether a reminder read at `now` still falls on the day before the event in its zone. */
export const stillTheEve = (startsAt: string, timeZone: string, now: Date) =>
  localDateIn(now, timeZone) < localDateIn(new Date(startsAt), timeZone);

/**
 * The reminders due at the scheduled hour `at` since the last sweep, sent (or dropped as late). The
 * checkpoint's hour is read again: a zone half an hour off the hour (India, 09:00 = 03:30 UTC) is
 * reminded at the next run, not never.
 */
export async function sendDueReminders(at: Date, store: ReminderStore) {
  const due = await store.dueReminders(at);
  const events = new Map<string, Promise<CustomerEvent | undefined>>();
  let sent = 0;
  let late = 0;
  for (const reminder of due) {
    if (!events.has(reminder.eventId)) events.set(reminder.eventId, store.event(reminder.eventId));
    const event = await events.get(reminder.eventId);
    // an event gone, started or due today is not announced for tomorrow
    if (!event || !stillTheEve(event.startsAt, reminder.timeZone, at)) {
      if (await store.dropLate(reminder)) late++;
      continue;
    }
    if (await store.remind(event, reminder, reminderContent(event, reminder.timeZone))) sent++;
  }
  await store.advanceCheckpoint(at);
  return { due: due.length, sent, late };
}
