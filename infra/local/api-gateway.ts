/**
 * The HTTP API, locally: matches a request to a topology route, verifies the JWT for jwt routes
 * (401 problem+json otherwise), and invokes the function with an API Gateway HTTP API v2
 * (payload 2.0) event built the way API Gateway builds it.
 */

import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { MalformedRequest } from '#shared/http/errors';
import type { RouteSpec, Topology } from '../topology-types';

/** API Gateway's payload limit. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** HTTP API's quota for the request line and headers together; larger requests never reach a function. */
export const MAX_REQUEST_HEADER_BYTES = 10 * 1024;

const TEXTUAL = /^(text\/|application\/(json|.*\+json|x-ndjson|xml|x-www-form-urlencoded|javascript))/i;

export interface MatchedRoute {
  readonly route: RouteSpec;
  readonly pathParameters: Record<string, string>;
}

interface CompiledRoute {
  readonly route: RouteSpec;
  readonly regex: RegExp;
  readonly names: string[];
}

export class RouteTable {
  readonly #routes: CompiledRoute[];

  constructor(topology: Topology) {
    this.#routes = topology.routes.map((route) => {
      const names: string[] = [];
      const pattern = route.path
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\\?\{([^}]+?)(\\\+)?\}/g, (_, name: string, greedy) => {
          names.push(name);
          return greedy ? '(.+)' : '([^/]+)';
        });
      return { route, regex: new RegExp(`^${pattern}$`), names };
    });
  }

  /** The route for method and path; `methodMismatch` when the path exists under another method. */
  match(method: string, path: string): MatchedRoute | 'methodMismatch' | undefined {
    let pathExists = false;
    for (const { route, regex, names } of this.#routes) {
      const m = regex.exec(path);
      if (!m) continue;
      pathExists = true;
      if (route.method !== method) continue;
      const pathParameters: Record<string, string> = {};
      names.forEach((name, i) => {
        pathParameters[name] = decodePathSegment(m[i + 1]!);
      });
      return { route, pathParameters };
    }
    return pathExists ? 'methodMismatch' : undefined;
  }
}

/** A path with broken percent-encoding is the client's mistake: 400, as API Gateway answers it. */
function decodePathSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new MalformedRequest('The path has an invalid percent-encoding.');
  }
}

export function toHttpApiEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  matched: MatchedRoute,
  claims: Record<string, string> | undefined,
  now: Date,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    if (!value) continue;
    if (name === 'cookie') cookies = value.flatMap((v) => v.split(/;\s*/));
    else headers[name] = value.join(',');
  }
  const query: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join(',');
  // Bytes that are not UTF-8 travel base64-encoded, so the function sees them as sent and can refuse
  // them, instead of a text body where they already became U+FFFD.
  const textual =
    body.length === 0 || (TEXTUAL.test(headers['content-type'] ?? 'application/json') && isUtf8(body));
  const routeKey = `${matched.route.method} ${matched.route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies,
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: Object.keys(matched.pathParameters).length > 0 ? matched.pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    body: body.length === 0 ? undefined : textual ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: !textual,
    stageVariables: undefined,
  };
}

/**
 * A string result is, as on API Gateway, a 200 JSON body. Lambda hands API Gateway the result as
 * JSON, so what JSON drops (a header set to `undefined`, e.g. middy's `Server`) is dropped here too.
 */
export function fromHandlerResult(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (typeof result === 'string')
    return { statusCode: 200, body: result, headers: { 'content-type': 'application/json' } };
  if (result === undefined || result === null) return { statusCode: 200 };
  return JSON.parse(JSON.stringify(result)) as APIGatewayProxyStructuredResultV2;
}
