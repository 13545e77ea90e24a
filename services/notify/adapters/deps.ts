/** Notify wired to AWS: the message log, SES and SMS, the templates; one set per cold start. */
import { clock } from '#shared/clock';
import { setting, settings } from '#shared/config/settings';
import { logger } from '#shared/observability/logger';
import { careRefusal } from '../domain/care';
import type { StaffDirectory } from '../domain/compose';
import { DEFAULT_CLAIM_LEASE_SECONDS, type DeliveryDeps, type ProviderReceipts } from '../domain/deliver';
import type { Brand } from '../domain/message-types';
import { renderMessage } from '../domain/render';
import { readEffectiveProfile } from './customer-profiles';
import { careFrequencyCap, dynamoFrequencyCap } from './dynamo-frequency-cap';
import { dynamoMessageLog } from './dynamo-message-log';
import { messageKeyOf } from './message-keys';
import { emulatorReceipts, sesEventReceipts } from './provider-receipts';
import { sendRateGate } from './send-rate';
import { sesSender, smsSender } from './senders';

/** The sender's details every message may show; the optional ones are offered only when set. */
function brand(): Brand {
  const { SERVICE_PHONE, SERVICE_EMAIL, BRAND_WEBSITE } = settings();
  return {
    brandName: setting('BRAND_NAME'),
    servicePhone: SERVICE_PHONE,
    serviceEmail: SERVICE_EMAIL,
    website: BRAND_WEBSITE,
  };
}

export const staffDirectory: StaffDirectory = {
  emailOf: (userId) => `${userId}@${setting('STAFF_EMAIL_DOMAIN')}`,
  leadOf: (team) => `lead.${team}@${setting('STAFF_EMAIL_DOMAIN')}`,
  escalationDesk: () => `escalation-desk@${setting('STAFF_EMAIL_DOMAIN')}`,
};

/**
 * The console link in staff alerts, under `CONSOLE_URL` (on AWS the stage's console, else its site;
 * the local cloud serves the console at its own origin, `PORT` included).
 */
export const caseUrl = (complaintId: string, consoleUrl: string = setting('CONSOLE_URL')) =>
  `${consoleUrl.replace(/\/+$/, '')}/console/cases/${complaintId}`;

/** The console's home page, under `CONSOLE_URL`, for alerts about what has no page of its own. */
export const consoleHome = (consoleUrl: string = setting('CONSOLE_URL')) =>
  `${consoleUrl.replace(/\/+$/, '')}/console/`;

/**
 * SES's receipts come from its events on AWS; the local cloud points SES at the emulator (the only
 * place this endpoint is set), which publishes none, so its store is asked instead.
 */
const emailReceipts: ProviderReceipts = {
  accepted(request) {
    const emulator = process.env.AWS_ENDPOINT_URL_SESV2;
    return (emulator ? emulatorReceipts(emulator) : sesEventReceipts).accepted(request);
  },
};

export const deliveryDeps: DeliveryDeps = {
  log: dynamoMessageLog,
  senders: { email: sesSender, sms: smsSender },
  // every provider call first takes a permit of the channel's send rate (shared by all invocations)
  sendRate: sendRateGate(),
  receipts: { email: emailReceipts },
  realNow: Date.now,
  get claimLeaseSeconds() {
    return settings().NOTIFY_CLAIM_LEASE_SECONDS ?? DEFAULT_CLAIM_LEASE_SECONDS;
  },
  clock,
  cap: dynamoFrequencyCap(careFrequencyCap()),
  logKey: messageKeyOf,
  // a care message held for quiet hours is vetted again when it goes: the customer may have
  // unsubscribed or filed a complaint overnight
  async vet(request) {
    if (!request.care || !request.customerId) return undefined;
    return careRefusal(await readEffectiveProfile(request.customerId), request.care);
  },
  render(request) {
    const message = renderMessage(request.type, request.recipient.language, request.data as never, {
      ...brand(),
      timeZone: request.recipient.timeZone,
    });
    if (message.fellBackFrom)
      logger.warn('template missing a translation', { type: request.type, language: message.fellBackFrom });
    return message;
  },
};
