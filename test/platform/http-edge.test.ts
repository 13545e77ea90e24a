/**
 * The HTTP edge of the local cloud: routes, the JWT check of the HTTP API authorizer, hotline
 * signatures, problem+json for every rejection, health, and a clear error for a busy port.
 */
import { createServer } from 'node:net';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_HOTLINE_SECRET, signHotlineBody } from '#shared/http/hotline-signature';
import type { LocalCloud } from '../../infra/local/cloud';
import { LOCAL_AUDIENCE } from '../../infra/local/jwt';
import { PortInUseError } from '../../infra/local/ports';
import { fixtureTopology } from '../fixtures/topology';
import { api, startTestCloud } from '../support/local-cloud';

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud(fixtureTopology);
});
afterAll(async () => {
  await cloud?.stop();
});

async function token(body: Record<string, unknown>): Promise<string> {
  const res = await api(cloud, '/dev/token', { method: 'POST', json: body });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

function expectProblem(res: Awaited<ReturnType<typeof api>>, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
}

describe('health and routing', () => {
  it('answers 200 on /health when every part is up', async () => {
    const res = await api(cloud, '/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('answers an unknown route with a 404 problem', async () => {
    expectProblem(await api(cloud, '/v1/nowhere'), 404);
  });

  it('passes path parameters, query strings and the route key like API Gateway', async () => {
    const t = await token({ sub: 'lead-1', role: 'lead', team: 'claims' });
    const res = await api(cloud, '/v1/echo/CMP%2D1?x=1', { headers: { authorization: `Bearer ${t}` } });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('CMP-1');
  });

  it("answers GET /v1/openapi.json, without a token, with the OpenAPI document of the cloud's routes", async () => {
    const res = await api(cloud, '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.servers).toEqual([{ url: cloud.url }]);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([path, byMethod]) =>
      Object.keys(byMethod).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(fixtureTopology.routes.map((r) => `${r.method} ${r.path}`).sort());
  });
});

describe('JWT authorizer', () => {
  it('rejects a missing token with 401', async () => {
    expectProblem(await api(cloud, '/v1/echo/1'), 401);
  });

  it('hands verified claims to the function, which maps groups to the role and team', async () => {
    const t = await token({ sub: 'lead-1', role: 'lead', team: 'claims' });
    const res = await api(cloud, '/v1/echo/1', { headers: { authorization: `Bearer ${t}` } });
    expect(res.body.principal).toEqual({ sub: 'lead-1', role: 'lead', team: 'claims' });
  });

  it('answers 403 for a role the route does not allow', async () => {
    const t = await token({ sub: 'agent-1', role: 'agent', team: 'claims' });
    expectProblem(await api(cloud, '/v1/echo/1', { headers: { authorization: `Bearer ${t}` } }), 403);
  });

  it('rejects a token signed by another key, for another audience, or expired', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('mallory')
      .setIssuer(cloud.identity.issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    expectProblem(await api(cloud, '/v1/echo/1', { headers: { authorization: `Bearer ${forged}` } }), 401);

    const valid = await token({ sub: 'admin-1', role: 'admin' });
    const [header, payload, signature] = valid.split('.');
    const tampered = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    tampered.aud = 'someone-else';
    const retargeted = [header, Buffer.from(JSON.stringify(tampered)).toString('base64url'), signature].join(
      '.',
    );
    expectProblem(
      await api(cloud, '/v1/echo/1', { headers: { authorization: `Bearer ${retargeted}` } }),
      401,
    );

    expect((await api(cloud, '/v1/echo/1', { headers: { authorization: `Bearer ${valid}` } })).status).toBe(
      200,
    );
    await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'PT13H' } });
    expectProblem(await api(cloud, '/v1/echo/1', { headers: { authorization: `Bearer ${valid}` } }), 401);
  });

  it('refuses to issue a token for an unknown role', async () => {
    expectProblem(await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'x', role: 'root' } }), 400);
  });
});

describe('hotline signature', () => {
  const body = JSON.stringify({ callId: 'CALL-1' });
  const now = () => Math.floor(cloud.clock.now().getTime() / 1000);
  const post = (signature: string | undefined, raw = body) =>
    api(cloud, '/v1/integrations/echo', {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', ...(signature ? { 'x-signature': signature } : {}) },
    });

  it('accepts a request signed with the shared secret', async () => {
    const res = await post(signHotlineBody(LOCAL_HOTLINE_SECRET, now(), body));
    expect(res.status).toBe(200);
    expect(res.body.callId).toBe('CALL-1');
  });

  it('rejects a missing, malformed, wrong or stale signature with 401 before reading the body', async () => {
    expectProblem(await post(undefined), 401);
    expectProblem(await post('t=abc,v1=zz'), 401);
    expectProblem(await post(signHotlineBody('wrong-secret', now(), body)), 401);
    expectProblem(await post(signHotlineBody(LOCAL_HOTLINE_SECRET, now() - 301, body)), 401);
    expectProblem(await post(signHotlineBody(LOCAL_HOTLINE_SECRET, now(), body), '{"callId":"CALL-2"}'), 401);
    expectProblem(await post(undefined, '{not json'), 401);
  });
});

describe('request bodies', () => {
  it('answers malformed JSON with 400, a non-JSON media type with 415 and an oversized body with 413', async () => {
    expectProblem(
      await api(cloud, '/v1/echo', {
        method: 'POST',
        body: '{"events":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
    );
    expectProblem(
      await api(cloud, '/v1/echo', {
        method: 'POST',
        body: 'events=1',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
    );
    expectProblem(
      await api(cloud, '/v1/echo', { method: 'POST', json: { events: 1, pad: 'x'.repeat(70_000) } }),
      413,
    );
  });

  it('lists every invalid field at once', async () => {
    const res = await api(cloud, '/v1/echo', { method: 'POST', json: { events: 99, extra: true } });
    expectProblem(res, 400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'body.events',
      'body.extra',
    ]);
  });

  it('sets security headers on every response', async () => {
    const res = await api(cloud, '/v1/echo', { method: 'POST', json: { events: 1 } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toContain('max-age');
  });
});

describe('start-up', () => {
  it('reports a port already in use clearly instead of crashing', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { startLocalCloud } = await import('../../infra/local/cloud');
      const attempt = startLocalCloud({ topology: fixtureTopology, port, sesPort: 0, root: '.' });
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toThrow(`Port ${port} (API) is already in use`);
    } finally {
      blocker.close();
    }
  });
});
