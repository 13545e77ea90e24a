/** Starts a local cloud for one test file and offers the small helpers platform tests share. */
import { request } from 'node:http';
import { resolve } from 'node:path';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../infra/local/cloud';
import type { Topology } from '../../infra/topology-types';
import { workerDynamoEndpoint } from './shared-dynamodb';

export const repoRoot = resolve(import.meta.dirname, '../..');

export function startTestCloud(
  topology: Topology,
  overrides: {
    visibilityTimeoutSeconds?: number;
    webDir?: string;
    consoleDir?: string;
    faults?: boolean;
  } = {},
): Promise<LocalCloud> {
  return startLocalCloud({
    topology,
    port: 0,
    sesPort: 0,
    root: repoRoot,
    visibilityTimeoutSeconds: overrides.visibilityTimeoutSeconds ?? 1,
    webDir: overrides.webDir,
    consoleDir: overrides.consoleDir,
    faults: overrides.faults,
    // this worker's DynamoDB Local (shared-dynamodb.ts), started by vitest's global setup
    sharedDynamoEndpoint: workerDynamoEndpoint(inject('sharedDynamoEndpoints')),
  });
}

/**
 * The topology without the named schedules, for a test whose clock moves span weeks and which looks
 * at nothing those schedules do. The local scheduler runs a schedule rarer than the sweeps once per
 * occurrence a move skips, one run after another: the hourly care planner runs 720 times for a month
 * of clock (tens of seconds on a busy machine) and plans nothing on a cloud without customers. Each
 * name must be one of the topology's schedules, so a renamed schedule fails here instead of running
 * again unnoticed.
 */
export function withoutSchedules(topology: Topology, ...names: readonly string[]): Topology {
  const unknown = names.filter((name) => !topology.schedules.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`no schedule named ${unknown.join(', ')}`);
  return { ...topology, schedules: topology.schedules.filter((s) => !names.includes(s.name)) };
}

/**
 * Polls `probe` until it answers. The default deadline is generous: on a busy 2-core machine a
 * flow through several queues takes tens of seconds, and a deadline only turns a hang into a
 * failure that names what it waited for.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Items of one partition, as plain objects with string/number attributes. */
export async function partition(
  cloud: LocalCloud,
  table: string,
  pk: string,
): Promise<Record<string, string | number>[]> {
  const result = await cloud.dynamo.send(
    new QueryCommand({
      TableName: cloud.tableNames[table],
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: pk } },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map((item) => {
    const out: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(item)) out[k] = v.N !== undefined ? Number(v.N) : (v.S ?? '');
    return out;
  });
}

export async function api(cloud: LocalCloud, path: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const response = await fetch(`${cloud.url}${path}`, { ...init, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed as Record<string, unknown> };
}

/**
 * `POST /dev/clock` without fetch's 300-second wait for the answer's headers. The route answers once
 * every scheduled occurrence the move skipped has run and the cloud has settled (or 504 after two
 * minutes of not settling), and a long jump runs the hourly care planner once per hour it skips:
 * 76 days are 1,824 runs, which take longer than that beside another heavy file on a busy 2-core
 * machine. The test's own timeout still bounds it.
 */
export function moveClock(
  cloud: LocalCloud,
  move: { set: string } | { advance: string },
): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const body = JSON.stringify(move);
    const req = request(
      `${cloud.url}/dev/clock`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}
