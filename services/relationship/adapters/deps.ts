/** The relationship use cases wired to AWS: one set of dependencies per cold start. */

import { calendarFor } from '#shared/calendar/business-calendar';
import { clock } from '#shared/clock';
import { newId } from '#shared/ids';
import { customerLinkUrl } from '#shared/links/customer-links';
import { dynamoSegmentMembers } from '../../care/adapters/dynamo-segment-members';
import { readEffectiveProfile } from '../../notify/adapters/customer-profiles';
import type { EventDeps } from '../domain/customer-events';
import type { FeedbackDeps } from '../domain/feedback';
import type { NpsDeps } from '../domain/nps';
import { dynamoEventStore } from './dynamo-event-store';
import { dynamoFeedbackStore } from './dynamo-feedback-store';
import { dynamoNpsStore } from './dynamo-nps-store';

const now = () => clock.now();

export const feedbackDeps: FeedbackDeps = {
  feedback: dynamoFeedbackStore,
  // answers are due in the company's (Chinese) business calendar, holidays and make-up days included
  calendar: () => calendarFor('CN'),
  now,
  newId,
};

export const npsDeps: NpsDeps = {
  nps: dynamoNpsStore,
  profile: readEffectiveProfile,
  surveyUrl: (askId) => customerLinkUrl(askId, 'nps'),
  now,
  newId,
};

export const eventDeps: EventDeps = {
  events: dynamoEventStore,
  rsvpUrl: (invitationId) => customerLinkUrl(invitationId, 'rsvp'),
  segments: dynamoSegmentMembers(),
  timeZoneOf: async (customerId) => (await readEffectiveProfile(customerId))?.timeZone,
  now,
  newId,
};
