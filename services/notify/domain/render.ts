/**
 * Renders a message: its template (template-files.ts) in the recipient's language, set into the
 * shared email layout (layout.ts). Customer data is HTML-escaped in HTML, instants read in the
 * recipient's time zone and language (format-instant.ts), vocabulary is localised, a missing
 * translation falls back to zh-CN, and SMS texts come with their segment count (sms-segments.ts).
 */

import type { Language } from '#shared/contracts/vocabulary';
import { renderTemplate, type TemplateNode, type TemplateValues } from '#shared/templates/template-engine';
import { formatInstant } from './format-instant';
import { layout } from './layout';
import {
  DEFAULT_TIME_ZONE,
  FALLBACK_LANGUAGE,
  type MessageData,
  type MessageType,
  type RenderedMessage,
  type RenderOptions,
} from './message-types';
import { smsSegments } from './sms-segments';
import { labels, type TemplateRegistry, templates, type Words } from './template-files';

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

/** The engine's view of a context: a value missing from the data is reported, brand details excepted. */
function valuesOf(context: RenderContext): TemplateValues {
  return {
    value: (path) => placeholderValue(path, context),
    present: (path) => isPresent(path, context),
    absent: (node) => {
      if (!BRAND_FIELDS.has(node.path)) context.missing.add(LOCALISED.get(node.path) ?? node.path);
      return '';
    },
  };
}

function renderNodes(nodes: readonly TemplateNode[], context: RenderContext, encode: Encode): string {
  return renderTemplate(nodes, valuesOf(context), encode);
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
