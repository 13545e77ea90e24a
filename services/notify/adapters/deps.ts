/** Notify wired to AWS: the message log, SES and SMS, the templates; one set per cold start. */
import { clock } from '../../../shared/clock';
import { logger } from '../../../shared/observability/logger';
import { careRefusal } from '../domain/care';
import type { StaffDirectory } from '../domain/compose';
import type { DeliveryDeps } from '../domain/deliver';
import { renderMessage } from '../domain/render';
import { readEffectiveProfile } from './customer-profiles';
import { careFrequencyCap, dynamoFrequencyCap } from './dynamo-frequency-cap';
import { dynamoMessageLog } from './dynamo-message-log';
import { rateLimited } from './send-rate';
import { sesSender, smsSender } from './senders';

const brand = { brandName: process.env.BRAND_NAME ?? 'Complaint & Care 保险' };
const staffDomain = process.env.STAFF_EMAIL_DOMAIN ?? 'staff.complaint-care.local';

export const staffDirectory: StaffDirectory = {
  emailOf: (userId) => `${userId}@${staffDomain}`,
  leadOf: (team) => `lead.${team}@${staffDomain}`,
  escalationDesk: () => `escalation-desk@${staffDomain}`,
};

/**
 * The console link in staff alerts: `CONSOLE_URL`, else the API's own origin (the local cloud sets
 * `PUBLIC_API_URL` to where it listens, `PORT` included, and serves the console there).
 */
export const caseUrl = (complaintId: string, env: NodeJS.ProcessEnv = process.env) =>
  `${(env.CONSOLE_URL || env.PUBLIC_API_URL || 'http://localhost:3000').replace(/\/+$/, '')}/console/cases/${complaintId}`;

export const deliveryDeps: DeliveryDeps = {
  log: dynamoMessageLog,
  // every provider call first takes a permit of the channel's send rate (shared by all invocations)
  senders: { email: rateLimited('email', sesSender), sms: rateLimited('sms', smsSender) },
  clock,
  cap: dynamoFrequencyCap(careFrequencyCap()),
  // a care message held for quiet hours is vetted again when it goes: the customer may have
  // unsubscribed or filed a complaint overnight
  async vet(request) {
    if (!request.care || !request.customerId) return undefined;
    return careRefusal(await readEffectiveProfile(request.customerId), request.care);
  },
  render(request) {
    const message = renderMessage(request.type, request.recipient.language, request.data as never, {
      ...brand,
      timeZone: request.recipient.timeZone,
    });
    if (message.fellBackFrom)
      logger.warn('template missing a translation', { type: request.type, language: message.fellBackFrom });
    return message;
  },
};
