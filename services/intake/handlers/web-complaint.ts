/** POST /v1/complaints — the public web form. */
import { IdempotencyKey, WebComplaintRequest } from '#shared/contracts/complaint-requests';
import { ValidationFailed } from '#shared/http/errors';
import { httpRoute } from '#shared/middleware/http';
import { intakeDeps } from '../adapters/deps';
import { fileComplaint } from '../domain/file-complaint';
import { correlationIdOf, filedResponse } from './http-common';

export const handler = httpRoute({ body: WebComplaintRequest }, async ({ body, headers, requestId }) => {
  const idempotencyKey = headers['idempotency-key'];
  if (idempotencyKey !== undefined && !IdempotencyKey.safeParse(idempotencyKey).success) {
    throw new ValidationFailed([
      { path: 'headers.idempotency-key', message: 'Must be 1-200 printable ASCII characters' },
    ]);
  }
  const correlationId = correlationIdOf(headers, requestId);
  const result = await fileComplaint(
    { channel: 'web', request: body, idempotencyKey, correlationId },
    intakeDeps,
  );
  return filedResponse(result, correlationId);
});
