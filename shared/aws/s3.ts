/**
 * S3 as adapters use it, with the SDK (client and presigners) evaluated on the first call rather
 * than when a function's bundle loads (./lazy.ts tells why). The presigners need the SDK's own
 * client, so this loads the whole module (./sdk/s3.ts) instead of standing in for commands.
 */
import { type BucketId, buckets } from '../contracts/buckets';
import { requiredEnv } from '../env';

type S3Sdk = typeof import('#shared/aws/sdk/s3');

let loading: Promise<S3Sdk> | undefined;

/** The S3 SDK and the process's client; a failed load is dropped so the next call tries again. */
export function s3Sdk(): Promise<S3Sdk> {
  loading ??= import('#shared/aws/sdk/s3').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The physical name of a bucket, from the variable CDK (or the local cloud) sets. */
export function bucketName(id: BucketId): string {
  return requiredEnv(buckets[id].envVar);
}
