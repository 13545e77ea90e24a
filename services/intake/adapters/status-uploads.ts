/**
 * Status page uploads on the attachments store and the Complaints table: an upload form bound to
 * one object key, type and size; then, once the file is there, its record beside the complaint
 * (written once: a repeated confirmation finds it and changes nothing).
 */

import { attachmentObjectKey } from '#shared/attachments/attachment-store';
import { s3AttachmentStore } from '#shared/attachments/s3-attachment-store';
import { ConditionalCheckFailedException, dynamo, PutCommand, tableName } from '#shared/aws/dynamo';
import type { Attachment } from '#shared/contracts/attachment';
import { ValidationFailed } from '#shared/domain/errors';
import { attachmentKey } from '#shared/tables/complaints';
import { MAX_UPLOAD_BYTES, UPLOAD_FORM_SECONDS, type UploadFormView } from '../domain/status-upload';

export async function uploadFormFor(
  complaintId: string,
  attachmentId: string,
  contentType: string,
  now: Date,
): Promise<UploadFormView> {
  const form = await s3AttachmentStore.uploadForm({
    objectKey: attachmentObjectKey(complaintId, attachmentId),
    contentType,
    maxBytes: MAX_UPLOAD_BYTES,
    expiresInSeconds: UPLOAD_FORM_SECONDS,
  });
  return {
    attachmentId,
    url: form.url,
    fields: { ...form.fields },
    maxBytes: MAX_UPLOAD_BYTES,
    expiresAt: new Date(now.getTime() + UPLOAD_FORM_SECONDS * 1000).toISOString(),
  };
}

/** Records an uploaded file; refuses one that is not in the store, or is over the limit. */
export async function recordUpload(
  complaintId: string,
  attachmentId: string,
  file: { fileName: string; contentType: string },
  now: Date,
): Promise<Attachment> {
  const objectKey = attachmentObjectKey(complaintId, attachmentId);
  const stored = (await s3AttachmentStore.list(complaintId)).find((o) => o.objectKey === objectKey);
  if (!stored) {
    throw new ValidationFailed(
      [{ path: 'path.attachmentId', message: 'No file was uploaded with this form.' }],
      'The file has not arrived. Please upload it again.',
    );
  }
  // the store's own policy refuses it on AWS; an emulator may not, so it is never recorded here
  if (stored.size > MAX_UPLOAD_BYTES) {
    throw new ValidationFailed([
      { path: 'body.size', message: 'The file is larger than 10 MB. 文件不能超过 10 MB。' },
    ]);
  }
  const attachment: Attachment = {
    attachmentId,
    complaintId,
    fileName: file.fileName,
    contentType: file.contentType,
    size: stored.size,
    source: 'upload',
    receivedAt: now.toISOString(),
    objectKey,
  };
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName('Complaints'),
        Item: { ...attachmentKey(complaintId, attachmentId), ...attachment },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return attachment;
  } catch (error) {
    // confirmed before: the record stands as it was written
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return attachment;
  }
}
