/** The claims service's adapters, wired once per function. */
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import { calendarFor } from '#shared/calendar/business-calendar';
import { clock } from '#shared/clock';
import { settings } from '#shared/config/settings';
import { customerLookupKey } from '#shared/tables/customers';
import type { FollowDeps } from '../domain/follow-journey';
import { DEFAULT_STALL_BUSINESS_DAYS } from '../domain/stall';
import { dynamoClaimStore } from './dynamo-claim-store';
import { dynamoJourneyLog } from './dynamo-journey-log';

export const claimStore = dynamoClaimStore(() => clock.now());

export const stallBusinessDays = () => settings().CLAIM_STALL_BUSINESS_DAYS ?? DEFAULT_STALL_BUSINESS_DAYS;

export const followDeps = (): FollowDeps => ({
  log: dynamoJourneyLog,
  claims: claimStore,
  customers: {
    async customerOfPolicy(policyNumber) {
      const result = await dynamo().send(
        new GetCommand({ TableName: tableName('Customers'), Key: customerLookupKey.policy(policyNumber) }),
      );
      return result.Item?.customerId as string | undefined;
    },
  },
  calendar: calendarFor('CN'),
  stallBusinessDays: stallBusinessDays(),
});
