/**
 * s3rver, the S3 emulator, with the local cloud's buckets. It answers the SDK's path-style requests
 * (shared/aws/sdk/s3.ts) and the presigned links and upload forms browsers follow, so its buckets
 * answer CORS for any origin, as the local API does.
 */
import { createRequire } from 'node:module';
import S3rver from 's3rver';

const require = createRequire(import.meta.url);

/** Any origin may GET (download links) and POST (upload forms) cross-origin, locally. */
const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
  </CORSRule>
</CORSConfiguration>`;

let keyRegistered = false;

/**
 * s3rver knows one access key of its own; the local cloud's credentials (emulators.ts) are added
 * to its account so every SDK client signs as it does against the other emulators.
 */
function registerLocalKey(accessKeyId: string, secretAccessKey: string): void {
  if (keyRegistered) return;
  const accounts = require('s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  accounts.DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
  keyRegistered = true;
}

export async function startS3rver(
  directory: string,
  bucketNames: readonly string[],
  credentials: { accessKeyId: string; secretAccessKey: string },
): Promise<{ endpoint: string; stop(): Promise<void> }> {
  registerLocalKey(credentials.accessKeyId, credentials.secretAccessKey);
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    // buckets by path only: 127.0.0.1 has no bucket subdomains
    vhostBuckets: false,
    configureBuckets: bucketNames.map((name) => ({ name, configs: [CORS] })),
  });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
