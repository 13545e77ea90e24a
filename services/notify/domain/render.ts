/**
 * The words of every message the notify service sends: versioned templates, one file per message
 * type and language (services/notify/templates/<type>/<language>.json), rendered into the shared
 * email layout. Customer data is HTML-escaped in HTML, instants read in the recipient's time zone
 * and language (a deadline at midnight reads as 24:00 of the day before, as regulatory periods are
 * counted), vocabulary is localised, a missing translation falls back to zh-CN, and SMS texts come
 * with their segment count. Pure: the files are imported (bundlers inline them) and validated when
 * this module loads, so a broken template fails the cold start, naming the file, not a send.
 */

import * as z from 'zod/mini';
import { wallClockIn } from '../../../shared/calendar/zoned-time';
import {
  type Language,
  languages,
  type Outcome,
  outcomes,
  type Priority,
  type Team,
  teams,
} from '../../../shared/contracts/vocabulary';
import { fieldErrors } from '../../../shared/domain/validation';
import acknowledgementEn from '../templates/acknowledgement/en.json';
import acknowledgementZhCn from '../templates/acknowledgement/zh-CN.json';
import careEn from '../templates/care/en.json';
import careZhCn from '../templates/care/zh-CN.json';
import decisionLetterEn from '../templates/decision-letter/en.json';
import decisionLetterZhCn from '../templates/decision-letter/zh-CN.json';
import delayNoticeEn from '../templates/delay-notice/en.json';
import delayNoticeZhCn from '../templates/delay-notice/zh-CN.json';
import labelsFile from '../templates/labels.json';
import layoutFile from '../templates/layout.json';
import regulatorContactsFile from '../templates/regulator-contacts.json';
import reopenedEn from '../templates/reopened/en.json';
import reopenedZhCn from '../templates/reopened/zh-CN.json';
import requestInfoEn from '../templates/request-info/en.json';
import requestInfoZhCn from '../templates/request-info/zh-CN.json';
import staffSlaBreachEn from '../templates/staff-sla-breach/en.json';
import staffSlaBreachZhCn from '../templates/staff-sla-breach/zh-CN.json';
import staffSlaWarningEn from '../templates/staff-sla-warning/en.json';
import staffSlaWarningZhCn from '../templates/staff-sla-warning/zh-CN.json';

export const messageTypes = [
  'acknowledgement',
  'request-info',
  'delay-notice',
  'decision-letter',
  'reopened',
  'staff-sla-warning',
  'staff-sla-breach',
  'care',
] as const;
export type MessageType = (typeof messageTypes)[number];

/** Sent to staff, by email only: their templates have no SMS text. Every other type has one. */
export const staffMessageTypes: readonly MessageType[] = ['staff-sla-warning', 'staff-sla-breach'];

/** Every type has a zh-CN file; a type without a file in the requested language uses it. */
export const FALLBACK_LANGUAGE: Language = 'zh-CN';
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Where a dissatisfied customer can escalate; the caller chooses (see `regulatorContact`). */
export interface RegulatorContact {
  name: string;
  phone?: string;
  email?: string;
  website?: string;
  address?: string;
  /** Time limits and other alternatives the decision letter must mention. */
  note?: string;
}

interface CustomerMessage {
  /** The customer's name, as they gave it. */
  name: string;
  reference: string;
}
interface StaffAlert {
  reference: string;
  /** SLA clock name (acknowledge, first-contact, progress-update, resolve); shown localised. */
  clock: string;
  dueAt: string;
  priority: Priority;
  team: Team;
  caseUrl: string;
  assignee?: string;
}

/**
 * What each message type needs. Values that are ISO instants are shown as local date and time;
 * `outcome`, `team` and `clock` are shown through the localised vocabulary; `…Url` values must be
 * http(s) URLs. A `regulatorContact` given as a string is its name alone (no contact details shown).
 */
export interface MessageData {
  acknowledgement: CustomerMessage & { receivedAt: string; nextDeadline: string; statusUrl?: string };
  'request-info': CustomerMessage & { message: string; replyBy?: string; replyUrl?: string };
  'delay-notice': CustomerMessage & {
    dueAt: string;
    reason: string;
    regulatorContact: RegulatorContact | string;
  };
  'decision-letter': CustomerMessage & {
    outcome: Outcome;
    remedy?: string;
    responseToCustomer: string;
    regulatorContact: RegulatorContact | string;
  };
  reopened: CustomerMessage & { reason: string; dueAt?: string };
  'staff-sla-warning': StaffAlert;
  'staff-sla-breach': StaffAlert;
  care: { name: string; headline: string; body: string; unsubscribeUrl: string };
}

/** The insurer as every message presents it (header, sign-off, footer contact details). */
export interface Brand {
  brandName: string;
  servicePhone?: string;
  serviceEmail?: string;
  website?: string;
}

export interface RenderOptions extends Brand {
  /** The recipient's IANA time zone, for instants in the data. */
  timeZone?: string;
}

export interface SmsSegments {
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
  /** In septets (GSM-7, where ^{}\[~]|€ take two) or UTF-16 code units (UCS-2). */
  length: number;
}

export interface RenderedMessage {
  type: MessageType;
  subject: string;
  html: string;
  text: string;
  sms?: string;
  smsSegments?: SmsSegments;
  templateVersion: string;
  /** The language rendered, zh-CN after a fallback. */
  language: Language;
  /** The language asked for when it had no template (the caller logs it). */
  fellBackFrom?: string;
  /**
   * Data fields the templates needed and did not get (rendered empty), in order of first use; also
   * `…Url` fields refused for not being http(s). Optional parts (`{{#field}}` sections) are not listed,
   * nor the brand's own details (`servicePhone` …), which are the deployment's configuration.
   */
  missing: string[];
}

// --- Template files -------------------------------------------------------------------------------

const TEMPLATE_DIR = 'services/notify/templates';
const NonEmpty = z.string().check(z.minLength(1));
const Version = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}\.\d+$/, 'Expected a version like 2026-11-28.1'));

const TemplateFile = z.strictObject({
  version: Version,
  subject: NonEmpty.check(z.refine((subject) => !/[\r\n]/.test(subject), 'A subject is one line')),
  html: NonEmpty,
  text: NonEmpty,
  sms: z.optional(NonEmpty),
});

const Words = z.strictObject({
  outcome: z.record(z.enum(outcomes), NonEmpty),
  team: z.record(z.enum(teams), NonEmpty),
  clock: z.record(z.string(), NonEmpty),
  ui: z.strictObject({
    contactUs: NonEmpty,
    phone: NonEmpty,
    email: NonEmpty,
    website: NonEmpty,
    unsubscribeHint: NonEmpty,
    unsubscribe: NonEmpty,
  }),
});
type Words = z.infer<typeof Words>;
const LabelsFile = z.strictObject({ version: Version, 'zh-CN': Words, en: Words });

const LayoutFile = z.strictObject({ source: NonEmpty, html: NonEmpty });

const Contact = z.strictObject({
  name: NonEmpty,
  phone: z.optional(NonEmpty),
  email: z.optional(NonEmpty),
  website: z.optional(NonEmpty),
  address: z.optional(NonEmpty),
  note: z.optional(NonEmpty),
});
export const regulatorRegimes = ['cn-nfra', 'uk-fca', 'au-asic'] as const;
export type RegulatorRegime = (typeof regulatorRegimes)[number];
const RegulatorContactsFile = z.strictObject({
  version: Version,
  regimes: z.record(z.enum(regulatorRegimes), z.strictObject({ 'zh-CN': Contact, en: Contact })),
});

class TemplateError extends Error {
  constructor(file: string, problem: string) {
    super(`Invalid notify template ${TEMPLATE_DIR}/${file}: ${problem}`);
    this.name = 'TemplateError';
  }
}

function parseFile<S extends z.ZodMiniType>(schema: S, raw: unknown, file: string): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = fieldErrors(result.error.issues).map((error) => `${error.path}: ${error.message}`);
  throw new TemplateError(file, problems.join('; '));
}

// --- Placeholders ---------------------------------------------------------------------------------

/** `{{path}}`, sections shown when the value is present `{{#path}}…{{/path}}`, or absent `{{^path}}…{{/path}}`. */
type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly path: string }
  | { readonly kind: 'section'; readonly path: string; readonly inverted: boolean; readonly body: Node[] };

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\}\}/g;

function compile(source: string): Node[] {
  const root: Node[] = [];
  const open: Extract<Node, { kind: 'section' }>[] = [];
  let body = root;
  let from = 0;
  const addText = (text: string) => {
    const stray = /\{\{|\}\}/.exec(text);
    if (stray)
      throw new Error(
        `malformed placeholder at ${JSON.stringify(text.slice(stray.index, stray.index + 30))}`,
      );
    if (text) body.push({ kind: 'text', text });
  };
  for (const match of source.matchAll(TAG)) {
    addText(source.slice(from, match.index));
    from = match.index + match[0].length;
    const [, sigil, path = ''] = match;
    if (sigil === '#' || sigil === '^') {
      const node: Extract<Node, { kind: 'section' }> = {
        kind: 'section',
        path,
        inverted: sigil === '^',
        body: [],
      };
      body.push(node);
      open.push(node);
      body = node.body;
    } else if (sigil === '/') {
      const closed = open.pop();
      if (closed?.path !== path) {
        throw new Error(`{{/${path}}} closes ${closed ? `{{#${closed.path}}}` : 'no open section'}`);
      }
      body = open.at(-1)?.body ?? root;
    } else {
      body.push({ kind: 'value', path });
    }
  }
  addText(source.slice(from));
  const unclosed = open.at(-1);
  if (unclosed) throw new Error(`{{#${unclosed.path}}} is never closed`);
  return root;
}

interface CompiledTemplate {
  readonly file: string;
  readonly version: string;
  readonly subject: Node[];
  readonly html: Node[];
  readonly text: Node[];
  readonly sms?: Node[];
}

export type TemplateRegistry = Partial<Record<MessageType, Partial<Record<Language, CompiledTemplate>>>>;

const FILE_NAME = /^([a-z-]+)\/([A-Za-z-]+)\.json$/;

/**
 * Validates and compiles template files keyed by their path under services/notify/templates
 * (`<type>/<language>.json`). Throws, naming the file, on anything a send would trip over.
 */
export function compileTemplates(files: Readonly<Record<string, unknown>>): TemplateRegistry {
  const registry: TemplateRegistry = {};
  for (const [file, raw] of Object.entries(files)) {
    const [, type, language] = FILE_NAME.exec(file) ?? [];
    if (!messageTypes.includes(type as MessageType)) throw new TemplateError(file, 'unknown message type');
    if (!languages.includes(language as Language)) throw new TemplateError(file, 'unknown language');
    const parsed = parseFile(TemplateFile, raw, file);
    const staffOnly = staffMessageTypes.includes(type as MessageType);
    if (staffOnly && parsed.sms !== undefined)
      throw new TemplateError(file, 'staff messages are email only: no sms');
    if (!staffOnly && parsed.sms === undefined)
      throw new TemplateError(file, 'sms: a customer message needs an SMS text');
    const part = (name: 'subject' | 'html' | 'text' | 'sms', source: string) => {
      try {
        return compile(source);
      } catch (error) {
        throw new TemplateError(file, `${name}: ${(error as Error).message}`);
      }
    };
    const byLanguage = registry[type as MessageType] ?? {};
    registry[type as MessageType] = byLanguage;
    byLanguage[language as Language] = {
      file,
      version: parsed.version,
      subject: part('subject', parsed.subject),
      html: part('html', parsed.html),
      text: part('text', parsed.text),
      ...(parsed.sms !== undefined && { sms: part('sms', parsed.sms) }),
    };
  }
  for (const [type, byLanguage] of Object.entries(registry)) {
    if (!byLanguage[FALLBACK_LANGUAGE]) {
      throw new TemplateError(
        `${type}/${FALLBACK_LANGUAGE}.json`,
        'missing: every message type needs its fallback',
      );
    }
  }
  return registry;
}

const templateFiles = {
  'acknowledgement/zh-CN.json': acknowledgementZhCn,
  'acknowledgement/en.json': acknowledgementEn,
  'request-info/zh-CN.json': requestInfoZhCn,
  'request-info/en.json': requestInfoEn,
  'delay-notice/zh-CN.json': delayNoticeZhCn,
  'delay-notice/en.json': delayNoticeEn,
  'decision-letter/zh-CN.json': decisionLetterZhCn,
  'decision-letter/en.json': decisionLetterEn,
  'reopened/zh-CN.json': reopenedZhCn,
  'reopened/en.json': reopenedEn,
  'staff-sla-warning/zh-CN.json': staffSlaWarningZhCn,
  'staff-sla-warning/en.json': staffSlaWarningEn,
  'staff-sla-breach/zh-CN.json': staffSlaBreachZhCn,
  'staff-sla-breach/en.json': staffSlaBreachEn,
  'care/zh-CN.json': careZhCn,
  'care/en.json': careEn,
} satisfies Record<`${MessageType}/${Language}.json`, unknown>;

export const templates: TemplateRegistry = compileTemplates(templateFiles);

const labels = parseFile(LabelsFile, labelsFile, 'labels.json');

const CONTENT_SLOT = '{{{content}}}';
const layout = (() => {
  const { html } = parseFile(LayoutFile, layoutFile, 'layout.json');
  const parts = html.split(CONTENT_SLOT);
  if (parts.length !== 2) throw new TemplateError('layout.json', `needs exactly one ${CONTENT_SLOT}`);
  try {
    return { before: compile(parts[0]!), after: compile(parts[1]!) };
  } catch (error) {
    throw new TemplateError('layout.json', (error as Error).message);
  }
})();

const regulatorContacts = parseFile(RegulatorContactsFile, regulatorContactsFile, 'regulator-contacts.json');

/** Escalation contact for a regime's decision letters and delay notices, in the letter's language. */
export function regulatorContact(regime: RegulatorRegime, language: Language): RegulatorContact {
  return { ...regulatorContacts.regimes[regime][language] };
}

// --- Rendering ------------------------------------------------------------------------------------

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const URL_PLACEHOLDER = /Url$/;
/** The sender's details (RenderOptions), not message data: a stage may leave some unset. */
const BRAND_FIELDS = new Set(['brandName', 'servicePhone', 'serviceEmail', 'website']);
const SAFE_URL = /^https?:\/\//i;
/** Placeholders shown through the vocabulary, and the data field each one reads. */
const LOCALISED = new Map([
  ['outcomeLabel', 'outcome'],
  ['teamLabel', 'team'],
  ['clockLabel', 'clock'],
]);

interface RenderContext {
  readonly scope: Readonly<Record<string, unknown>>;
  readonly language: Language;
  readonly timeZone: string;
  readonly missing: Set<string>;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);

type Encode = (value: string) => string;
// Customers write multi-line messages and agents multi-paragraph responses: keep their line breaks.
const asHtml: Encode = (value) => escapeHtml(value).replace(/\r\n?|\n/g, '<br>');
const asPlain: Encode = (value) => value;
const asOneLine: Encode = (value) => value.replace(/\s*[\r\n]+\s*/g, ' ');

function lookup(scope: unknown, path: string): unknown {
  let current = scope;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The text a placeholder stands for, or undefined when it has none (or a URL that is not http(s)). */
function placeholderValue(path: string, context: RenderContext): string | undefined {
  const value = lookup(context.scope, path);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  if (URL_PLACEHOLDER.test(path) && !SAFE_URL.test(value)) {
    // A link the recipient would follow: anything but http(s) (javascript:, data:) is dropped and reported.
    context.missing.add(path);
    return undefined;
  }
  if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
    return formatInstant(value, context.timeZone, context.language);
  }
  return value;
}

function isPresent(path: string, context: RenderContext): boolean {
  return lookup(context.scope, path) === true || (placeholderValue(path, context) ?? '') !== '';
}

function renderNodes(nodes: readonly Node[], context: RenderContext, encode: Encode): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += node.text;
    } else if (node.kind === 'value') {
      const value = placeholderValue(node.path, context);
      if (value !== undefined) out += encode(value);
      else if (!BRAND_FIELDS.has(node.path)) context.missing.add(LOCALISED.get(node.path) ?? node.path);
    } else if (isPresent(node.path, context) !== node.inverted) {
      out += renderNodes(node.body, context, encode);
    }
  }
  return out;
}

function localised(table: Readonly<Record<string, string>>, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return Object.hasOwn(table, value) ? table[value] : value;
}

export type RenderMessage = <T extends MessageType>(
  type: T,
  language: Language,
  data: MessageData[T],
  options: RenderOptions,
) => RenderedMessage;

/** A renderer over a template registry (the shipped one is `renderMessage`). */
export function createRenderer(registry: TemplateRegistry): RenderMessage {
  return (type, language, data, options) => {
    const byLanguage = registry[type];
    const own = byLanguage?.[language];
    const template = own ?? byLanguage?.[FALLBACK_LANGUAGE];
    if (!template) throw new Error(`No template for message type ${type}`);
    const used = own ? language : FALLBACK_LANGUAGE;
    const words: Words = labels[used];
    const fields = data as unknown as Record<string, unknown>;
    // Brand fields come last: message data cannot restyle the sender.
    const scope = {
      ...fields,
      ...(typeof fields.regulatorContact === 'string' && {
        regulatorContact: { name: fields.regulatorContact },
      }),
      outcomeLabel: localised(words.outcome, fields.outcome),
      teamLabel: localised(words.team, fields.team),
      clockLabel: localised(words.clock, fields.clock),
      brandName: options.brandName,
      servicePhone: options.servicePhone,
      serviceEmail: options.serviceEmail,
      website: options.website,
    };
    const context: RenderContext = {
      scope,
      language: used,
      timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
      missing: new Set(),
    };
    const subject = renderNodes(template.subject, context, asOneLine);
    const body = renderNodes(template.html, context, asHtml);
    const text = renderNodes(template.text, context, asPlain);
    const sms = template.sms && renderNodes(template.sms, context, asPlain);
    const page: RenderContext = { ...context, scope: { ...scope, subject, language: used, ui: words.ui } };
    const html = renderNodes(layout.before, page, asHtml) + body + renderNodes(layout.after, page, asHtml);
    return {
      type,
      subject,
      html,
      text,
      ...(sms !== undefined && { sms, smsSegments: smsSegments(sms) }),
      templateVersion: template.version,
      language: used,
      ...(!own && { fellBackFrom: language }),
      missing: [...context.missing],
    };
  };
}

export const renderMessage: RenderMessage = createRenderer(templates);

// --- Instants -------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'UTC' }),
  // Day-month-year, as customers in the UK and Australia write it.
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as the recipient reads it: "2026年12月17日 09:30" / "17 December 2026, 09:30". A
 * regulatory period ends at 24:00 of its last day, stored as the next day's 00:00; local midnight is
 * therefore shown as 24:00 of the day before ("2026年12月17日 24:00" / "17 December 2026, 24:00").
 */
export function formatInstant(iso: string, timeZone: string, language: Language): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) throw new RangeError(`Not an ISO instant: ${JSON.stringify(iso)}`);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = wallClockIn(instant, timeZone);
  const midnight = hour % 24 === 0 && minute === 0 && second === 0 && instant % 1000 === 0;
  const date = Date.UTC(year, month - 1, day) - (midnight ? MS_PER_DAY : 0);
  const time = midnight ? '24:00' : `${pad(hour % 24)}:${pad(minute)}`;
  const shown = (dateFormats[language] ?? dateFormats[FALLBACK_LANGUAGE]).format(date);
  return language === 'en' ? `${shown}, ${time}` : `${shown} ${time}`;
}

// --- SMS ------------------------------------------------------------------------------------------

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Sent as escape + character: two septets each. */
const GSM_EXTENDED = new Set('\f^{}\\[~]|€');

/**
 * How many SMS a text costs. GSM-7 when every character is in the GSM 03.38 alphabet (160 septets
 * in one SMS, 153 per part of a longer one); otherwise UCS-2 (70 / 67 code units), which any
 * Chinese character forces. Parts never split an escape sequence or a surrogate pair.
 */
export function smsSegments(text: string): SmsSegments {
  const characters = [...text];
  const gsm = characters.every((char) => GSM_BASIC.has(char) || GSM_EXTENDED.has(char));
  return gsm
    ? segmentsOf(
        'GSM-7',
        characters.map((char) => (GSM_EXTENDED.has(char) ? 2 : 1)),
        160,
        153,
      )
    : segmentsOf(
        'UCS-2',
        characters.map((char) => char.length),
        70,
        67,
      );
}

function segmentsOf(
  encoding: SmsSegments['encoding'],
  units: readonly number[],
  single: number,
  perPart: number,
): SmsSegments {
  const length = units.reduce((sum, unit) => sum + unit, 0);
  if (length === 0) return { segments: 0, encoding, length };
  if (length <= single) return { segments: 1, encoding, length };
  let segments = 1;
  let used = 0;
  for (const unit of units) {
    if (used + unit > perPart) {
      segments += 1;
      used = 0;
    }
    used += unit;
  }
  return { segments, encoding, length };
}
