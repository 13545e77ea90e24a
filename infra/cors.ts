/**
 * The HTTP API's CORS policy, answered by API Gateway itself (never by the functions): CDK gives it
 * to the HTTP API with the stage's web origins, and the local cloud answers the same way with the
 * local stage's origins (infra/local/cors.ts). The complaint form posts JSON to the API's own
 * domain, cross-origin on AWS.
 */
export const apiCors = {
  allowMethods: ['GET', 'POST', 'PUT'],
  allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
  exposeHeaders: ['etag', 'location'],
  maxAgeSeconds: 24 * 60 * 60,
} as const;
