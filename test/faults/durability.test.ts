/**
 * `npm start` promises that data survives a restart. A complaint acknowledged with 201 is still
 * there, with its idempotency record, after the process is SIGKILLed half a second later and
 * started again on the same data directory.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/local-cloud';
import {
  freeLocalProcessPorts,
  killHard,
  type LocalProcess,
  startLocalProcess,
  stopLocalProcess,
} from './support/local-process';

const dataDir = mkdtempSync(join(tmpdir(), 'complaint-care-durability-'));
const started: LocalProcess[] = [];

afterAll(async () => {
  for (const local of started) await stopLocalProcess(local);
  rmSync(dataDir, { recursive: true, force: true });
});

const complaint = {
  customer: { name: 'Durability Check', email: 'durability@example.com' },
  description: 'My claim was acknowledged and then the service crashed.',
  consent: { dataProcessing: true },
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** DynamoDB Local's JVM, which runs in a process group of its own and outlives a killed start. */
const databasePid = () => Number(readFileSync(join(dataDir, 'dynamodb-local.pid'), 'utf8').trim());

function file(url: string, key: string) {
  return fetch(`${url}/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(complaint),
  });
}

describe('an acknowledged complaint after SIGKILL', () => {
  it('is there, with its idempotency record, after a restart on the same data', {
    timeout: 600_000,
  }, async () => {
    const ports = await freeLocalProcessPorts();
    const first = await startLocalProcess(dataDir, ports);
    started.push(first);
    const key = `durability-${Date.now()}`;
    const response = await file(first.url, key);
    expect(response.status).toBe(201);
    const filed = (await response.json()) as { complaintId: string; reference: string };

    // within half a second of the 201, as a crash would: no shutdown hook runs
    const orphan = databasePid();
    await killHard(first);
    // the JVM is not in the killed process's group: it keeps what it acknowledged
    expect(alive(orphan)).toBe(true);

    const second = await startLocalProcess(dataDir, ports);
    started.push(second);
    // the orphaned DynamoDB Local was stopped (cleanly) before the new one opened the file
    expect(alive(orphan)).toBe(false);
    expect(databasePid()).not.toBe(orphan);
    // The first lookup meets a JVM that has just opened the file and is still cold: on a loaded
    // machine it can outlast the status function's 5 s timeout (a 500, as on Lambda). What this
    // test asks is whether the data survived, so it waits for an answer that is not a 5xx.
    const lookup = `${second.url}/v1/complaints/${filed.reference}/status?contact=durability@example.com`;
    const status = await waitFor(async () => {
      const answer = await fetch(lookup);
      return answer.status < 500 ? answer : undefined;
    }, 'the restarted cloud answering the status lookup');
    expect(status.status, `${await status.clone().text()}\n${second.output().slice(-4000)}`).toBe(200);
    const replay = await file(second.url, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toMatchObject({ complaintId: filed.complaintId, reference: filed.reference });
  });
});
