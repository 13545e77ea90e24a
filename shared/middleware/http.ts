/**
 * The middleware stack for HTTP API routes: security headers, problem+json errors, JSON body
 * parsing with size and media-type checks, zod validation of body, query and path, and the
 * caller's role checked against the topology's route declaration. A handler gets a typed request
 * and returns a status and a body; no client input can produce a 5xx. CORS is answered by the HTTP
 * API itself (infra/cors.ts), never here.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { Role } from '../contracts/roles';
import { decodeUtf8, duplicateKeyErrors, invalidUtf8Errors } from '../domain/input-hygiene';
import { ENV } from '../env';
import {
  Forbidden,
  MalformedRequest,
  PayloadTooLarge,
  problemHeaders,
  toProblem,
  Unauthenticated,
  UnsupportedMediaType,
  ValidationFailed,
} from '../http/errors';
import { type Principal, principalOf } from '../http/principal';
import { parseOrThrow } from '../http/validation';
import { logger } from '../observability/logger';
import { flushMetrics } from './common';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface HttpRequest<B, Q, P> {
  readonly body: B;
  readonly query: Q;
  readonly path: P;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: string;
  readonly principal: Principal | undefined;
  readonly routeKey: string;
  readonly requestId: string;
  /** The client's address as API Gateway saw it (per-client limits; never logged). */
  readonly sourceIp: string;
}

export interface HttpResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Already-serialised body (CSV, NDJSON); `contentType` says what it is. */
  readonly text?: string;
  readonly contentType?: string;
}

export interface RouteOptions<B extends z.ZodMiniType, Q extends z.ZodMiniType, P extends z.ZodMiniType> {
  readonly body?: B;
  readonly query?: Q;
  readonly path?: P;
  readonly maxBodyBytes?: number;
  /** Media types the body may have; JSON unless the route says otherwise. */
  readonly mediaTypes?: readonly string[];
  /** Parses the raw text; JSON unless the route says otherwise (e.g. NDJSON import). */
  readonly parseBody?: (raw: string) => unknown;
  /**
   * Content-Security-Policy directives that differ from the strict default, for the few routes
   * that answer an HTML page (e.g. the unsubscribe confirmation, whose form must be allowed to post).
   */
  readonly contentSecurityPolicy?: Readonly<Record<string, string>>;
  /** Authenticates the raw request before anything is parsed (e.g. the hotline's HMAC signature). */
  readonly verify?: (headers: Readonly<Record<string, string | undefined>>, rawBody: string) => Promise<void>;
}

type Infer<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;

function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The body as text, and whether its bytes were UTF-8 (a base64 body may not be). */
function decodeBody(event: APIGatewayProxyEventV2): { text: string; validUtf8: boolean } {
  if (!event.body) return { text: '', validUtf8: true };
  if (!event.isBase64Encoded) return { text: event.body, validUtf8: true };
  const decoded = decodeUtf8(Buffer.from(event.body, 'base64'));
  return { text: decoded.text, validUtf8: decoded.valid };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new MalformedRequest('The body is not valid JSON.');
  }
}

/** Roles per route key, derived from the topology and handed to functions by CDK / the local cloud. */
let routeRoles: Record<string, readonly Role[]> | undefined;
function rolesFor(routeKey: string): readonly Role[] | undefined {
  routeRoles ??= JSON.parse(process.env[ENV.routeRoles] ?? '{}') as Record<string, readonly Role[]>;
  return routeRoles[routeKey];
}

function authorize(routeKey: string, principal: Principal | undefined): void {
  const allowed = rolesFor(routeKey);
  if (!allowed) return;
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  if (!allowed.includes(principal.role)) throw new Forbidden('Your role may not use this operation.');
}

export function toResponse(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  const hasJson = result.body !== undefined;
  return {
    statusCode: result.status,
    headers: {
      ...(hasJson ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      ...(result.text !== undefined
        ? { 'content-type': result.contentType ?? 'text/plain; charset=utf-8' }
        : {}),
      ...result.headers,
    },
    body: hasJson ? JSON.stringify(result.body) : (result.text ?? ''),
  };
}

const problemResponses: middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = {
  onError: async (request) => {
    const problem = toProblem(request.error);
    if (problem.status >= 500) logger.error('request failed', { error: request.error as Error });
    else logger.info('request rejected', { status: problem.status, problem: problem.type });
    request.response = {
      statusCode: problem.status,
      headers: {
        'content-type': 'application/problem+json; charset=utf-8',
        ...problemHeaders(request.error),
      },
      body: JSON.stringify(problem),
    };
  },
};

export function httpRoute<
  B extends z.ZodMiniType = never,
  Q extends z.ZodMiniType = never,
  P extends z.ZodMiniType = never,
>(
  options: RouteOptions<B, Q, P>,
  handle: (request: HttpRequest<Infer<B>, Infer<Q>, Infer<P>>) => Promise<HttpResult>,
) {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const mediaTypes = options.mediaTypes ?? ['application/json'];
  const parseBody = options.parseBody ?? parseJson;

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics)
    .use(
      httpSecurityHeaders(
        options.contentSecurityPolicy && { contentSecurityPolicy: { ...options.contentSecurityPolicy } },
      ),
    )
    .use(problemResponses)
    .handler(async (event) => {
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
      const principal = principalOf(event);
      authorize(event.routeKey, principal);

      const { text: rawBody, validUtf8 } = decodeBody(event);
      if (Buffer.byteLength(rawBody, 'utf8') > maxBytes) {
        throw new PayloadTooLarge(`The body must not exceed ${maxBytes} bytes.`);
      }
      await options.verify?.(headers, rawBody);
      let body: unknown;
      if (options.body) {
        // an empty body has no media type to check; the schema decides whether it may be empty
        if (rawBody !== '' && !mediaTypes.includes(mediaTypeOf(headers['content-type']))) {
          throw new UnsupportedMediaType(`Send the body as ${mediaTypes.join(' or ')}.`);
        }
        if (!validUtf8) {
          let leniently: unknown;
          try {
            leniently = parseBody(rawBody);
          } catch {
            leniently = undefined;
          }
          throw new ValidationFailed(invalidUtf8Errors(leniently, ['body']));
        }
        // a route with its own parser (e.g. NDJSON) checks its lines itself
        const json = options.parseBody === undefined;
        body = parseOrThrow(options.body, rawBody === '' ? undefined : parseBody(rawBody), 'body', {
          errors: json && rawBody !== '' ? duplicateKeyErrors(rawBody, ['body']) : [],
          checkText: json,
        });
      }
      const query = options.query
        ? parseOrThrow(options.query, event.queryStringParameters ?? {}, 'query')
        : undefined;
      const path = options.path ? parseOrThrow(options.path, event.pathParameters ?? {}, 'path') : undefined;

      const result = await handle({
        body: body as Infer<B>,
        query: query as Infer<Q>,
        path: path as Infer<P>,
        headers,
        rawBody,
        principal,
        routeKey: event.routeKey,
        requestId: event.requestContext.requestId,
        sourceIp: event.requestContext.http.sourceIp,
      });
      return toResponse(result);
    });
}

/**
 * A route for signed-in staff: the topology gives it roles, `httpRoute` has checked the caller's
 * against them, and the handler always has the caller.
 */
export function staffRoute<
  B extends z.ZodMiniType = never,
  Q extends z.ZodMiniType = never,
  P extends z.ZodMiniType = never,
>(
  options: RouteOptions<B, Q, P>,
  handle: (
    request: HttpRequest<Infer<B>, Infer<Q>, Infer<P>> & { readonly principal: Principal },
  ) => Promise<HttpResult>,
) {
  return httpRoute(options, (request) => {
    const { principal } = request;
    // a route the topology declared without roles would reach here unauthenticated
    if (!principal) throw new Unauthenticated('A valid bearer token is required.');
    return handle({ ...request, principal });
  });
}
