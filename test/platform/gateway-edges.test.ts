/**
 * Requests the local HTTP server sees before any function does answer as API Gateway answers
 * them: 4xx problem+json for broken percent-encoding, an oversized request line and headers, or an
 * oversized body (with the keep-alive connection still usable), and no header a function left
 * `undefined` (middy's `Server`).
 */
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../infra/local/cloud';
import { fixtureTopology } from '../fixtures/topology';
import { api, startTestCloud } from '../support/local-cloud';

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud(fixtureTopology);
});
afterAll(async () => {
  await cloud?.stop();
});

async function bearer(): Promise<string> {
  const res = await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'lead-1', role: 'lead' } });
  return `Bearer ${res.body.token as string}`;
}

function expectProblem(res: Awaited<ReturnType<typeof api>>, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, type: expect.any(String), detail: expect.any(String) });
}

interface RawResponse {
  status: number;
  contentType: string | undefined;
  body: string;
  reusedSocket: boolean;
}

function send(agent: Agent, method: string, path: string, body?: Buffer): Promise<RawResponse> {
  const { port } = new URL(cloud.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body: Buffer.concat(chunks).toString('utf8'),
            reusedSocket: req.reusedSocket,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the local API gateway edge', () => {
  it('answers a path with broken percent-encoding with 400 problem+json', async () => {
    const res = await api(cloud, '/v1/echo/%E0%A4%A', { headers: { authorization: await bearer() } });
    expectProblem(res, 400);
  });

  it('answers a request line over the header quota with 431 problem+json', async () => {
    // just over HTTP API's 10 KiB quota, and past Node's own 16 KiB limit
    for (const size of [11 * 1024, 20 * 1024]) {
      expectProblem(await api(cloud, `/v1/echo/1?pad=${'x'.repeat(size)}`), 431);
    }
  });

  it('answers an oversized body with 413 and keeps the keep-alive connection usable', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const tooLarge = await send(agent, 'POST', '/v1/echo', Buffer.alloc(12 * 1024 * 1024, 0x20));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.contentType).toContain('application/problem+json');
      const next = await send(agent, 'POST', '/v1/echo', Buffer.from('{"events":1}'));
      expect(next.status).toBe(201);
      expect(next.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('hands a body that is not UTF-8 to the function as sent, which refuses it by field', async () => {
    const agent = new Agent();
    try {
      const bytes = Buffer.concat([
        Buffer.from('{"events":1,"note":"a'),
        Buffer.from([0xe0, 0xa4]),
        Buffer.from('"}'),
      ]);
      const res = await send(agent, 'POST', '/v1/echo', bytes);
      expect(res.status).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(JSON.parse(res.body).errors).toContainEqual({
        path: 'body.note',
        message: 'Must be valid UTF-8 text',
      });
    } finally {
      agent.destroy();
    }
  });

  it('sends no header that a function left undefined', async () => {
    const res = await api(cloud, '/v1/echo', { method: 'POST', json: { events: 1 } });
    expect(res.status).toBe(201);
    expect(res.headers.get('server')).toBeNull();
  });
});
