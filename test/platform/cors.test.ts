/**
 * CORS on the local API is the gateway's, as on API Gateway with a CORS configuration: it answers
 * preflights itself and adds the CORS headers to a response when the request's origin is allowed,
 * from the one policy CDK gives the HTTP API (infra/cors.ts). The functions set none of their own
 * (a request without an Origin gets no CORS header at all).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCors } from '../../infra/cors';
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

const origin = 'https://complaints.example.com';

describe('CORS on the local API', () => {
  it('answers a preflight with the API policy', async () => {
    const res = await fetch(`${cloud.url}/v1/echo`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe(apiCors.allowMethods.join(','));
    expect(res.headers.get('access-control-allow-headers')).toBe(apiCors.allowHeaders.join(','));
  });

  it('adds the headers to a response for a cross-origin request', async () => {
    // answered by the function (a field error), not by the gateway
    const res = await api(cloud, '/v1/echo', { method: 'POST', json: {}, headers: { origin } });
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe(apiCors.exposeHeaders.join(','));
  });

  it('leaves a same-origin request (no Origin) without CORS headers: the function sets none', async () => {
    const res = await api(cloud, '/v1/echo', { method: 'POST', json: {} });
    expect(res.status).toBe(400);
    expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});
