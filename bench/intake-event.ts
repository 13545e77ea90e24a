/**
 * The API Gateway (HTTP API, payload 2.0) event of one intake request, built in the bench without
 * an HTTP server: invoking the intake handler with it times what Lambda bills for the request (the
 * handler from its event to its result), apart from the HTTP client and the local API Gateway.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export function httpApiEvent(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): APIGatewayProxyEventV2 {
  const now = new Date();
  const routeKey = `${method} ${path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'localhost', 'user-agent': 'bench', ...headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body,
    isBase64Encoded: false,
  };
}
