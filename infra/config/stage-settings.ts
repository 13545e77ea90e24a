/**
 * The settings' values per stage (the catalog: shared/config/settings.ts). Kept apart from
 * stages.ts, which needs aws-cdk-lib, so the local cloud reads its own entry without loading CDK.
 * Three settings come from the deployment rather than from here: `PUBLIC_API_URL` (the stage's
 * HTTP API, or the local cloud's address) and, unless a stage names its own, `CONSOLE_URL` and
 * `PUBLIC_SITE_URL` (the stage's site, or the local cloud's address; the console, and the pages the
 * status and rating links open).
 */
import type { SettingName } from '#shared/config/settings';

/** Values as the environment carries them; each is checked by its setting's schema at synth. */
export type StageSettings = { readonly [K in SettingName]?: string };

/** Set by the deployment itself (infra/constructs/service.ts, infra/local/cloud.ts). */
export const deploymentSettings = [
  'PUBLIC_API_URL',
  'CONSOLE_URL',
  'PUBLIC_SITE_URL',
] as const satisfies readonly SettingName[];

/** What dev and prod share; each names its own sender and staff directory below. */
const company = {
  COMPANY_TIME_ZONE: 'Asia/Shanghai',
  // SES's starting quota outside the sandbox, and a typical SMS origination number's throughput
  EMAIL_SEND_RATE: '14',
  SMS_SEND_RATE: '20',
  CARE_FREQUENCY_CAP: '2/P7D',
  UNSUBSCRIBE_LINK_DAYS: '60',
} as const satisfies StageSettings;

export const devSettings: StageSettings = {
  ...company,
  // Replace example.com with the insurer's domains (verified in SES) before deploying.
  EMAIL_FROM: 'complaints@dev.complaints.example.com',
  // its MX record points at SES inbound in the stage's region (README, Deploying)
  REPLY_EMAIL_DOMAIN: 'reply.dev.complaints.example.com',
  STAFF_EMAIL_DOMAIN: 'staff.example.com',
  BRAND_NAME: 'Complaint & Care 保险',
};

export const prodSettings: StageSettings = {
  ...company,
  EMAIL_FROM: 'complaints@complaints.example.com',
  REPLY_EMAIL_DOMAIN: 'reply.complaints.example.com',
  STAFF_EMAIL_DOMAIN: 'staff.example.com',
  BRAND_NAME: 'Complaint & Care 保险',
  BRAND_WEBSITE: 'https://www.example.com',
};

/**
 * The local cloud's stage (`npm start` and the tests). An environment variable of the same name
 * overrides a value here, e.g. `CARE_FREQUENCY_CAP=5/P1D npm start`.
 */
export const localSettings: StageSettings = {
  ...company,
  EMAIL_FROM: 'complaints@complaint-care.local',
  REPLY_EMAIL_DOMAIN: 'reply.complaint-care.local',
  STAFF_EMAIL_DOMAIN: 'staff.complaint-care.local',
  BRAND_NAME: 'Complaint & Care 保险',
};

/**
 * Origins the local API answers CORS for. Its pages are served from its own origin, so this only
 * matters to a page served elsewhere (a dev server); API Gateway takes `*` the same way.
 */
export const localCorsOrigins: readonly string[] = ['*'];
