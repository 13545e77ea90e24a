/**
 * The event reminder sweep on DynamoDB Local: a planner that misses more than a day still sends
 * every reminder that fell due meanwhile, exactly once, drops the ones whose event is already
 * today in the guest's zone, and leaves the ones not yet due for their own hour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import { invitationKey } from '#shared/tables/relationship';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { startTestCloud } from '../../../test/support/local-cloud';
import { dynamoReminderStore } from '../adapters/dynamo-event-reminders';
import { dynamoEventStore } from '../adapters/dynamo-event-store';
import { type CustomerEvent, noAttendance } from '../domain/customer-events';
import { reminderContent } from '../domain/event-messages';
import { reminderFor, sendDueReminders } from '../domain/event-reminders';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

const customerEvent = (eventId: string, startsAt: string): CustomerEvent => ({
  eventId,
  title: '冬季养生健康讲座',
  kind: 'health-talk',
  venue: '静安客户服务中心',
  startsAt,
  capacity: 10,
  createdBy: 'admin',
  createdAt: '2026-12-01T00:00:00.000Z',
  counts: noAttendance,
});

/** Invites and seats a guest as the RSVP flow does, planning their reminder. */
async function seat(event: CustomerEvent, customerId: string, timeZone: string) {
  const invitation = { eventId: event.eventId, customerId, invitationId: `I-${event.eventId}-${customerId}` };
  await dynamoEventStore.invite(event, { ...invitation, state: 'invited' }, reminderContent(event, timeZone));
  const reminder = reminderFor(event.startsAt, timeZone, new Date('2026-12-10T00:00:00Z'))!;
  expect(
    await dynamoEventStore.move(
      event,
      { ...invitation, state: 'invited' },
      'accepted',
      '2026-12-10T00:00:00Z',
      { reminder },
    ),
  ).toBe('done');
}

const invitationItem = async (eventId: string, customerId: string) =>
  (
    await dynamo().send(
      new GetCommand({
        TableName: tableName('Relationship'),
        Key: invitationKey(eventId, customerId),
        ConsistentRead: true,
      }),
    )
  ).Item!;

describe('the event reminder sweep after a planner outage', () => {
  it('sends each reminder due meanwhile once, drops the late, keeps the not yet due', async () => {
    // Saturday 20th 14:00 Shanghai (06:00 UTC): 01:00 in New York, 11:30 in Kolkata
    const talk = customerEvent('E-TALK', '2026-12-20T06:00:00.000Z');
    // Saturday 19th 18:00 Shanghai: its reminder fell due on the 18th at 09:00 there
    const salon = customerEvent('E-SALON', '2026-12-19T10:00:00.000Z');
    await dynamoEventStore.create(talk);
    await dynamoEventStore.create(salon);
    await seat(talk, 'C-SH', 'Asia/Shanghai'); // due 19th 01:00 UTC
    await seat(talk, 'C-IN', 'Asia/Kolkata'); // due 19th 03:30 UTC
    await seat(talk, 'C-NY', 'America/New_York'); // due 19th 14:00 UTC
    await seat(salon, 'C-SALON', 'Asia/Shanghai'); // due 18th 01:00 UTC

    // the planner last ran at midnight on the 18th, then not again for 29 hours
    expect(await sendDueReminders(new Date('2026-12-18T00:00:00Z'), dynamoReminderStore)).toEqual({
      due: 0,
      sent: 0,
      late: 0,
    });
    const back = new Date('2026-12-19T05:00:00Z');
    // Shanghai and Kolkata are still on the eve of the talk; the salon is today in Shanghai
    expect(await sendDueReminders(back, dynamoReminderStore)).toEqual({ due: 3, sent: 2, late: 1 });
    // a rerun of the same hour (a redelivery) finds nothing left
    expect(await sendDueReminders(back, dynamoReminderStore)).toEqual({ due: 0, sent: 0, late: 0 });
    // New York's 09:00 comes at its own hour, from the checkpoint the outage run left
    expect(await sendDueReminders(new Date('2026-12-19T14:00:00Z'), dynamoReminderStore)).toEqual({
      due: 1,
      sent: 1,
      late: 0,
    });
    expect(await sendDueReminders(new Date('2026-12-19T15:00:00Z'), dynamoReminderStore)).toEqual({
      due: 0,
      sent: 0,
      late: 0,
    });

    for (const customerId of ['C-SH', 'C-IN', 'C-NY']) {
      const item = await invitationItem('E-TALK', customerId);
      expect(item.remindedAt).toBeDefined();
      expect(item.gsi1pk).toBeUndefined();
    }
    const salonGuest = await invitationItem('E-SALON', 'C-SALON');
    expect(salonGuest).toMatchObject({ reminderOutcome: 'late', state: 'accepted' });
    expect(salonGuest.remindedAt).toBeUndefined();
    expect(salonGuest.gsi1pk).toBeUndefined();
  });
});
