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
}

export const buckets: Record<BucketId, BucketDefinition> = {
  Attachments: {
    id: 'Attachments',
    envVar: 'ATTACHMENTS_BUCKET',
    purpose: "Customers' documents on their complaints: uploads and the attachments of their replies",
  },
  InboundMail: {
    id: 'InboundMail',
    envVar: 'INBOUND_MAIL_BUCKET',
    purpose: 'Raw emails SES receives for reply addresses, read once by the inbound handler',
  },
};

export const bucketIds = Object.keys(buckets) as BucketId[];
