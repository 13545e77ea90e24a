/** The event reminders and post-event surveys as the care planner's port sees them, wired to AWS. */
import { newId } from '#shared/ids';
import { customerLinkUrl } from '#shared/links/customer-links';
import type { EventReminders } from '../../care/domain/event-reminders-port';
import { readEffectiveProfile } from '../../notify/adapters/customer-profiles';
import { sendDueReminders } from '../domain/event-reminders';
import { askDueSurveys } from '../domain/event-surveys';
import { dynamoReminderStore } from './dynamo-event-reminders';
import { dynamoEventSurveyStore } from './dynamo-event-surveys';

export const eventReminders: EventReminders = {
  sendDue: (scheduledTime) => sendDueReminders(scheduledTime, dynamoReminderStore),
  askDueSurveys: (scheduledTime) =>
    askDueSurveys(scheduledTime, {
      surveys: dynamoEventSurveyStore,
      profile: readEffectiveProfile,
      surveyUrl: (askId) => customerLinkUrl(askId, 'nps'),
      newId,
    }),
};
