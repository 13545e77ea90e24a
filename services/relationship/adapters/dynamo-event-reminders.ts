/**
 * Event reminders on the Relationship table: the seated invitations' due pointers in gsi1, by the
 * UTC hour they fall due, and the send that takes a pointer away with its message in one
 * transaction (only while the seat is still held and the pointer is the one read).
 */

import { hourOf } from '#shared/aws/due-pointers';
import { dynamo, QueryCommand, tableName } from '#shared/aws/dynamo';
import { clock } from '#shared/clock';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import { invitationKey, reminderPartition } from '#shared/tables/relationship';
import type { DueReminder, ReminderStore } from '../domain/event-reminders';
import { dynamoEventStore, message } from './dynamo-event-store';

const table = () => tableName('Relationship');
const HOUR_MS = 3_600_000;

async function bucket(hour: string, until: Date): Promise<DueReminder[]> {
  const due: DueReminder[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :until',
        // the sort key starts with the instant: `~` sorts after every `#<eventId>` that follows it
        ExpressionAttributeValues: { ':pk': reminderPartition(hour), ':until': `${until.toISOString()}~` },
        ExclusiveStartKey: cursor,
      }),
    );
    for (const item of page.Items ?? []) {
      due.push({
        eventId: item.eventId as string,
        customerId: item.customerId as string,
        at: item.remindAt as string,
        timeZone: item.reminderZone as string,
      });
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return due;
}

export const dynamoReminderStore: ReminderStore = {
  async dueReminders(from, until) {
    const hours: string[] = [];
    for (let t = from.getTime(); hourOf(new Date(t)) <= hourOf(until); t += HOUR_MS)
      hours.push(hourOf(new Date(t)));
    return (await Promise.all(hours.map((hour) => bucket(hour, until)))).flat();
  },

  event: (eventId) => dynamoEventStore.get(eventId),

  async remind(event, due, content) {
    const reminder = message(event, due.customerId, 'reminder', content);
    try {
      await commitWithEvents(
        table(),
        [
          {
            Update: {
              TableName: table(),
              Key: invitationKey(event.eventId, due.customerId),
              UpdateExpression: 'SET remindedAt = :now REMOVE gsi1pk, gsi1sk',
              ConditionExpression: '#state = :accepted AND attribute_exists(gsi1pk) AND remindAt = :remindAt',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: {
                ':accepted': 'accepted',
                ':remindAt': due.at,
                ':now': clock.now().toISOString(),
              },
            },
          },
        ],
        [reminder],
      );
      return true;
    } catch (error) {
      if (refusedByCondition(error, 0)) return false;
      throw error;
    }
  },
};
