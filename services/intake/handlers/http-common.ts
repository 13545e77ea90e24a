/** Intake's HTTP conventions: correlation ids and log keys that never include personal data. */
import { logger } from '#shared/observability/logger';
import type { FileComplaintResult } from '../domain/file-complaint';

const CORRELATION_ID = /^[\w.:-]{1,100}$/;

/** A caller's `X-Correlation-Id` when it is well-formed, otherwise the API request id. */
export function correlationIdOf(
  headers: Readonly<Record<string, string | undefined>>,
  requestId: string,
): string {
  const given = headers['x-correlation-id'];
  return given && CORRELATION_ID.test(given) ? given : requestId;
}

export function filedResponse({ filed, replayed }: FileComplaintResult, correlationId: string) {
  logger.appendKeys({ complaintId: filed.complaintId, reference: filed.reference, correlationId });
  logger.info(replayed ? 'complaint request replayed' : 'complaint filed');
  return {
    status: 201,
    body: filed,
    headers: {
      location: `/v1/complaints/${filed.reference}/status`,
      'x-correlation-id': correlationId,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  };
}
