/** The event reminders as the care planner's port sees them, wired to DynamoDB. */
import type { EventReminders } from '../../care/domain/event-reminders-port';
import { sendDueReminders } from '../domain/event-reminders';
import { dynamoReminderStore } from './dynamo-event-reminders';

export const eventReminders: EventReminders = {
  sendDue: (scheduledTime) => sendDueReminders(scheduledTime, dynamoReminderStore),
};
