/**
 * A document a customer gave on their complaint (an upload from the status page, or an attachment
 * of their emailed reply), as the Complaints table records it beside the complaint. The bytes live
 * in the attachments bucket under `objectKey`; the file name is kept here, never in the key, so no
 * personal data ends up in S3 keys or their access logs.
 */
import * as z from 'zod/mini';

export const attachmentSources = ['email', 'upload'] as const;

export const Attachment = z.object({
  attachmentId: z.string(),
  complaintId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  source: z.enum(attachmentSources),
  receivedAt: z.string(),
  objectKey: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;
