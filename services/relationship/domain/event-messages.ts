/**
 * What a guest reads about an event (invitation, seat from the waitlist, day-before reminder), in
 * both languages notify chooses from, with the event's time as the guest's own clocks show it.
 */
import type { CustomerEvent } from './customer-events';

export type EventMessage = Record<'zh-CN' | 'en', { headline: string; body: string }>;

const formats = new Map<string, Intl.DateTimeFormat>();

/** "2026年12月20日 14:00" / "20 December 2026 at 14:00" in `timeZone`. */
export function eventTime(startsAt: string, timeZone: string, language: 'zh-CN' | 'en'): string {
  const key = `${language}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    // day-month-year in English, as customers in the UK and Australia write it
    format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone,
      dateStyle: 'long',
      timeStyle: 'short',
      hourCycle: 'h23',
    });
    formats.set(key, format);
  }
  return format.format(new Date(startsAt));
}

const where = (event: CustomerEvent) => event.venue ?? event.onlineUrl ?? '';

export function invitationContent(event: CustomerEvent, timeZone: string, rsvpUrl: string): EventMessage {
  return {
    'zh-CN': {
      headline: `活动邀请：${event.title}`,
      body: `诚邀您参加「${event.title}」（${eventTime(event.startsAt, timeZone, 'zh-CN')}，${where(event)}）。请点击回复是否参加：${rsvpUrl}`,
    },
    en: {
      headline: `Invitation: ${event.title}`,
      body: `You are invited to "${event.title}" (${eventTime(event.startsAt, timeZone, 'en')}, ${where(event)}). Please let us know if you can come: ${rsvpUrl}`,
    },
  };
}

export function promotedContent(event: CustomerEvent, timeZone: string): EventMessage {
  return {
    'zh-CN': {
      headline: `候补成功：${event.title}`,
      body: `有名额空出，您已从候补转为确认参加「${event.title}」（${eventTime(event.startsAt, timeZone, 'zh-CN')}，${where(event)}）。`,
    },
    en: {
      headline: `A seat for you: ${event.title}`,
      body: `A seat came free: you are now confirmed for "${event.title}" (${eventTime(event.startsAt, timeZone, 'en')}, ${where(event)}).`,
    },
  };
}

export function reminderContent(event: CustomerEvent, timeZone: string): EventMessage {
  return {
    'zh-CN': {
      headline: `活动提醒：${event.title}`,
      body: `您报名的「${event.title}」将于明天 ${eventTime(event.startsAt, timeZone, 'zh-CN')} 举行，地点：${where(event)}。期待您的光临。`,
    },
    en: {
      headline: `Reminder: ${event.title}`,
      body: `"${event.title}" is tomorrow, ${eventTime(event.startsAt, timeZone, 'en')}, at ${where(event)}. We look forward to seeing you.`,
    },
  };
}
