/**
 * The bundles replace `@smithy/core/event-streams` with a stub (infra/bundling.ts). That is safe
 * only while no function calls an operation with an event stream: a client that merely sets event
 * streams up in its constructor (S3, for SelectObjectContent) still works, and any use of them
 * throws. These tests find every client of ours that has event-stream operations and check that our
 * code calls none of them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../../bench/sizes';
import { bundling } from '../../../infra/bundling';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The event-stream operations of the clients we depend on that have any (their AWS API docs). */
const EVENT_STREAM_COMMANDS: Record<string, readonly string[]> = {
  '@aws-sdk/client-s3': ['SelectObjectContentCommand'],
};

async function filesUnder(folder: string, suffix: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .filter((e) => !path.relative(folder, e.parentPath).split(path.sep).includes('node_modules'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('event-stream code left out of the bundles', () => {
  it('is aliased away', () => {
    expect(bundling.alias['@smithy/core/event-streams']).toBeDefined();
  });

  it('is set up only by the clients whose event-stream operations are listed here', async () => {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const clients = Object.keys(pkg.dependencies).filter((name) => name.startsWith('@aws-sdk/client-'));
    expect(clients).toContain('@aws-sdk/client-dynamodb');
    for (const client of clients) {
      const files = await filesUnder(path.join(repoRoot, 'node_modules', client, 'dist-es'), '.js');
      expect(files.length, client).toBeGreaterThan(0);
      let usesEventStreams = false;
      for (const file of files) {
        if ((await readFile(file, 'utf8')).includes('@smithy/core/event-streams')) usesEventStreams = true;
      }
      expect(usesEventStreams, `${client}: list its event-stream operations above`).toBe(
        client in EVENT_STREAM_COMMANDS,
      );
    }
  });

  it('is needed by no operation our code calls', async () => {
    const commands = Object.values(EVENT_STREAM_COMMANDS).flat();
    for (const folder of ['services', 'shared', 'infra']) {
      for (const file of await filesUnder(path.join(repoRoot, folder), '.ts')) {
        if (file === fileURLToPath(import.meta.url)) continue;
        const text = await readFile(file, 'utf8');
        for (const command of commands) expect(text.includes(command), `${file}: ${command}`).toBe(false);
      }
    }
  });

  it('leaves S3 working in a bundle, and an event stream refused by name', async () => {
    const bundled = await build({
      ...esbuildOptions(),
      absWorkingDir: repoRoot,
      stdin: {
        contents:
          "import { S3Client } from '@aws-sdk/client-s3'; export const s3 = new S3Client({ region: 'eu-west-1' });",
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      sourcemap: false,
      logLevel: 'silent',
    });
    const code = bundled.outputFiles[0]!.text;
    const module = { exports: {} as { s3?: { config: { eventStreamMarshaller: { serialize(): void } } } } };
    new Function('module', 'exports', 'require', code)(
      module,
      module.exports,
      createRequire(import.meta.url),
    );
    expect(module.exports.s3).toBeDefined();
    expect(() => module.exports.s3!.config.eventStreamMarshaller.serialize()).toThrow(
      /event streams are not bundled/,
    );
  });
});
