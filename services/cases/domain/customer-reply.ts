/**
 * A customer's reply by email or SMS, put on their complaint as the agent's `customer-response`
 * would be: the same status change and event (so a clock paused for the customer resumes), a
 * timeline entry by the customer with their words and documents, and the reply flagged as new
 * material for the agent to read for new facts (`new-facts`). A reply to a complaint in any other
 * open status goes on the timeline and is flagged the same way, without a status change. Exactly
 * once per message: its idempotency record is written in the same transaction, so a redelivery
 * finds it and changes nothing. Pure: the stores come in.
 */
import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import { type AttachmentStore, attachmentObjectKey } from '#shared/attachments/attachment-store';
import type { Clock } from '#shared/clock';
import type { Attachment } from '#shared/contracts/attachment';
import type { Complaint } from '#shared/contracts/complaint';
import { attachmentKey, idempotencyKey } from '#shared/tables/complaints';
import { type CaseChange, type CaseStore, customerResponse } from './case-work';

export type ReplyChannel = 'email' | 'sms';

export interface ReplyDocument {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface CustomerReply {
  readonly channel: ReplyChannel;
  readonly complaintId: string;
  /** The message's own id (Message-ID, the SMS provider's id): the unit of exactly-once. */
  readonly messageId: string;
  /**
   * The id the raw email is stored under in the inbound-mail bucket (SES's message id), kept on the
   * timeline entry so an erasure can delete the stored message (services/privacy).
   */
  readonly receiptId?: string;
  readonly text: string;
  readonly documents: readonly ReplyDocument[];
  readonly correlationId: string;
}

/** Why a reply changed nothing; each is counted (a metric) and logged without personal data. */
export type IgnoredReason =
  | 'bounce'
  | 'auto-reply'
  | 'no-reply-address'
  | 'invalid-token'
  | 'expired-token'
  | 'virus'
  | 'unknown-sender'
  | 'unknown-complaint'
  | 'complaint-not-open'
  | 'no-complaint-awaiting';

export type ReplyOutcome =
  | { readonly outcome: 'recorded'; readonly complaintId: string; readonly resumed: boolean }
  | { readonly outcome: 'duplicate'; readonly complaintId: string }
  | { readonly outcome: 'ignored'; readonly reason: IgnoredReason };

export interface ReplyDeps {
  readonly store: CaseStore;
  readonly attachments: Pick<AttachmentStore, 'put'>;
  /** Whether a reply with this idempotency key was recorded already. */
  replyRecorded(key: { pk: string; sk: string }): Promise<boolean>;
  readonly clock: Clock;
}

/** How long a reply's idempotency record is kept: past any redelivery SES or SNS would attempt. */
const REPLY_RECORD_DAYS = 30;
const ATTEMPTS = 3;

const hashOf = (text: string) => createHash('sha256').update(text).digest('base64url');

export const replyIdempotencyKey = (channel: ReplyChannel, messageId: string) =>
  idempotencyKey(`reply-${channel}`, hashOf(messageId));

/**
 * The same id for the same document of the same message, so a redelivery stores over its own
 * objects; ULID-shaped (time first), so a complaint's documents read in the order they came.
 */
function attachmentIdOf(messageId: string, index: number, at: Date): string {
  const hash = createHash('sha256').update(`${messageId}#${index}`).digest();
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const random = Array.from(hash.subarray(0, 16), (b) => alphabet[b & 31]).join('');
  return `${encodeTime(at.getTime(), 10)}${random}`;
}

const OPEN: readonly Complaint['status'][] = [
  'received',
  'triaged',
  'assigned',
  'in-progress',
  'awaiting-customer',
];

function replyChange(
  complaint: Complaint,
  reply: CustomerReply,
  documents: readonly Attachment[],
  now: Date,
): CaseChange {
  const at = now.toISOString();
  const message =
    reply.text || (documents.length > 0 ? `(${documents.length} document(s), no text)` : '(no text)');
  const newMaterial = { receivedAt: at, channel: reply.channel };
  const response =
    complaint.status === 'awaiting-customer'
      ? customerResponse(complaint, { message, newFacts: false }, reply.correlationId)
      : { set: {}, events: [], detail: { message, newFacts: false } };
  const after = { ...complaint, ...response.set };
  return {
    set: { ...response.set, newMaterial },
    events: response.events,
    bumpsVersion: true,
    timeline: {
      at,
      actor: 'customer',
      role: 'customer',
      action: 'customer-response',
      before: { status: complaint.status },
      after: { status: after.status },
      detail: {
        ...response.detail,
        channel: reply.channel,
        ...(reply.receiptId && { receiptId: reply.receiptId }),
        documents: documents.map((d) => ({ attachmentId: d.attachmentId, fileName: d.fileName })),
      },
    },
    records: [
      ...documents.map((d) => ({
        ...attachmentKey(d.complaintId, d.attachmentId),
        kind: 'attachment',
        ...d,
      })),
      {
        ...replyIdempotencyKey(reply.channel, reply.messageId),
        kind: 'idempotency',
        complaintId: complaint.complaintId,
        expiresAt: Math.floor(now.getTime() / 1000) + REPLY_RECORD_DAYS * 86_400,
      },
    ],
  };
}

export async function recordCustomerReply(
  deps: ReplyDeps,
  reply: CustomerReply,
  /** The complaint, when the caller has read it already (matching an SMS by phone). */
  known?: Complaint,
): Promise<ReplyOutcome> {
  const key = replyIdempotencyKey(reply.channel, reply.messageId);
  if (await deps.replyRecorded(key)) return { outcome: 'duplicate', complaintId: reply.complaintId };
  const now = deps.clock.now();
  let complaint = known ?? (await deps.store.load(reply.complaintId));
  const documents: Attachment[] = reply.documents.map((d, i) => {
    const attachmentId = attachmentIdOf(reply.messageId, i, now);
    return {
      attachmentId,
      complaintId: reply.complaintId,
      fileName: d.fileName,
      contentType: d.contentType,
      size: d.content.byteLength,
      source: 'email',
      receivedAt: now.toISOString(),
      objectKey: attachmentObjectKey(reply.complaintId, attachmentId),
    };
  });
  // the bytes first: a reply recorded is never one whose documents are missing
  if (complaint && OPEN.includes(complaint.status)) {
    await Promise.all(
      documents.map((d, i) =>
        deps.attachments.put({
          objectKey: d.objectKey,
          body: reply.documents[i]!.content,
          contentType: d.contentType,
        }),
      ),
    );
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (!complaint) return { outcome: 'ignored', reason: 'unknown-complaint' };
    if (!OPEN.includes(complaint.status)) return { outcome: 'ignored', reason: 'complaint-not-open' };
    if (await deps.store.apply(complaint, replyChange(complaint, reply, documents, now))) {
      return {
        outcome: 'recorded',
        complaintId: complaint.complaintId,
        resumed: complaint.status === 'awaiting-customer',
      };
    }
    // refused: the same reply was recorded meanwhile, or the case changed under us
    if (await deps.replyRecorded(key)) return { outcome: 'duplicate', complaintId: reply.complaintId };
    complaint = await deps.store.load(reply.complaintId);
  }
  throw new Error('the case kept changing while a reply was being recorded; the delivery will be retried');
}
