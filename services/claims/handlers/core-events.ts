/**
 * POST /v1/integrations/core/events — the insurer's core claim and policy systems, HMAC-signed like
 * the hotline with their own secret. One event as JSON, or a back-fill as NDJSON (at most 500
 * lines). Any invalid event refuses the request with every field error and stores nothing; a known
 * event id is accepted again and stores nothing new.
 */
import * as z from 'zod/mini';
import { CORE_EVENTS_BATCH_MAX } from '#shared/contracts/core-events';
import { PayloadTooLarge } from '#shared/http/errors';
import { verifySignedRequest } from '#shared/http/hotline-signature';
import { httpRoute } from '#shared/middleware/http';
import { dynamoJourneyLog } from '../adapters/dynamo-journey-log';
import { parseCoreEvent, parseCoreEventBatch } from '../domain/core-event';
import { recordCoreEvents } from '../domain/record-events';

const NDJSON = 'application/x-ndjson';

/** Refuses an oversized batch before any line is parsed. */
function countedLines(raw: string): string {
  const lines = raw.split('\n').filter((line) => line.trim() !== '').length;
  if (lines > CORE_EVENTS_BATCH_MAX)
    throw new PayloadTooLarge(
      `A batch takes at most ${CORE_EVENTS_BATCH_MAX} events; this one has ${lines}. Send it in parts.`,
    );
  return raw;
}

export const handler = httpRoute(
  {
    body: z.string(),
    mediaTypes: ['application/json', NDJSON],
    parseBody: countedLines,
    maxBodyBytes: 1024 * 1024,
    verify: (headers, rawBody) => verifySignedRequest('core-events-signing', headers['x-signature'], rawBody),
  },
  async ({ body, headers, requestId }) => {
    const correlationId = headers['x-correlation-id'] ?? requestId;
    if ((headers['content-type'] ?? '').toLowerCase().startsWith(NDJSON)) {
      const summary = await recordCoreEvents(parseCoreEventBatch(body), dynamoJourneyLog, correlationId);
      return { status: 202, body: summary };
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const event = parseCoreEvent(json);
    const summary = await recordCoreEvents([event], dynamoJourneyLog, correlationId);
    return {
      status: 202,
      body: { eventId: event.eventId, status: summary.accepted === 1 ? 'accepted' : 'duplicate' },
    };
  },
);
