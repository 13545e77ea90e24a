/**
 * The API document covers every topology route exactly (no /dev route), says how each is
 * authenticated, and every example in it is valid twice: against the zod contract the handler
 * validates with, and against the JSON Schema the document publishes for it.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ProblemDetails as ProblemSchema } from '#shared/contracts/problem';
import { NotFound, toProblem, ValidationFailed } from '#shared/http/errors';
import { fixtureTopology } from '../../test/fixtures/topology';
import { topology } from '../topology';
import { routeKeyOf } from '../topology-derived';
import { type JsonSchema, openApiDocument, validationProblemExample } from './document';
import { operations } from './operations';

const doc = openApiDocument(topology, { serverUrl: 'https://api.example.com' });
type Operation = JsonSchema & {
  parameters: { name: string; in: string }[];
  security: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  requestBody?: { content: Record<string, Record<string, unknown>> };
};
const paths = doc.paths as Record<string, Record<string, Operation>>;
const components = doc.components as {
  schemas: Record<string, JsonSchema>;
  securitySchemes: Record<string, JsonSchema>;
};
const operationOf = (method: string, path: string) => paths[path]?.[method.toLowerCase()];

// validateFormats off: zod writes its own pattern next to each format it names (email, date)
const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: true });
ajv.addKeyword('x-line-schema');
const published = (name: string) =>
  ajv.getSchema(`schema:${name}`) ?? ajv.compile({ $id: `schema:${name}`, ...components.schemas[name] });
const schemaName = (reference: unknown) =>
  String((reference as { $ref: string }).$ref)
    .split('/')
    .pop()!;
function expectValidAgainstDocument(name: string, value: unknown, what: string) {
  const validate = published(name);
  expect(validate(value), `${what} against ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the server it was made for', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'https://api.example.com' }]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('has every topology route, and nothing else (never a /dev route)', () => {
    const documented = Object.entries(paths).flatMap(([path, byMethod]) =>
      Object.keys(byMethod).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(topology.routes.map(routeKeyOf).sort());
    expect(Object.keys(paths).filter((p) => p.startsWith('/dev'))).toEqual([]);
  });

  it('describes every topology route (and no route the topology does not have), with unique operation ids', () => {
    const keys = topology.routes.map(routeKeyOf);
    expect(keys.filter((k) => !operations[k])).toEqual([]);
    expect(Object.keys(operations).filter((k) => !keys.includes(k))).toEqual([]);
    const ids = Object.values(operations).map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says how each route is authenticated: bearer JWT with its roles, the hotline signature, or nothing', () => {
    for (const route of topology.routes) {
      const op = operationOf(route.method, route.path)!;
      if (route.auth.kind === 'public') expect(op.security, route.path).toEqual([]);
      if (route.auth.kind === 'hotline-signature') expect(op.security).toEqual([{ hotlineSignature: [] }]);
      if (route.auth.kind === 'jwt') {
        expect(op.security).toEqual([{ bearerJwt: [] }]);
        expect(op['x-roles']).toEqual(route.auth.roles);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
      for (const requirement of op.security)
        for (const scheme of Object.keys(requirement))
          expect(components.securitySchemes[scheme]).toBeDefined();
    }
  });

  it('declares every path parameter of every route', () => {
    for (const route of topology.routes) {
      const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = operationOf(route.method, route.path)!
        .parameters.filter((p) => p.in === 'path')
        .map((p) => p.name);
      expect(declared.sort(), route.path).toEqual(names.sort());
    }
  });

  it('answers every 4xx as problem+json of the Problem schema, as shared/http builds them', () => {
    // what shared/http/errors.ts answers is what the document promises
    const answered = [
      toProblem(new ValidationFailed([{ path: 'body.description', message: 'Too short' }])),
      toProblem(new NotFound('No complaint matches this reference and contact.')),
      toProblem(new Error('boom')),
    ];
    for (const problem of answered) {
      expect(ProblemSchema.safeParse(problem).success, JSON.stringify(problem)).toBe(true);
      expectValidAgainstDocument('Problem', problem, problem.type);
    }
    for (const route of topology.routes) {
      const op = operationOf(route.method, route.path)!;
      const problems = Object.entries(op.responses).filter(([status]) => status.startsWith('4'));
      expect(problems.map(([s]) => s)).toContain('400');
      for (const [, response] of problems)
        expect(response.content?.['application/problem+json']?.schema).toEqual({
          $ref: '#/components/schemas/Problem',
        });
    }
    expect(ProblemSchema.safeParse(validationProblemExample).success).toBe(true);
    expectValidAgainstDocument('Problem', validationProblemExample, 'the 400 example');
  });

  it('resolves every schema reference', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((name) => !components.schemas[name])).toEqual([]);
  });

  it('publishes JSON Schemas that compile', () => {
    for (const name of Object.keys(components.schemas)) expect(() => published(name), name).not.toThrow();
  });

  describe('every example validates against its contract and the published schema', () => {
    const bodies = Object.entries(operations).filter(([, o]) => o.body);
    it.each(bodies)('%s', (key, operation) => {
      const [method, path] = key.split(' ') as [string, string];
      const content = operationOf(method, path)!.requestBody!.content;
      const body = operation.body!;
      if (body.kind === 'json') {
        const media = content['application/json']!;
        expect(media.examples).toEqual(body.examples);
        expect(Object.keys(body.examples).length).toBeGreaterThan(0);
        for (const [name, example] of Object.entries(body.examples)) {
          const parsed = body.schema.safeParse(example.value);
          expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
          expectValidAgainstDocument(schemaName(media.schema), example.value, name);
        }
      } else if (body.kind === 'json-by-variant') {
        const media = content['application/json']!;
        expect(media.examples).toEqual(body.examples);
        // one example per variant, each valid for its own variant
        expect(Object.keys(body.examples).sort()).toEqual(Object.keys(body.variants).sort());
        const anyOf = (media.schema as { anyOf: unknown[] }).anyOf.map(schemaName);
        for (const [variant, example] of Object.entries(body.examples)) {
          const parsed = body.variants[variant]!.safeParse(example.value);
          expect(parsed.success, `${variant}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
          expect(anyOf).toContain(`${body.namePrefix}${variant}`);
          expectValidAgainstDocument(`${body.namePrefix}${variant}`, example.value, variant);
        }
      } else {
        const media = content['application/x-ndjson']!;
        for (const [name, example] of Object.entries(body.examples)) {
          const lines = String((media.examples as Record<string, { value: string }>)[name]!.value)
            .split('\n')
            .filter(Boolean);
          expect(lines.map((l) => JSON.parse(l))).toEqual(example.value);
          for (const [i, line] of example.value.entries()) {
            const parsed = body.lineSchema.safeParse(line);
            expect(parsed.success, `${name} line ${i + 1}: ${JSON.stringify(parsed.error?.issues)}`).toBe(
              true,
            );
            expectValidAgainstDocument(schemaName(media['x-line-schema']), line, `${name} line ${i + 1}`);
          }
        }
      }
    });
  });

  it('is made for any topology: the fixture routes, with their auth, and nothing of the product', () => {
    const fixture = openApiDocument(fixtureTopology);
    const fixturePaths = fixture.paths as Record<string, Record<string, Operation>>;
    expect(Object.keys(fixturePaths).sort()).toEqual(
      [...new Set(fixtureTopology.routes.map((r) => r.path))].sort(),
    );
    expect(fixturePaths['/v1/echo/{id}']?.get?.security).toEqual([{ bearerJwt: [] }]);
    expect(fixturePaths['/v1/echo/{id}']?.get?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
  });
});
