/**
 * The deployment's settings: every value a function reads from its environment besides resource
 * bindings (tables, queues, bus, secrets). Each is declared here once with its schema; a function
 * lists the ones it needs in infra/topology.ts, CDK sets them from the stage
 * (infra/config/stage-settings.ts) and refuses to synthesize a function that lacks a required one,
 * and the local cloud sets them from its `local` entry. Handlers read them through `settings()` /
 * `setting()`: parsed once per process, lazily, so a module can be loaded before its environment
 * is complete.
 */
import * as z from 'zod/mini';

const text = z.string().check(z.trim(), z.minLength(1, 'Must not be empty'));

const url = z.string().check(z.trim(), z.url('Must be an absolute URL such as https://example.com'));

const hostname = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.regex(/^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'Must be a domain name such as example.com'),
  );

const ianaTimeZone = z.string().check(
  z.refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Must be an IANA time zone such as Asia/Shanghai'),
);

const positiveInteger = z.pipe(
  z.string().check(z.regex(/^\s*[1-9]\d*\s*$/, 'Must be a whole number above 0')),
  z.transform((v) => Number(v)),
);

/** Messages per second (a fraction is rounded down, never to zero), or `unlimited`. */
const sendRate = z.pipe(
  z
    .string()
    .check(
      z.refine(
        (v) => /^\s*unlimited\s*$/i.test(v) || (/^\s*\d*\.?\d+\s*$/.test(v) && Number(v) > 0),
        'Must be messages per second (a number above 0) or "unlimited"',
      ),
    ),
  z.transform((v): number | 'unlimited' =>
    v.trim().toLowerCase() === 'unlimited' ? 'unlimited' : Math.max(1, Math.floor(Number(v))),
  ),
);

/** `<limit>/<ISO-8601 duration>`: so many in a window, e.g. 2/P7D. */
const limitPerWindow = z
  .string()
  .check(z.regex(/^\s*\d+\/P\S+\s*$/, 'Must be <limit>/<ISO-8601 duration>, e.g. 2/P7D'));

interface SettingSpec<R extends boolean, S extends z.ZodMiniType<unknown, string>> {
  readonly schema: S;
  /** A function that declares a required setting cannot be synthesized without its value. */
  readonly required: R;
  readonly description: string;
}

const spec = <R extends boolean, S extends z.ZodMiniType<unknown, string>>(
  required: R,
  schema: S,
  description: string,
): SettingSpec<R, S> => ({ schema, required, description });

export const settingCatalog = {
  EMAIL_FROM: spec(
    true,
    z.string().check(z.trim(), z.toLowerCase(), z.email('Must be an email address')),
    'Sender of every email; its domain is the SES identity the sending functions may use',
  ),
  SMS_ORIGINATION_IDENTITY: spec(
    false,
    text,
    'Phone number, sender ID or pool SMS is sent from; unset: the account default',
  ),
  STAFF_EMAIL_DOMAIN: spec(true, hostname, 'Domain of staff mailboxes that alerts go to'),
  CONSOLE_URL: spec(true, url, 'Origin of the agents’ console that staff alerts link to'),
  PUBLIC_API_URL: spec(true, url, 'Origin of the public API that unsubscribe links point at'),
  PUBLIC_SITE_URL: spec(true, url, 'Origin of the web pages that status and rating links point at'),
  BRAND_NAME: spec(true, text, 'The insurer’s name in messages'),
  SERVICE_PHONE: spec(false, text, 'Customer service phone number in messages; unset: never offered'),
  SERVICE_EMAIL: spec(
    false,
    z.string().check(z.trim(), z.email('Must be an email address')),
    'Customer service email address in messages; unset: never offered',
  ),
  BRAND_WEBSITE: spec(false, url, 'The insurer’s website in messages; unset: never offered'),
  COMPANY_TIME_ZONE: spec(true, ianaTimeZone, 'Time zone of the company’s dates (intake, reports)'),
  EMAIL_SEND_RATE: spec(false, sendRate, 'Emails per second across all functions (default 14)'),
  SMS_SEND_RATE: spec(false, sendRate, 'SMS per second across all functions (default 20)'),
  SEND_RATE_MAX_WAIT_MS: spec(
    false,
    positiveInteger,
    'How long one send waits for a free second before it is retried from its queue (default 7000)',
  ),
  NOTIFY_CLAIM_LEASE_SECONDS: spec(
    false,
    positiveInteger,
    'Seconds a message claimed for sending is its claimer’s before another delivery resolves it; longer than any sending function runs (default 90)',
  ),
  CARE_FREQUENCY_CAP: spec(
    false,
    limitPerWindow,
    'Care messages per customer in a rolling window (default 2/P7D)',
  ),
  REPLY_EMAIL_DOMAIN: spec(
    true,
    hostname,
    'Domain of the reply addresses (reply+<token>@<domain>) that SES receives customers’ replies on',
  ),
  UNSUBSCRIBE_LINK_DAYS: spec(false, positiveInteger, 'Days an unsubscribe link stays valid (default 60)'),
  CUSTOMER_LINK_DAYS: spec(false, positiveInteger, 'Days a status or rating link stays valid (default 90)'),
  STATUS_LOOKUP_LIMIT: spec(
    false,
    limitPerWindow,
    'Status lookups per client address and window (default 30/PT10M): the page and its links',
  ),
  CLAIM_STALL_BUSINESS_DAYS: spec(
    false,
    positiveInteger,
    'Business days (CN calendar) without progress after which a claim counts as stalled (default 5)',
  ),
  CUSTOMER_IMPORT_CONCURRENCY: spec(
    false,
    positiveInteger,
    'Customer upserts in flight per import request (default 32)',
  ),
  CUSTOMER_IMPORT_TIME_BUDGET_MS: spec(
    false,
    positiveInteger,
    'No new import line starts after this long (default 24000)',
  ),
} as const;

export type SettingName = keyof typeof settingCatalog;
export const settingNames = Object.keys(settingCatalog) as SettingName[];
export type Settings = {
  readonly [K in SettingName]?: z.output<(typeof settingCatalog)[K]['schema']>;
};
export type RequiredSettingName = {
  [K in SettingName]: (typeof settingCatalog)[K]['required'] extends true ? K : never;
}[SettingName];

export function isSettingName(name: string): name is SettingName {
  return Object.hasOwn(settingCatalog, name);
}

/** One message naming every setting whose value is invalid. */
export class InvalidSettings extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid settings:\n- ${problems.join('\n- ')}`);
    this.name = 'InvalidSettings';
  }
}

/** The settings present in `env`, each checked by its schema; an empty value counts as unset. */
export function parseSettings(env: Readonly<Record<string, string | undefined>>): Settings {
  const parsed: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of settingNames) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const result = z.safeParse(settingCatalog[name].schema as z.ZodMiniType<unknown, string>, raw);
    if (result.success) parsed[name] = result.data;
    else problems.push(`${name}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length > 0) throw new InvalidSettings(problems);
  return parsed as Settings;
}

let current: Settings | undefined;

/** This process's settings, parsed from its environment on first use. */
export function settings(): Settings {
  current ??= parseSettings(process.env);
  return current;
}

/** A required setting's value; a function that did not declare it fails here, naming it. */
export function setting<K extends RequiredSettingName>(name: K): NonNullable<Settings[K]> {
  const value = settings()[name];
  if (value === undefined)
    throw new Error(`Setting ${name} is not set: declare it for this function in infra/topology.ts`);
  return value as NonNullable<Settings[K]>;
}

/**
 * Parses the environment again on next use. For the local cloud, which learns its own address
 * only once it listens, and for tests that change a setting between cases.
 */
export function reloadSettings(): void {
  current = undefined;
}
