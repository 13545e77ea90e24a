// The S3 client and presigners; function code reaches them through ../s3.ts, which imports this
// module on the first call (../lazy.ts tells why).
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

let client: S3Client | undefined;

/**
 * The process's one S3 client. Locally (`AWS_ENDPOINT_URL_S3` set, s3rver) buckets are addressed
 * by path, as an emulator on 127.0.0.1 has no bucket subdomains; on AWS by virtual host.
 */
export function s3(): S3Client {
  client ??= new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
  return client;
}

export {
  createPresignedPost,
  DeleteObjectCommand,
  GetObjectCommand,
  getSignedUrl,
  ListObjectsV2Command,
  PutObjectCommand,
};
