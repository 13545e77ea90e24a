/**
 * The S3 buckets: what each holds and the variable that carries its name to the functions bound
 * to it. CDK creates them (per stage, encrypted, private, with a lifecycle) and the local cloud
 * creates the same buckets in s3rver, so a bucket is declared exactly once.
 */
export type BucketId = 'Attachments' | 'InboundMail';

export interface BucketDefinition {
  readonly id: BucketId;
  /** Environment variable that carries the physical bucket name to every function bound to it. */
  readonly envVar: string;
  readonly purpose: string;
  /**
   * The stage's data key (KMS), or S3-managed keys where an AWS service writes the objects and would
   * otherwise need a grant on the data key (SES's receipt rule writes received mail).
   */
  readonly encryption: 'data-key' | 's3-managed';
  /**
   * Customers' browsers upload to it from the status page by presigned POST, so it answers CORS
   * for the site, and the page's Content-Security-Policy names it.
   */
  readonly browserUploads?: boolean;
}

export const buckets: Record<BucketId, BucketDefinition> = {
  Attachments: {
    id: 'Attachments',
    envVar: 'ATTACHMENTS_BUCKET',
    purpose: "Customers' documents on their complaints: uploads and the attachments of their replies",
    encryption: 'data-key',
    browserUploads: true,
  },
  InboundMail: {
    id: 'InboundMail',
    envVar: 'INBOUND_MAIL_BUCKET',
    purpose: 'Raw emails SES receives for reply addresses, read once by the inbound handler',
    encryption: 's3-managed',
  },
};

export const bucketIds = Object.keys(buckets) as BucketId[];

/** Where SES's receipt rule stores a received email: the S3 action's prefix and SES's message id. */
export const INBOUND_MAIL_PREFIX = 'mail/';
export const inboundMailObjectKey = (sesMessageId: string) => `${INBOUND_MAIL_PREFIX}${sesMessageId}`;
