/** The SLA use cases wired to AWS and the business calendars; one set per cold start. */
import { clock } from '#shared/clock';
import { slaRules } from '../domain/sla-rules';
import type { SlaDeps } from '../domain/track-complaint';
import { dynamoSlaStore } from './dynamo-sla-store';

export const slaDeps: SlaDeps = {
  store: dynamoSlaStore(slaRules.policy),
  policy: slaRules.policy,
  calendarFor: slaRules.calendarFor,
  clock,
};
