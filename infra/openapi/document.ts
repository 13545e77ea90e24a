/**
 * The HTTP API as an OpenAPI 3.1 document, generated from the topology's routes (method, path,
 * auth) and the zod contracts the handlers validate with (infra/openapi/operations.ts), through
 * zod 4's JSON Schema output. The local cloud answers `GET /v1/openapi.json` with it and the CDK
 * deploys it with the web pages, so it never drifts from what the handlers accept.
 *
 * Answers are described by the response contracts next to each service's domain (case-responses.ts,
 * care-responses.ts, intake-responses.ts), as their output side.
 *
 * Request schemas are the contracts' input side (`io: 'input'`): what a client may send, before the
 * handlers trim, lower-case or default it. Checks that JSON Schema cannot say (a resident ID's check
 * character, a real calendar date, an IANA time zone, a phone number) become their plain type
 * (`unrepresentable: 'any'`): the document is never stricter than the API, only the API is.
 */
import * as z from 'zod/mini';
import { ProblemDetails } from '#shared/contracts/problem';
import { routeKeyOf } from '../topology-derived';
import type { RouteSpec, Topology } from '../topology-types';
import { type BodyDoc, type OperationDoc, operations } from './operations';

export const OPENAPI_PATH = '/v1/openapi.json';

export type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod contract, without its `$schema` line. */
export function jsonSchemaOf(schema: z.ZodMiniType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

const PROBLEM_TITLES: Record<number, string> = {
  400: 'Invalid request: every field error is in `errors`',
  401: 'Authentication required',
  403: "The caller's role may not use this operation",
  404: 'Not found',
  409: 'Not possible in the current state',
  412: 'Stale `If-Match`: read again',
  413: 'Payload too large',
  415: 'Unsupported media type',
  428: '`If-Match` required',
  429: 'Too many requests',
};

/** An example 400, as shared/http/errors.ts words it. */
export const validationProblemExample = {
  type: 'https://complaint-care.example/problems/validation',
  title: 'Invalid request',
  status: 400,
  detail: 'The request has invalid fields.',
  errors: [
    { path: 'body.customer.phone', message: 'Give a phone number or an email address so we can reply' },
    { path: 'body.description', message: 'Too small: expected string to have >=10 characters' },
  ],
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const pathNames = (path: string) => [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]!);

function parametersOf(route: RouteSpec, doc: OperationDoc | undefined): JsonSchema[] {
  const fromSchema = (where: 'path' | 'query', schema: z.ZodMiniType | undefined) => {
    if (!schema) return [];
    const json = jsonSchemaOf(schema);
    const required = new Set((json.required as string[] | undefined) ?? []);
    return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([name, s]) => ({
      name,
      in: where,
      required: where === 'path' || required.has(name),
      schema: s,
    }));
  };
  const path = fromSchema('path', doc?.path);
  // a path parameter the handler does not validate is still part of the path
  for (const name of pathNames(route.path)) {
    if (!path.some((p) => p.name === name))
      path.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  const headers = (doc?.headers ?? []).map((h) => ({
    name: h.name,
    in: 'header',
    required: false,
    description: h.description,
    schema: jsonSchemaOf(h.schema),
  }));
  return [...path, ...fromSchema('query', doc?.query), ...headers];
}

function requestBodyOf(body: BodyDoc, schemas: Record<string, JsonSchema>): JsonSchema {
  if (body.kind === 'json') {
    schemas[body.name] = jsonSchemaOf(body.schema);
    return {
      required: true,
      content: { 'application/json': { schema: ref(body.name), examples: body.examples } },
    };
  }
  if (body.kind === 'json-by-variant') {
    const names = Object.keys(body.variants).map((variant) => {
      schemas[`${body.namePrefix}${variant}`] = jsonSchemaOf(body.variants[variant]!);
      return `${body.namePrefix}${variant}`;
    });
    return {
      // a variant may take no body at all (e.g. close)
      required: false,
      description: `The body of the \`${body.parameter}\` in the path: \`${body.namePrefix}<${body.parameter}>\`.`,
      content: { 'application/json': { schema: { anyOf: names.map(ref) }, examples: body.examples } },
    };
  }
  schemas[body.name] = jsonSchemaOf(body.lineSchema);
  const examples = Object.fromEntries(
    Object.entries(body.examples).map(([name, e]) => [
      name,
      { summary: e.summary, value: `${e.value.map((line) => JSON.stringify(line)).join('\n')}\n` },
    ]),
  );
  return {
    required: true,
    description: `One \`${body.name}\` (JSON) per line.`,
    content: {
      'application/x-ndjson': {
        schema: { type: 'string', description: `Lines of ${body.name}` },
        'x-line-schema': ref(body.name),
        examples,
      },
    },
  };
}

function problemsOf(route: RouteSpec, doc: OperationDoc | undefined): number[] {
  const statuses = new Set<number>([400, ...(doc?.problems ?? [])]);
  if (route.auth.kind === 'jwt') for (const s of [401, 403]) statuses.add(s);
  if (route.auth.kind === 'hotline-signature' || route.auth.kind === 'core-events-signature')
    statuses.add(401);
  if (pathNames(route.path).length > 0) statuses.add(404);
  if (route.throttle) statuses.add(429);
  return [...statuses].sort();
}

function operationOf(route: RouteSpec, topology: Topology, schemas: Record<string, JsonSchema>): JsonSchema {
  const doc = operations[routeKeyOf(route)];
  const success = doc?.success ?? { status: 200, description: 'Done' };
  // answers are the contracts' output side: what a client receives
  if (doc?.success.schema)
    schemas[doc.success.schema.name] = jsonSchemaOf(doc.success.schema.schema, 'output');
  const responses: Record<string, JsonSchema> = {
    [success.status]: {
      description: success.description,
      content: Object.fromEntries(
        (success.mediaTypes ?? ['application/json']).map((type) => [
          type,
          type !== 'application/json'
            ? { schema: { type: 'string' } }
            : success.schema
              ? { schema: ref(success.schema.name) }
              : {},
        ]),
      ),
    },
  };
  for (const status of problemsOf(route, doc)) {
    responses[status] = {
      description: PROBLEM_TITLES[status] ?? 'Problem',
      content: {
        'application/problem+json': {
          schema: ref('Problem'),
          ...(status === 400 ? { example: validationProblemExample } : {}),
        },
      },
    };
  }
  const roles = route.auth.kind === 'jwt' ? route.auth.roles : undefined;
  return {
    operationId:
      doc?.operationId ??
      `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c = '') => c.toUpperCase())}`,
    summary: doc?.summary ?? `${route.method} ${route.path}`,
    ...(doc?.description || roles
      ? { description: [doc?.description, roles && `Roles: ${roles.join(', ')}.`].filter(Boolean).join(' ') }
      : {}),
    tags: [topology.functions[route.function]?.service ?? 'platform'],
    security:
      route.auth.kind === 'public'
        ? []
        : route.auth.kind === 'jwt'
          ? [{ bearerJwt: [] }]
          : route.auth.kind === 'core-events-signature'
            ? [{ coreEventsSignature: [] }]
            : [{ hotlineSignature: [] }],
    ...(roles ? { 'x-roles': roles } : {}),
    parameters: parametersOf(route, doc),
    ...(doc?.body ? { requestBody: requestBodyOf(doc.body, schemas) } : {}),
    responses,
  };
}

export interface OpenApiOptions {
  /** The API's base URL (the stage's HTTP API, or the local cloud). */
  readonly serverUrl?: string;
}

/** The document of every route of the topology (and nothing else: /dev routes are never in one). */
export function openApiDocument(topology: Topology, options: OpenApiOptions = {}): JsonSchema {
  const schemas: Record<string, JsonSchema> = { Problem: jsonSchemaOf(ProblemDetails, 'output') };
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of topology.routes) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operationOf(route, topology, schemas);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Complaint & Care HTTP API',
      version: '1',
      description:
        'Errors are RFC 9457 `application/problem+json`. Generated from the zod contracts the handlers ' +
        'validate with; checks JSON Schema cannot express are enforced by the API only.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: [...new Set(topology.routes.map((r) => topology.functions[r.function]?.service ?? 'platform'))]
      .sort()
      .map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearerJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A Cognito ID token (locally: POST /dev/token). Its `cognito:groups` give the role, `custom:team` the team.',
        },
        hotlineSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description: '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the hotline secret.',
        },
        coreEventsSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description:
            '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the core events secret.',
        },
      },
    },
  };
}
