/**
 * POST /v1/events (admins), GET /v1/events/{eventId} (the event and its counts; leads and admins)
 * and POST /v1/events/{eventId}/check-in (staff at the door). A check-in marks the customer's
 * profile and plans the post-event survey, asked by the hourly care planner once the event is over
 * (domain/event-surveys.ts).
 */

import { NotFound } from '#shared/domain/errors';
import { Unauthenticated } from '#shared/http/errors';
import type { Principal } from '#shared/http/principal';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { recordAttendance } from '../adapters/attendance';
import { eventDeps } from '../adapters/deps';
import { checkIn, createCustomerEvent } from '../domain/customer-events';
import { CheckInBody, EventPath, NewCustomerEvent } from '../domain/event-contracts';

function caller(principal: Principal | undefined): Principal {
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  return principal;
}

const create = httpRoute({ body: NewCustomerEvent }, async ({ body, principal }) => {
  const event = await createCustomerEvent(body, caller(principal).sub, eventDeps);
  logger.info('customer event created', { eventId: event.eventId, invited: event.counts.invited });
  return { status: 201, body: event, headers: { location: `/v1/events/${event.eventId}` } };
});

const read = httpRoute({ path: EventPath }, async ({ path }) => {
  const event = await eventDeps.events.get(path.eventId);
  if (!event) throw new NotFound('No event with this id.');
  return { status: 200, body: event };
});

const checkInRoute = httpRoute({ path: EventPath, body: CheckInBody }, async ({ path, body, principal }) => {
  caller(principal);
  const { event, invitation, first } = await checkIn(path.eventId, body.customerId, eventDeps);
  if (first) {
    await recordAttendance(body.customerId, eventDeps.now().toISOString());
    logger.info('checked in', { eventId: event.eventId });
  }
  return {
    status: 200,
    body: { eventId: event.eventId, customerId: body.customerId, state: invitation.state },
  };
});

export const handler: typeof read = ((event, context) => {
  switch (event.routeKey) {
    case 'POST /v1/events':
      return create(event, context);
    case 'POST /v1/events/{eventId}/check-in':
      return checkInRoute(event, context);
    default:
      return read(event, context);
  }
}) as typeof read;
