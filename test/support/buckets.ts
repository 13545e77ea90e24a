/** The objects of a local cloud's bucket (s3rver), with their content as text: what a test can see stored. */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { LocalCloud } from '../../infra/local/cloud';

export async function objectsIn(cloud: LocalCloud, bucket: string): Promise<{ key: string; text: string }[]> {
  const s3 = new S3Client({
    endpoint: cloud.s3Url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
  });
  const name = cloud.bucketNames[bucket];
  if (!name) throw new Error(`no bucket ${bucket}`);
  const all: { key: string; text: string }[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: name, ContinuationToken: token }));
      for (const { Key } of page.Contents ?? []) {
        const object = await s3.send(new GetObjectCommand({ Bucket: name, Key: Key! }));
        all.push({ key: Key!, text: await object.Body!.transformToString() });
      }
      token = page.NextContinuationToken;
    } while (token);
  } finally {
    s3.destroy();
  }
  return all;
}
