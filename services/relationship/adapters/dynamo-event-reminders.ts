/**
 * Event reminders on the Relationship table: the seated invitations' due pointers in gsi1, swept
 * from a checkpoint of their own (shared/aws/due-pointers.ts), and the send that takes a pointer
 * away with its message in one transaction (only while the seat is still held and the pointer is
 * the one read).
 */

import { advanceCheckpoint, type DuePointerIndex, duePointers } from '#shared/aws/due-pointers';
import { dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { clock } from '#shared/clock';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import { invitationKey, reminderPartition, reminderSweepCheckpointKey } from '#shared/tables/relationship';
import type { DueReminder, ReminderStore } from '../domain/event-reminders';
import { dynamoEventStore, message } from './dynamo-event-store';

const table = () => tableName('Relationship');

const reminderIndex = (): DuePointerIndex => ({
  table: table(),
  index: 'gsi1',
  partitionOf: reminderPartition,
  checkpointKey: reminderSweepCheckpointKey,
  // a reminder falls due at most a few weeks ahead of its event; older pointers are late anyway
  firstSweepLookbackHours: 14 * 24,
  dueUpTo: (now) => `${now.toISOString()}\uffff`,
});

/** Takes the reminder pointer away, only while it is the one read (gsi1 also holds survey pointers). */
const takePointer = (due: DueReminder, set: string, values: Record<string, unknown>, condition = '') => ({
  TableName: table(),
  Key: invitationKey(due.eventId, due.customerId),
  UpdateExpression: `SET ${set} REMOVE gsi1pk, gsi1sk`,
  ConditionExpression: `${condition}begins_with(gsi1pk, :reminders) AND remindAt = :remindAt`,
  ExpressionAttributeValues: { ...values, ':reminders': reminderPartition(''), ':remindAt': due.at },
});

export const dynamoReminderStore: ReminderStore = {
  async dueReminders(now) {
    const { items } = await duePointers(reminderIndex(), now);
    return items.map((item) => ({
      eventId: item.eventId as string,
      customerId: item.customerId as string,
      at: item.remindAt as string,
      timeZone: item.reminderZone as string,
    }));
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
              ...takePointer(
                due,
                'remindedAt = :now',
                { ':accepted': 'accepted', ':now': clock.now().toISOString() },
                '#state = :accepted AND ',
              ),
              ExpressionAttributeNames: { '#state': 'state' },
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

  async dropLate(due) {
    try {
      await dynamo().send(
        new UpdateCommand(takePointer(due, 'reminderOutcome = :late', { ':late': 'late' })),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  },

  advanceCheckpoint: (now) => advanceCheckpoint(reminderIndex(), now),
};
