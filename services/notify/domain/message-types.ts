/**
 * What the notify service sends, as data: the message types, what each needs, the brand that signs
 * them and what a rendered message is. The templates (template-files.ts), the layout (layout.ts)
 * and the renderer (render.ts) all build on these.
 */

import type { Language, Outcome, Priority, Team } from '#shared/contracts/vocabulary';
import type { SmsSegments } from './sms-segments';

export const messageTypes = [
  'acknowledgement',
  'request-info',
  'delay-notice',
  'decision-letter',
  'reopened',
  'staff-sla-warning',
  'staff-sla-breach',
  'care',
  'journey-notice',
  'staff-claim-stalled',
  'staff-rectification-overdue',
  'staff-root-cause-rising',
  'feedback-answer',
] as const;
export type MessageType = (typeof messageTypes)[number];

/** Sent to staff, by email only: their templates have no SMS text. Every other type has one. */
export const staffMessageTypes: readonly MessageType[] = [
  'staff-sla-warning',
  'staff-sla-breach',
  'staff-claim-stalled',
  'staff-rectification-overdue',
  'staff-root-cause-rising',
];

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
  'request-info': CustomerMessage & {
    message: string;
    replyBy?: string;
    replyUrl?: string;
    statusUrl?: string;
  };
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
  care: { name: string; headline: string; body: string; unsubscribeUrl: string; ratingUrl?: string };
  /** A claim or policy notice: one flag names the notice (`claimApproved` …), the rest its facts. */
  'journey-notice': { name: string; policyNumber: string; claimNumber?: string } & Record<string, unknown>;
  'staff-claim-stalled': {
    claimNumber: string;
    policyNumber: string;
    stage: string;
    lastProgressAt: string;
    businessDays: number;
  };
  /** Staff's answer to a suggestion, praise or question, to the contact it came with; `kind` localised. */
  'feedback-answer': { name?: string; kind: string; question: string; answer: string };
  /** An action of a rectification passed its due date (a local date) undone. */
  'staff-rectification-overdue': {
    rectificationId: string;
    actionId: string;
    rootCause: string;
    title: string;
    dueDate: string;
    consoleUrl: string;
  };
  /**
   * A root cause's complaints rose last week; the rectification already open for it, or else the
   * one proposed (`proposedTitle`, `proposedDueDate`, `proposedComplaints`).
   */
  'staff-root-cause-rising': {
    rootCause: string;
    week: string;
    count: number;
    trailingMean: number;
    trailingWeeks: number;
    rule: string;
    openRectificationId?: string;
    proposedTitle?: string;
    proposedDueDate?: string;
    proposedComplaints?: number;
    consoleUrl: string;
  };
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
