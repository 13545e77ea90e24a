/**
 * A notification to send: what (template and data), to whom (a customer on their channel, or
 * staff by email), how urgent, and its message key — one key per (event, recipient, template), the
 * unit of exactly-once delivery.
 */
import type { ConsentKind } from '#shared/contracts/customer-profile';
import type { Language } from '#shared/contracts/vocabulary';
import type { QuietHours } from './channel';
import type { MessageType } from './message-types';

export type { MessageType };

export interface Recipient {
  readonly kind: 'customer' | 'staff';
  readonly channel: 'email' | 'sms';
  readonly address: string;
  readonly language: Language;
  readonly timeZone: string;
  /** The customer's own quiet hours; the default (21:00–08:00) when absent. */
  readonly quietHours?: QuietHours;
}

/** What a care campaign message carries besides its content: the care service counts runs by it. */
export interface CareTag {
  readonly campaignId: string;
  readonly runId: string;
  readonly dedupeKey: string;
  readonly consent: ConsentKind;
  readonly holdWhileComplaintOpen: boolean;
}

export interface NotificationRequest {
  readonly key: string;
  readonly type: MessageType;
  /** Why it is sent; `acknowledgement` stops the SLA acknowledge clock. */
  readonly purpose: string;
  readonly recipient: Recipient;
  readonly data: Record<string, unknown>;
  /** Acknowledgements and regulator-required notices go out even in quiet hours. */
  readonly urgent: boolean;
  readonly complaintId?: string;
  /** The customer it is for, when known (a complaint's customer, a care message's). */
  readonly customerId?: string;
  /** Present on care campaign messages only: they are vetted, capped and carry an unsubscribe link. */
  readonly care?: CareTag;
  readonly correlationId: string;
}

/**
 * The key as composed: the recipient by address. The log replaces the address with its keyed hash
 * before the key is stored or published (adapters/message-keys.ts), so neither the Messages
 * table's keys nor the `notification.*` events carry contact data.
 */
export function messageKey(eventId: string, recipientAddress: string, type: MessageType): string {
  return `${eventId}#${type}#${recipientAddress.toLowerCase()}`;
}
