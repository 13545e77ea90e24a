/**
 * CORS on the local API as API Gateway's HTTP API answers it when the API has a CORS
 * configuration: the gateway answers preflights itself, and sets the CORS headers of every other
 * response (replacing any a function set) when the request's `Origin` is allowed.
 */
import { apiCors } from '../cors';

/** Which value `Access-Control-Allow-Origin` takes for this origin, if it is allowed at all. */
function allowedOrigin(origins: readonly string[], origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (origins.includes('*')) return '*';
  return origins.includes(origin) ? origin : undefined;
}

/** A preflight: OPTIONS naming the method it asks for. */
export function isPreflight(method: string | undefined, headers: Record<string, unknown>): boolean {
  return method === 'OPTIONS' && typeof headers['access-control-request-method'] === 'string';
}

/** The headers of the preflight answer (204); none when the origin is not allowed. */
export function preflightHeaders(
  origins: readonly string[],
  origin: string | undefined,
): Record<string, string> {
  const allow = allowedOrigin(origins, origin);
  if (!allow) return {};
  return {
    'access-control-allow-origin': allow,
    'access-control-allow-methods': apiCors.allowMethods.join(','),
    'access-control-allow-headers': apiCors.allowHeaders.join(','),
    'access-control-max-age': String(apiCors.maxAgeSeconds),
  };
}

/** A function's response headers with the gateway's CORS headers in place of any of its own. */
export function withCorsHeaders(
  origins: readonly string[],
  origin: string | undefined,
  headers: Record<string, string>,
): Record<string, string> {
  const own = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith('access-control-')),
  );
  const allow = allowedOrigin(origins, origin);
  if (!allow) return own;
  return {
    ...own,
    'access-control-allow-origin': allow,
    'access-control-expose-headers': apiCors.exposeHeaders.join(','),
  };
}
