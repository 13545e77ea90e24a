/**
 * The person's files in S3 (s3rver locally): every object under each complaint's prefix in the
 * attachments bucket (documents uploaded from the status page or attached to a reply, recorded or
 * not), and the raw emails of their replies in the inbound-mail bucket, by the receipt id each
 * reply's timeline entry keeps. The privacy function may list and delete there, never read.
 */
import { attachmentObjectPrefix } from '#shared/attachments/attachment-store';
import { s3AttachmentStore } from '#shared/attachments/s3-attachment-store';
import { bucketName, s3Sdk } from '#shared/aws/s3';
import { inboundMailObjectKey } from '#shared/contracts/buckets';

/** Deletes a complaint's documents and the stored emails named; returns how many objects went. */
export async function eraseComplaintFiles(
  complaintId: string,
  receiptIds: readonly string[],
): Promise<number> {
  const { s3, DeleteObjectCommand } = await s3Sdk();
  const documents = await s3AttachmentStore.list(complaintId);
  for (const { objectKey } of documents) {
    // listed under the complaint's prefix only
    if (!objectKey.startsWith(attachmentObjectPrefix(complaintId))) continue;
    await s3().send(new DeleteObjectCommand({ Bucket: bucketName('Attachments'), Key: objectKey }));
  }
  // deleting an email already gone (its bucket's lifecycle, an earlier attempt) succeeds all the same
  for (const receiptId of receiptIds)
    await s3().send(
      new DeleteObjectCommand({ Bucket: bucketName('InboundMail'), Key: inboundMailObjectKey(receiptId) }),
    );
  return documents.length + receiptIds.length;
}
