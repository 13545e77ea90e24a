/**
 * Issue 13's fault suite, the crash: the local cloud (its Node process and DynamoDB Local's JVM)
 * is SIGKILLed in the middle of a burst of complaints and started again on the same data. Every
 * complaint that was answered 201 survives, reaches triage and SLA, and gets exactly one
 * acknowledgement with its deadline. The mailbox runs in this test process, so mail sent before
 * the kill is still counted after it; posts cut off by the kill are retried with their
 * Idempotency-Key, as a browser would. An acknowledgement claimed but not yet recorded when the
 * kill came is resolved after its claim's lease by what the mailbox (SES) accepted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sesModule from 'aws-ses-v2-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopOrphanedDynamoDbLocal } from '../../infra/local/emulators';
import type { StoredEmail } from '../../services/notify/test/mailbox';
import { awaitOutcome, type FiledComplaint, fileComplaint, reportFigures } from './support/complaints';
import { type CloudProcess, startCloudProcess } from './support/killable-cloud';

const COMPLAINTS = 40;
/** The kill comes once this many complaints were accepted, with the rest still being posted. */
const KILL_AFTER = 12;

// aws-ses-v2-local is CommonJS with an ES-style default export (as in infra/local/emulators.ts)
const sesServer = ((sesModule as unknown as { default: { default?: unknown } }).default.default ??
  sesModule.default) as typeof sesModule.default;

let dataDir: string;
let mailboxServer: Server;
let mailboxUrl: string;
let cloud: CloudProcess | undefined;

const mailbox = async () =>
  ((await (await fetch(`${mailboxUrl}/store`)).json()) as { emails: StoredEmail[] }).emails;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fault-crash-'));
  mailboxServer = (await sesServer({ host: '127.0.0.1', port: 0 })) as Server;
  const address = mailboxServer.address();
  mailboxUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 60_000);
afterAll(async () => {
  await cloud?.kill();
  await stopOrphanedDynamoDbLocal(dataDir);
  await new Promise<void>((r) => mailboxServer?.close(() => r()));
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A claim lease of 20 s rather than 90: every claim made before the kill belongs to a process that
 * is gone, and nothing in this cloud holds a claim for long (permits are waited for before it), so
 * the sweep resolves orphaned claims from SES's store within the test's patience.
 */
const start = () =>
  startCloudProcess({
    FAULT_DATA_DIR: dataDir,
    FAULT_MAILBOX_URL: mailboxUrl,
    NOTIFY_CLAIM_LEASE_SECONDS: '20',
  });

/** Nothing new arrives for a few polls: the restarted cloud has worked through its backlog. */
async function quiet(): Promise<void> {
  let last = -1;
  let stable = 0;
  const deadline = Date.now() + 60_000;
  while (stable < 5 && Date.now() < deadline) {
    const count = (await mailbox()).length;
    stable = count === last ? stable + 1 : 0;
    last = count;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe('the fault suite: SIGKILL mid-burst', () => {
  it('keeps every accepted complaint and acknowledges each exactly once, with its deadline', {
    timeout: 600_000,
  }, async () => {
    cloud = await start();
    let apiUrl = cloud.url;
    const filed: FiledComplaint[] = [];
    let next = 0;
    let killed: Promise<void> | undefined;
    const restart = async () => {
      await cloud!.kill();
      cloud = await start();
      apiUrl = cloud.url;
    };
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < COMPLAINTS) {
          const index = next++;
          const complaint = await fileComplaint(() => apiUrl, `crash-${index}@example.com`, index, 300_000);
          filed.push(complaint);
          if (filed.length === KILL_AFTER) killed = restart();
        }
      }),
    );
    await killed;
    expect(filed).toHaveLength(COMPLAINTS);

    // the deferred sweep, which resolves claims whose owner the kill took, runs every 5 minutes;
    // the test runs it on every poll instead
    const sweep = () => fetch(`${apiUrl}/dev/schedules/notify-deferred-sweep/run`, { method: 'POST' });
    const outcome = await awaitOutcome(apiUrl, filed, mailbox, quiet, 120_000, sweep);
    reportFigures('SIGKILL mid-burst', { sigkills: 1 }, outcome);
    expect(outcome.lost).toEqual([]);
    expect(outcome.doubled).toEqual([]);
    expect(outcome.withoutDeadline).toEqual([]);
  });
});
