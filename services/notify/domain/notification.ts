/**
 * A notification to send: what (template and data), to whom (a customer on their channel, or
 * staff by email), how urgent, and its message key — one key per (event, recipient, template), the
 * unit of exactly-once delivery.
 */
import type { Language } from '../../../shared/contracts/vocabulary';
import type { MessageType } from './render';

export type { MessageType };

export interface Recipient {
  readonly kind: 'customer' | 'staff';
  readonly channel: 'email' | 'sms';
  readonly address: string;
  readonly language: Language;
  readonly timeZone: string;
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
  readonly correlationId: string;
}

export function messageKey(eventId: string, recipientAddress: string, type: MessageType): string {
  return `${eventId}#${type}#${recipientAddress.toLowerCase()}`;
}
