/**
 * A received email as SES stored it in the inbound-mail bucket (its S3 action, before the Lambda
 * action runs), parsed with postal-mime: headers, the text part, and the documents attached.
 */
import PostalMime, { type Address } from 'postal-mime';
import { bucketName, s3Sdk } from '#shared/aws/s3';
import { inboundMailObjectKey } from '#shared/contracts/buckets';
import type { ReceivedEmail } from '../domain/inbound-email';

const mailboxes = (addresses: readonly Address[] | undefined): string[] =>
  (addresses ?? []).flatMap((a) => (a.group ? a.group.map((m) => m.address) : [a.address]));

/** Mail with an HTML part only: its text, without the quoted history a client put in a blockquote. */
function textOfHtml(html: string): string {
  return html
    .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '')
    .replace(/<(br|\/p|\/div)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export async function readReceivedMail(sesMessageId: string): Promise<Uint8Array> {
  const { s3, GetObjectCommand } = await s3Sdk();
  const object = await s3().send(
    new GetObjectCommand({ Bucket: bucketName('InboundMail'), Key: inboundMailObjectKey(sesMessageId) }),
  );
  if (!object.Body) throw new Error('the received email has no content');
  return object.Body.transformToByteArray();
}

/**
 * Deletes a received email that changed nothing (a stranger's, a forged reply address, an
 * auto-reply): no complaint's timeline names it, so nothing would erase it, and it should not wait
 * for the bucket's 90-day lifecycle.
 */
export async function deleteReceivedMail(sesMessageId: string): Promise<void> {
  const { s3, DeleteObjectCommand } = await s3Sdk();
  await s3().send(
    new DeleteObjectCommand({ Bucket: bucketName('InboundMail'), Key: inboundMailObjectKey(sesMessageId) }),
  );
}

export async function parseReceivedMail(
  raw: Uint8Array,
  envelope: {
    readonly messageId: string;
    readonly recipients: readonly string[];
    readonly virusVerdict?: string;
  },
): Promise<ReceivedEmail> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  const headers: Record<string, string> = {};
  for (const { key, value } of email.headers) headers[key] ??= value;
  return {
    messageId: email.messageId?.trim() || envelope.messageId,
    from: email.from && !email.from.group ? email.from.address : undefined,
    recipients: [...mailboxes(email.to), ...mailboxes(email.cc), ...envelope.recipients],
    headers,
    text: email.text ?? textOfHtml(email.html ?? ''),
    // inline images of a signature are not the customer's documents
    documents: email.attachments
      .filter((a) => a.disposition !== 'inline' || a.filename)
      .map((a, i) => ({
        fileName: a.filename || `attachment-${i + 1}`,
        contentType: a.mimeType || 'application/octet-stream',
        content: new Uint8Array(a.content as ArrayBuffer),
      })),
    virusVerdict: envelope.virusVerdict,
  };
}
