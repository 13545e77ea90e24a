/** The claims service's adapters, wired once per function. */
import { calendarFor } from '#shared/calendar/business-calendar';
import { clock } from '#shared/clock';
import { settings } from '#shared/config/settings';
import type { FollowDeps } from '../domain/follow-journey';
import type { RelationshipDeps } from '../domain/follow-relationship';
import { DEFAULT_STALL_BUSINESS_DAYS } from '../domain/stall';
import { dynamoClaimStore } from './dynamo-claim-store';
import { dynamoCustomerDirectory } from './dynamo-customer-directory';
import { dynamoJourneyLog } from './dynamo-journey-log';

export const claimStore = dynamoClaimStore(() => clock.now());

export const stallBusinessDays = () => settings().CLAIM_STALL_BUSINESS_DAYS ?? DEFAULT_STALL_BUSINESS_DAYS;

export const followDeps = (): FollowDeps => ({
  log: dynamoJourneyLog,
  claims: claimStore,
  customers: dynamoCustomerDirectory,
  calendar: calendarFor('CN'),
  stallBusinessDays: stallBusinessDays(),
  now: () => clock.now(),
});

export const relationshipDeps: RelationshipDeps = {
  customers: dynamoCustomerDirectory,
  log: dynamoJourneyLog,
  claims: claimStore,
  now: () => clock.now(),
};
