/**
 * `GET /v1/rsvp?t=` — the invitation the signed link names (the event and the customer's answer so
 * far; changes nothing); `POST /v1/rsvp?t=` `{ response: accept|decline }` — a seat while there is
 * one, else the waitlist; a decline of a seat promotes the first waitlisted customer. A forged,
 * expired or foreign link is a 400 on `query.t`.
 */
import { CustomerLinkQuery } from '#shared/contracts/complaint-requests';
import { NotFound } from '#shared/domain/errors';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { askOfLink } from '../adapters/customer-link';
import { eventDeps } from '../adapters/deps';
import { answerRsvp, type CustomerEvent } from '../domain/customer-events';
import { RsvpBody } from '../domain/event-contracts';

const publicView = (e: CustomerEvent) => ({
  eventId: e.eventId,
  title: e.title,
  kind: e.kind,
  startsAt: e.startsAt,
  ...(e.venue && { venue: e.venue }),
  ...(e.onlineUrl && { onlineUrl: e.onlineUrl }),
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
    body: { event: publicView(event), state: invitation.state },
    headers: { 'cache-control': 'no-store' },
  };
});

const answer = httpRoute({ query: CustomerLinkQuery, body: RsvpBody }, async ({ query, body }) => {
  const invitationId = await askOfLink(query.t, 'rsvp');
  const { event, state } = await answerRsvp(invitationId, body.response, eventDeps);
  logger.info('rsvp', { eventId: event.eventId, response: body.response, state });
  return { status: 200, body: { event: publicView(event), state }, headers: { 'cache-control': 'no-store' } };
});

export const handler: typeof show = ((event, context) =>
  event.routeKey.startsWith('GET ') ? show(event, context) : answer(event, context)) as typeof show;
