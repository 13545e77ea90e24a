/**
 * The template files of services/notify/templates (one per message type and language, plus the
 * vocabulary labels), validated and compiled when this module loads: a broken file fails the cold
 * start, naming the file, not a send. Bundlers inline the imported JSON.
 */

import * as z from 'zod/mini';
import { type Language, languages, outcomes, teams } from '#shared/contracts/vocabulary';
import { fieldErrors } from '#shared/domain/validation';
import { compileTemplate, type TemplateNode } from '#shared/templates/template-engine';
import acknowledgementEn from '../templates/acknowledgement/en.json';
import acknowledgementZhCn from '../templates/acknowledgement/zh-CN.json';
import careEn from '../templates/care/en.json';
import careZhCn from '../templates/care/zh-CN.json';
import decisionLetterEn from '../templates/decision-letter/en.json';
import decisionLetterZhCn from '../templates/decision-letter/zh-CN.json';
import delayNoticeEn from '../templates/delay-notice/en.json';
import delayNoticeZhCn from '../templates/delay-notice/zh-CN.json';
import feedbackAnswerEn from '../templates/feedback-answer/en.json';
import feedbackAnswerZhCn from '../templates/feedback-answer/zh-CN.json';
import journeyNoticeEn from '../templates/journey-notice/en.json';
import journeyNoticeZhCn from '../templates/journey-notice/zh-CN.json';
import labelsFile from '../templates/labels.json';
import reopenedEn from '../templates/reopened/en.json';
import reopenedZhCn from '../templates/reopened/zh-CN.json';
import requestInfoEn from '../templates/request-info/en.json';
import requestInfoZhCn from '../templates/request-info/zh-CN.json';
import staffClaimStalledEn from '../templates/staff-claim-stalled/en.json';
import staffClaimStalledZhCn from '../templates/staff-claim-stalled/zh-CN.json';
import staffRectificationOverdueEn from '../templates/staff-rectification-overdue/en.json';
import staffRectificationOverdueZhCn from '../templates/staff-rectification-overdue/zh-CN.json';
import staffRootCauseRisingEn from '../templates/staff-root-cause-rising/en.json';
import staffRootCauseRisingZhCn from '../templates/staff-root-cause-rising/zh-CN.json';
import staffSlaBreachEn from '../templates/staff-sla-breach/en.json';
import staffSlaBreachZhCn from '../templates/staff-sla-breach/zh-CN.json';
import staffSlaWarningEn from '../templates/staff-sla-warning/en.json';
import staffSlaWarningZhCn from '../templates/staff-sla-warning/zh-CN.json';
import { FALLBACK_LANGUAGE, type MessageType, messageTypes, staffMessageTypes } from './message-types';

export const TEMPLATE_DIR = 'services/notify/templates';
export const NonEmpty = z.string().check(z.minLength(1));
export const Version = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}\.\d+$/, 'Expected a version like 2026-11-28.1'));

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
export type Words = z.infer<typeof Words>;
const LabelsFile = z.strictObject({ version: Version, 'zh-CN': Words, en: Words });

export class TemplateError extends Error {
  constructor(file: string, problem: string) {
    super(`Invalid notify template ${TEMPLATE_DIR}/${file}: ${problem}`);
    this.name = 'TemplateError';
  }
}

export function parseFile<S extends z.ZodMiniType>(schema: S, raw: unknown, file: string): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = fieldErrors(result.error.issues).map((error) => `${error.path}: ${error.message}`);
  throw new TemplateError(file, problems.join('; '));
}

interface CompiledTemplate {
  readonly file: string;
  readonly version: string;
  readonly subject: TemplateNode[];
  readonly html: TemplateNode[];
  readonly text: TemplateNode[];
  readonly sms?: TemplateNode[];
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
        return compileTemplate(source);
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
  'journey-notice/zh-CN.json': journeyNoticeZhCn,
  'journey-notice/en.json': journeyNoticeEn,
  'staff-claim-stalled/zh-CN.json': staffClaimStalledZhCn,
  'staff-claim-stalled/en.json': staffClaimStalledEn,
  'staff-rectification-overdue/zh-CN.json': staffRectificationOverdueZhCn,
  'staff-rectification-overdue/en.json': staffRectificationOverdueEn,
  'staff-root-cause-rising/zh-CN.json': staffRootCauseRisingZhCn,
  'staff-root-cause-rising/en.json': staffRootCauseRisingEn,
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
  'feedback-answer/zh-CN.json': feedbackAnswerZhCn,
  'feedback-answer/en.json': feedbackAnswerEn,
} satisfies Record<`${MessageType}/${Language}.json`, unknown>;

export const templates: TemplateRegistry = compileTemplates(templateFiles);

/** The localised vocabulary and page words, per language. */
export const labels = parseFile(LabelsFile, labelsFile, 'labels.json');
