import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '#shared/calendar/local-date';
import { localDateIn, wallClockIn } from '#shared/calendar/zoned-time';
import { type CustomerEvent, noAttendance } from './customer-events';
import { eventTime, invitationContent, promotedContent, reminderContent } from './event-messages';
import {
  type DueReminder,
  type ReminderStore,
  reminderFor,
  sendDueReminders,
  stillTheEve,
} from './event-reminders';

const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Pacific/Auckland'];
const instant = fc.date({
  min: new Date('2026-01-01T00:00:00Z'),
  max: new Date('2030-12-31T00:00:00Z'),
  noInvalidDate: true,
});

const event = (over: Partial<CustomerEvent> = {}): CustomerEvent => ({
  eventId: 'E1',
  title: '冬季养生健康讲座',
  kind: 'health-talk',
  venue: '静安客户服务中心',
  startsAt: '2026-12-20T06:00:00.000Z',
  capacity: 10,
  createdBy: 'admin',
  createdAt: '2026-12-01T00:00:00.000Z',
  counts: noAttendance,
  ...over,
});

describe('the day-before reminder', () => {
  it('falls at 09:00 in the zone on the day before the event there, or not at all once that has passed', () => {
    fc.assert(
      fc.property(instant, instant, fc.constantFrom(...zones), (startsAt, now, timeZone) => {
        const reminder = reminderFor(startsAt.toISOString(), timeZone, now);
        if (!reminder) {
          // none only when 09:00 the day before is not after now
          const eve = addDays(localDateIn(startsAt, timeZone), -1);
          const today = localDateIn(now, timeZone);
          const clock = wallClockIn(now.getTime(), timeZone);
          expect(today > eve || (today === eve && clock.hour * 60 + clock.minute >= 9 * 60)).toBe(true);
          return;
        }
        const at = new Date(reminder.at);
        expect(at.getTime()).toBeGreaterThan(now.getTime());
        expect(localDateIn(at, timeZone)).toBe(addDays(localDateIn(startsAt, timeZone), -1));
        expect(wallClockIn(at.getTime(), timeZone)).toMatchObject({ hour: 9, minute: 0 });
      }),
    );
  });

  it("names the event's time as the customer's clocks show it", () => {
    const content = reminderContent(event(), 'America/New_York');
    // 06:00 UTC is 01:00 in New York, 14:00 in Shanghai
    expect(content.en.body).toContain('01:00');
    expect(content.en.body).toContain('20 December 2026');
    expect(reminderContent(event(), 'Asia/Shanghai')['zh-CN'].body).toContain('2026年12月20日 14:00');
  });

  it('shows the invitation and the seat from the waitlist at the guest’s time too, never as raw ISO', () => {
    const url = 'https://care.example.com/rsvp?t=abc';
    for (const content of [
      invitationContent(event(), 'America/New_York', url),
      promotedContent(event(), 'America/New_York'),
    ]) {
      expect(content.en.body).toContain('20 December 2026 at 01:00');
      expect(content['zh-CN'].body).toContain('2026年12月20日 01:00');
      expect(JSON.stringify(content)).not.toContain('T06:00');
    }
    const shanghai = invitationContent(event(), 'Asia/Shanghai', url);
    expect(shanghai['zh-CN'].body).toContain('2026年12月20日 14:00');
    expect(shanghai.en.body).toContain(url);
    // a zone half an hour off the hour: 11:30 in India
    expect(eventTime('2026-12-20T06:00:00.000Z', 'Asia/Kolkata', 'en')).toBe('20 December 2026 at 11:30');
  });

  it('sends each due reminder of an event not yet started, drops a late one, reading each event once', async () => {
    const due: DueReminder[] = [
      { eventId: 'E1', customerId: 'C1', at: '2026-12-19T01:00:00.000Z', timeZone: 'Asia/Shanghai' },
      { eventId: 'E1', customerId: 'C2', at: '2026-12-19T01:00:00.000Z', timeZone: 'Asia/Shanghai' },
      { eventId: 'E2', customerId: 'C3', at: '2026-12-18T01:00:00.000Z', timeZone: 'Asia/Shanghai' },
    ];
    const reads: string[] = [];
    const sent: string[] = [];
    const dropped: string[] = [];
    const checkpoints: string[] = [];
    const store: ReminderStore = {
      dueReminders: async (now) => {
        expect(now.toISOString()).toBe('2026-12-19T01:00:00.000Z');
        return due;
      },
      event: async (id) => {
        reads.push(id);
        // E2 is today in Shanghai (a planner down since yesterday): "tomorrow" would be wrong
        return id === 'E1' ? event() : event({ eventId: 'E2', startsAt: '2026-12-19T10:00:00.000Z' });
      },
      remind: async (_event, d) => {
        sent.push(d.customerId);
        return d.customerId !== 'C2'; // C2 declined meanwhile
      },
      dropLate: async (d) => {
        dropped.push(d.customerId);
        return true;
      },
      advanceCheckpoint: async (now) => {
        checkpoints.push(now.toISOString());
      },
    };
    expect(await sendDueReminders(new Date('2026-12-19T01:00:00Z'), store)).toEqual({
      due: 3,
      sent: 1,
      late: 1,
    });
    expect(reads).toEqual(['E1', 'E2']);
    expect(sent).toEqual(['C1', 'C2']);
    expect(dropped).toEqual(['C3']);
    expect(checkpoints).toEqual(['2026-12-19T01:00:00.000Z']);
  });

  it('is still the eve only before the event’s own day in the guest’s zone', () => {
    fc.assert(
      fc.property(instant, instant, fc.constantFrom(...zones), (startsAt, now, timeZone) => {
        const eve = stillTheEve(startsAt.toISOString(), timeZone, now);
        expect(eve).toBe(localDateIn(now, timeZone) < localDateIn(startsAt, timeZone));
        if (eve) expect(now.getTime()).toBeLessThan(startsAt.getTime());
      }),
    );
  });
});
