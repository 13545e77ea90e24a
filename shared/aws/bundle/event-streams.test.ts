/**
 * The bundles replace `@smithy/core/event-streams` with a stub (infra/bundling.ts). That is safe only
 * while no AWS client this project depends on has an event-stream operation: such a client imports
 * event-stream support in its own code, which this test looks for.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../../bench/sizes';
import { bundling, bundlingOf } from '../../../infra/bundling';
import { topology } from '../../../infra/topology';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('event-stream code left out of the bundles', () => {
  it('is aliased away', () => {
    expect(bundling.alias['@smithy/core/event-streams']).toBeDefined();
  });

  it('is used by none of the AWS clients the functions depend on', async () => {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // S3's client is bundled only by functions bound to a bucket, whose bundles keep event streams
    const clients = Object.keys(pkg.dependencies).filter(
      (name) => name.startsWith('@aws-sdk/client-') && name !== '@aws-sdk/client-s3',
    );
    expect(clients).toContain('@aws-sdk/client-dynamodb');
    for (const client of clients) {
      const files = await filesUnder(path.join(repoRoot, 'node_modules', client, 'dist-es'));
      expect(files.length, client).toBeGreaterThan(0);
      for (const file of files) {
        const text = await readFile(file, 'utf8');
        expect(text.includes('@smithy/core/event-streams'), `${client}: ${path.basename(file)}`).toBe(false);
      }
    }
  });

  it('is kept for functions bound to a bucket, whose S3 client needs it, and left out of the others', () => {
    for (const [name, spec] of Object.entries(topology.functions)) {
      const kept = bundlingOf(spec).alias['@smithy/core/event-streams'] === undefined;
      expect(kept, name).toBe(spec.buckets !== undefined);
    }
  });

  it('would be noticed at build time: a client with event streams does not bundle against the stub', async () => {
    // @aws-sdk/client-s3 (SelectObjectContent streams events)
    const bundled = build({
      ...esbuildOptions(),
      absWorkingDir: repoRoot,
      stdin: {
        contents: "import { S3Client } from '@aws-sdk/client-s3'; export const s3 = () => new S3Client({});",
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      logLevel: 'silent',
    });
    await expect(bundled).rejects.toThrow(
      /No matching export .*no-event-streams\.ts.* for import "resolveEventStreamSerdeConfig"/,
    );
  });
});
