/**
 * The deployed bundles (infra/bundling.ts: esbuild aliases, no --enable-source-maps) keep working:
 * a bundled client signs with the credentials Lambda puts in the environment and with nothing else,
 * the SDK sits in a file beside the bundle (sdk-file.mjs) that a function requires on its first AWS
 * call rather than when it loads,
 * the SDK's other credential sources and event-stream code are not in the bundle, and a logged
 * error still carries a stack mapped to the TypeScript source.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../../bench/sizes';
import { buildSdkFile, SDK_FILE } from './sdk-file.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const probeSource = 'shared/aws/bundle/fixtures/probe.ts';

let dir: string;
let bundle: string;
/** Of index.cjs, required at init. */
let metafile: Metafile;
/** Of sdk.js, required on the first AWS call. */
let sdkMetafile: Metafile;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bundle-test-'));
  bundle = path.join(dir, 'index.cjs');
  const result = await build({
    ...esbuildOptions(),
    absWorkingDir: repoRoot,
    entryPoints: [probeSource],
    bundle: true,
    outfile: bundle,
    metafile: true,
    logLevel: 'silent',
  });
  metafile = result.metafile;
  const sdk = await buildSdkFile({ outDir: dir, bundleFile: 'index.cjs', options: esbuildOptions() });
  if (!sdk) throw new Error('the probe bundle requires no SDK module');
  sdkMetafile = sdk.metafile;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A clean environment: only what a Lambda function (or the test) sets, HOME in the temp folder. */
function runBundle(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, AWS_REGION: 'eu-west-1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the bundle of a function', () => {
  it('keeps the AWS SDK out of index.cjs, in sdk.js beside it, which package.json names', async () => {
    const sdkScopes = ['@aws-sdk/', '@smithy/', '@aws-crypto/'];
    expect(Object.keys(metafile.inputs).filter((p) => sdkScopes.some((s) => p.includes(s)))).toEqual([]);
    expect(Object.keys(sdkMetafile.inputs).some((p) => p.includes('@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'))).toEqual({
      private: true,
      imports: { '#shared/aws/sdk/*': `./${SDK_FILE}` },
    });
  });

  it('is how every lazy adapter reaches the SDK: by #shared/aws/sdk/, never a relative path', async () => {
    // a relative import of ./sdk/ would be bundled into index.js, read and compiled at every cold start
    const awsDir = path.join(repoRoot, 'shared/aws');
    for (const file of await readdir(awsDir)) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file === 'clients.ts') continue;
      expect(await readFile(path.join(awsDir, file), 'utf8'), file).not.toMatch(/['"]\.\/sdk\//);
    }
  });

  it('leaves out the credential sources Lambda never uses and the event-stream code', () => {
    const inputs = Object.keys(sdkMetafile.inputs);
    expect(inputs.some((p) => p.includes('@aws-sdk/client-dynamodb/'))).toBe(true);
    for (const unused of [
      '@aws-sdk/nested-clients/',
      '@aws-sdk/credential-provider-node/',
      '@aws-sdk/credential-provider-ini/',
      '@aws-sdk/credential-provider-sso/',
      '@aws-sdk/credential-provider-web-identity/',
      '@smithy/core/dist-es/submodules/event-streams/',
    ])
      expect(
        inputs.filter((p) => p.includes(unused)),
        unused,
      ).toEqual([]);
  });

  it('holds the DynamoDB operations the function sends, not the whole package, though the SDK loads lazily', () => {
    // A lazily imported package entered through its index would bring all of it (shared/aws/lazy.ts)
    const inputs = Object.keys(sdkMetafile.inputs);
    expect(
      inputs.some((p) => p.endsWith('@aws-sdk/client-dynamodb/dist-es/commands/GetItemCommand.js')),
    ).toBe(true);
    for (const unused of [
      '@aws-sdk/client-dynamodb/dist-es/index.js',
      '@aws-sdk/client-dynamodb/dist-es/commands/CreateTableCommand.js',
      '@aws-sdk/lib-dynamodb/dist-es/index.js',
      '@aws-sdk/lib-dynamodb/dist-es/commands/ScanCommand.js',
    ])
      expect(
        inputs.filter((p) => p.endsWith(unused)),
        unused,
      ).toEqual([]);
  });

  describe('against a DynamoDB endpoint that records the requests', () => {
    const requests: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      requests.push(request.headers);
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ Item: { pk: { S: 'probe' }, answer: { N: '42' } } }));
      });
    });
    let endpoint: string;
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const read = `require(${JSON.stringify('BUNDLE')}).readProbe().then((item)=>console.log(JSON.stringify(item)),(e)=>{console.error(e.message);process.exit(1)})`;

    it('signs with the credentials in the environment, session token included', async () => {
      requests.length = 0;
      const result = await runBundle(read.replace('BUNDLE', bundle), {
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
        AWS_ACCESS_KEY_ID: 'AKIDFROMLAMBDAENV',
        AWS_SECRET_ACCESS_KEY: 'secret-from-lambda-env',
        AWS_SESSION_TOKEN: 'session-from-lambda-env',
      });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ pk: 'probe', answer: 42 });
      expect(requests).toHaveLength(1);
      expect(requests[0]!.authorization).toMatch(
        /Credential=AKIDFROMLAMBDAENV\/\d{8}\/eu-west-1\/dynamodb\//,
      );
      expect(requests[0]!['x-amz-security-token']).toBe('session-from-lambda-env');
    });

    it('reads and evaluates the AWS SDK on the first call, not when the function loads', async () => {
      // The SDK's HTTP handler requires node:https when its module is evaluated, and nothing else in
      // the bundle does: a probe for "has the SDK been evaluated yet?"; and is sdk.js loaded at all?
      const script = [
        "const Module=require('node:module');const seen=new Set();const original=Module.prototype.require;",
        "Module.prototype.require=function(id){seen.add(String(id).replace(/^node:/,''));return original.apply(this,arguments)};",
        `const sdkLoaded=()=>Object.keys(require.cache).some((f)=>f.endsWith(${JSON.stringify(`/${SDK_FILE}`)}));`,
        `const probe=require(${JSON.stringify(bundle)});const atLoad=seen.has('https')||sdkLoaded();`,
        "probe.readProbe().then((item)=>console.log(JSON.stringify({atLoad,afterCall:seen.has('https')&&sdkLoaded(),item})),(e)=>{console.error(e.message);process.exit(1)})",
      ].join('');
      const result = await runBundle(script, {
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
        AWS_ACCESS_KEY_ID: 'AKIDFROMLAMBDAENV',
        AWS_SECRET_ACCESS_KEY: 'secret-from-lambda-env',
      });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        atLoad: false,
        afterCall: true,
        item: { pk: 'probe', answer: 42 },
      });
    });

    it('never reads a shared credentials file: without environment credentials it sends nothing', async () => {
      await writeFile(
        path.join(dir, 'credentials'),
        '[default]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = file-secret\n',
      );
      requests.length = 0;
      const result = await runBundle(read.replace('BUNDLE', bundle), {
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/environment variable credentials/);
      expect(requests).toHaveLength(0);
    });
  });

  it('loses no export of any SDK module when it bundles them into one file', async () => {
    const sdkDir = path.join(repoRoot, 'shared/aws/sdk');
    const modules = (await readdir(sdkDir)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
    const all = path.join(dir, 'all-modules');
    await mkdir(all);
    await writeFile(
      path.join(all, 'index.js'),
      modules.map((m) => `require("#shared/aws/sdk/${m}");`).join('\n'),
    );
    const built = await buildSdkFile({ outDir: all, options: esbuildOptions() });
    expect(built?.modules).toEqual([...modules].sort());
    expect(existsSync(path.join(all, SDK_FILE))).toBe(true);
    const bundled = Object.keys(createRequire(import.meta.url)(path.join(all, SDK_FILE)) as object);
    for (const m of modules) {
      const names = Object.keys(await import(`#shared/aws/sdk/${m}`)).filter((n) => n !== 'default');
      expect(names.length, m).toBeGreaterThan(0);
      for (const name of names) expect(bundled, `${m}: ${name}`).toContain(name);
    }
  });

  it('logs an error with its stack mapped to the TypeScript source, without --enable-source-maps', async () => {
    const result = await runBundle(`require(${JSON.stringify(bundle)}).logProbeFailure()`, {
      POWERTOOLS_SERVICE_NAME: 'probe',
    });
    expect(result.code, result.stderr).toBe(0);
    // Powertools writes error entries to stderr (CloudWatch takes both), after the SDK's Node warning
    const entry = `${result.stdout}\n${result.stderr}`
      .split('\n')
      .find((l) => l.startsWith('{"level":"ERROR"'));
    expect(entry, result.stderr).toBeDefined();
    const line = JSON.parse(entry!) as {
      error: { message: string; stack: string };
    };
    expect(line.error.message).toBe('probe failure');
    const source = await readFile(path.join(repoRoot, probeSource), 'utf8');
    const throwLine = source.split('\n').findIndex((l) => l.includes("throw new Error('probe failure')")) + 1;
    const top = line.error.stack.split('\n')[1]!;
    expect(top).toContain(`${probeSource}:${throwLine}:`);
    expect(top).toContain('failInProbe');
    expect(line.error.stack).not.toContain('index.cjs');
  });
});
