/**
 * Input hygiene at the HTTP edge: NUL, lone surrogates, bytes that are not UTF-8 and duplicate JSON
 * fields are 400 field errors, reported with the schema's own errors, never accepted or mangled.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { httpRoute } from '../middleware/http';
import { duplicateKeyPaths, unsafeTextErrors } from './input-hygiene';

const route = httpRoute(
  {
    body: z.strictObject({
      name: z.string().check(z.minLength(1)),
      items: z.optional(z.array(z.strictObject({ note: z.string() }))),
      count: z.optional(z.number()),
    }),
  },
  async ({ body }) => ({ status: 200, body }),
);

function event(body: string | Buffer): APIGatewayProxyEventV2 {
  const binary = Buffer.isBuffer(body);
  return {
    version: '2.0',
    routeKey: 'POST /v1/test',
    rawPath: '/v1/test',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      requestId: 'r-1',
      http: { method: 'POST' },
    } as APIGatewayProxyEventV2['requestContext'],
    body: binary ? body.toString('base64') : body,
    isBase64Encoded: binary,
  };
}

const context = { functionName: 'test', awsRequestId: 'r-1' } as Context;

async function send(body: string | Buffer) {
  const result = (await route(event(body), context)) as { statusCode: number; body: string };
  return { status: result.statusCode, body: JSON.parse(result.body) as { errors?: { path: string }[] } };
}

const pathsOf = (res: Awaited<ReturnType<typeof send>>) => (res.body.errors ?? []).map((e) => e.path).sort();

describe('text fields', () => {
  it('refuses NUL and lone surrogates with a field error each, alongside schema errors', async () => {
    const res = await send(
      JSON.stringify({ name: 'Ann\u0000', items: [{ note: 'ok' }, { note: 'x\uD800y' }], count: 'x' }),
    );
    expect(res.status).toBe(400);
    expect(pathsOf(res)).toEqual(['body.count', 'body.items.1.note', 'body.name']);
  });

  it('keeps paired surrogates (emoji) and ordinary text', async () => {
    const res = await send(JSON.stringify({ name: 'Ann 😀 李四', items: [{ note: 'tab\there' }] }));
    expect(res.status).toBe(200);
  });

  it('refuses a body that is not UTF-8, naming the field the broken bytes are in', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"Ann'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const res = await send(bytes);
    expect(res.status).toBe(400);
    expect(pathsOf(res)).toEqual(['body.name']);
  });

  it('refuses a field named twice', async () => {
    const res = await send('{"name":"Ann","items":[{"note":"a","note":"b"}],"\\u006eame":"Bob"}');
    expect(res.status).toBe(400);
    expect(pathsOf(res)).toEqual(['body.items.0.note', 'body.name']);
  });

  it('finds every unsafe string whatever the nesting', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('\u0000', '\uD800', '\uDFFF'), (value, bad) => {
        expect(unsafeTextErrors(value)).toEqual([]);
        expect(unsafeTextErrors({ wrapper: [value, `a${bad}b`] })).toEqual([
          { path: 'wrapper.1', message: expect.any(String) },
        ]);
      }),
    );
  });
});

describe('duplicate JSON fields', () => {
  it('finds none in anything JSON.stringify writes, and the one added to any object', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, key) => {
        const text = JSON.stringify(value, null, 1);
        expect(duplicateKeyPaths(text)).toEqual([]);
        const doubled = `{${JSON.stringify(key)}:1, "inner": ${text}, ${JSON.stringify(key)} : 2}`;
        const expected = key === 'inner' ? [['inner']] : [[key]];
        expect(duplicateKeyPaths(doubled)).toEqual(expected);
      }),
    );
  });

  it('does not overflow on deep nesting', () => {
    const deep = `${'['.repeat(50_000)}{"a":1,"a":2}${']'.repeat(50_000)}`;
    expect(duplicateKeyPaths(deep)).toHaveLength(1);
  });
});
