/** The attachment store on S3 (s3rver locally): the attachments bucket of the stage. */
import { bucketName, s3Sdk } from '../aws/s3';
import { type AttachmentStore, attachmentObjectPrefix, type StoredObject } from './attachment-store';

/** `attachment; filename*=UTF-8''…` (RFC 6266): a Chinese file name arrives intact. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const s3AttachmentStore: AttachmentStore = {
  async put({ objectKey, body, contentType }) {
    const { s3, PutObjectCommand } = await s3Sdk();
    await s3().send(
      new PutObjectCommand({
        Bucket: bucketName('Attachments'),
        Key: objectKey,
        Body: body,
        ContentType: contentType,
      }),
    );
  },

  async downloadUrl({ objectKey, fileName, contentType, expiresInSeconds }) {
    const { s3, GetObjectCommand, getSignedUrl } = await s3Sdk();
    return getSignedUrl(
      s3(),
      new GetObjectCommand({
        Bucket: bucketName('Attachments'),
        Key: objectKey,
        ResponseContentDisposition: contentDisposition(fileName),
        ResponseContentType: contentType,
      }),
      { expiresIn: expiresInSeconds },
    );
  },

  async uploadForm({ objectKey, contentType, maxBytes, expiresInSeconds }) {
    const { s3, createPresignedPost } = await s3Sdk();
    const { url, fields } = await createPresignedPost(s3(), {
      Bucket: bucketName('Attachments'),
      Key: objectKey,
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: expiresInSeconds,
    });
    return { url, fields };
  },

  async list(complaintId) {
    const { s3, ListObjectsV2Command } = await s3Sdk();
    const objects: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await s3().send(
        new ListObjectsV2Command({
          Bucket: bucketName('Attachments'),
          Prefix: attachmentObjectPrefix(complaintId),
          ContinuationToken: token,
        }),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        objects.push({ objectKey: o.Key, size: o.Size ?? 0, lastModified: o.LastModified?.toISOString() });
      }
      token = page.NextContinuationToken;
    } while (token);
    return objects;
  },
};
