/**
 * `GET /v1/rsvp?t=` — the invitation the signed link names (the event and the customer's answer so
 * far; changes nothing); `POST /v1/rsvp?t=` `{ response: accept|decline }` — a seat while there is
 * one, else the waitlist; a decline of a seat promotes the first waitlisted customer. A seat taken
 * plans its day-before reminder in the guest's zone. The RSVP page (web/rsvp.html) reads and posts
 * both. A forged, expired or foreign link is a 400 on `query.t`.
 */
import { CustomerLinkQuery } from '#shared/contracts/complaint-requests';
import { NotFound } from '#shared/domain/errors';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { askOfLink } from '../adapters/customer-link';
import { eventDeps } from '../adapters/deps';
import { answerRsvp, type CustomerEvent } from '../domain/customer-events';
import { RsvpBody } from '../domain/event-contracts';
import { DEFAULT_TIME_ZONE } from '../domain/event-reminders';

/** What the invitee sees: the event, the seats still free, and the zone their times are shown in. */
const publicView = async (e: CustomerEvent, customerId: string) => ({
  eventId: e.eventId,
  title: e.title,
  kind: e.kind,
  startsAt: e.startsAt,
  ...(e.venue && { venue: e.venue }),
  ...(e.onlineUrl && { onlineUrl: e.onlineUrl }),
  seatsLeft: Math.max(0, e.capacity - e.counts.confirmed),
  timeZone: (await eventDeps.timeZoneOf(customerId)) ?? DEFAULT_TIME_ZONE,
});

const show = httpRoute({ query: CustomerLinkQuery }, async ({ query }) => {
  const link = await eventDeps.events.invitationOfLink(await askOfLink(query.t, 'rsvp'));
  const [event, invitation] = link
    ? await Promise.all([
        eventDeps.events.get(link.eventId),
        eventDeps.events.invitation(link.eventId, link.customerId),
      ])
    : [undefined, undefined];
  if (!event || !invitation) throw new NotFound('This invitation is unknown.');
  return {
    status: 200,
    body: { event: await publicView(event, invitation.customerId), state: invitation.state },
    headers: { 'cache-control': 'no-store' },
  };
});

const answer = httpRoute({ query: CustomerLinkQuery, body: RsvpBody }, async ({ query, body }) => {
  const invitationId = await askOfLink(query.t, 'rsvp');
  const { event, state, customerId } = await answerRsvp(invitationId, body.response, eventDeps);
  logger.info('rsvp', { eventId: event.eventId, response: body.response, state });
  // the seats left after this answer, not as they were read before it
  const now = (await eventDeps.events.get(event.eventId)) ?? event;
  return {
    status: 200,
    body: { event: await publicView(now, customerId), state },
    headers: { 'cache-control': 'no-store' },
  };
});

export const handler: typeof show = ((event, context) =>
  event.routeKey.startsWith('GET ') ? show(event, context) : answer(event, context)) as typeof show;
