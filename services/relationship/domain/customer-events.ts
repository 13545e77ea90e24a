/**
 * Customer events (定制化关怀活动: health talks, wealth salons, family days): invitations with a
 * signed RSVP link, a capacity with a waitlist, promotion from the waitlist when a seat is given
 * back, check-in, and counts. Every seat changes hands in a conditional transaction on the event's
 * counts, so concurrent declines promote exactly as many waitlisted customers as seats they free,
 * and nobody twice.
 */
import { Conflict, NotFound, ValidationFailed } from '#shared/domain/errors';
import type { SegmentMembers } from '../../care/domain/segments/segment-members';
import { SegmentNotFound } from '../../care/domain/segments/segment-members';
import { MAX_INVITEES, type NewCustomerEvent } from './event-contracts';
import { type EventMessage, invitationContent, promotedContent } from './event-messages';
import { DEFAULT_TIME_ZONE, type Reminder, reminderFor } from './event-reminders';
import { endOf, type PlannedSurvey, surveyDueAt } from './event-surveys';

export type InvitationState = 'invited' | 'accepted' | 'waitlisted' | 'declined' | 'checked-in';

export interface CustomerEvent {
  readonly eventId: string;
  readonly title: string;
  readonly kind: string;
  readonly segmentId?: string;
  readonly venue?: string;
  readonly onlineUrl?: string;
  readonly startsAt: string;
  /** When it is over; events created before it was asked for end DEFAULT_EVENT_HOURS after the start. */
  readonly endsAt?: string;
  readonly capacity: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly counts: EventCounts;
}

export interface EventCounts {
  readonly invited: number;
  readonly confirmed: number;
  readonly waitlisted: number;
  readonly declined: number;
  readonly checkedIn: number;
  /** Post-event surveys asked of the guests who checked in, and answered. */
  readonly surveysAsked: number;
  readonly surveysAnswered: number;
}

/** A new event's counts: nobody invited yet. */
export const noAttendance: EventCounts = {
  invited: 0,
  confirmed: 0,
  waitlisted: 0,
  declined: 0,
  checkedIn: 0,
  surveysAsked: 0,
  surveysAnswered: 0,
};

export interface Invitation {
  readonly eventId: string;
  readonly customerId: string;
  readonly invitationId: string;
  readonly state: InvitationState;
  readonly waitlistedAt?: string;
}

export type SeatOutcome = 'done' | 'refused' | 'full';

export interface EventStore {
  /** Writes the event; with `pages`, asks in the same write for the first page of its invitations. */
  create(event: CustomerEvent, pages?: { readonly segmentId: string }): Promise<void>;
  /** Asks for the page of invitations from `offset`, once: false when it was asked for already. */
  requestInvitations(event: CustomerEvent, segmentId: string, offset: number): Promise<boolean>;
  /** Writes the invitation (once per customer) with its invitation message; false if it existed. */
  invite(event: CustomerEvent, invitation: Invitation, message: EventMessage): Promise<boolean>;
  get(eventId: string): Promise<CustomerEvent | undefined>;
  invitation(eventId: string, customerId: string): Promise<Invitation | undefined>;
  invitationOfLink(invitationId: string): Promise<{ eventId: string; customerId: string } | undefined>;
  /** The waitlist, first come first. */
  waitlist(eventId: string): Promise<Invitation[]>;
  /**
   * Moves the invitation from `from` to `to`, changing the counts in the same transaction; taking a
   * seat (to accepted) only while confirmed < capacity: `full` when none is free, `refused` when
   * the invitation is no longer in `from`. `notify` is the message the customer is sent with it;
   * `reminder` plans the day-before reminder of a seat taken, `survey` the post-event survey of a
   * check-in. Leaving a seat unplans its reminder.
   */
  move(
    event: CustomerEvent,
    invitation: Invitation,
    to: InvitationState,
    at: string,
    options?: {
      readonly notify?: EventMessage;
      readonly reminder?: Reminder;
      readonly survey?: PlannedSurvey;
    },
  ): Promise<SeatOutcome>;
}

export interface EventDeps {
  readonly events: EventStore;
  readonly rsvpUrl: (invitationId: string) => Promise<string>;
  /** The care service's segments, whose members an event without `customerIds` invites. */
  readonly segments: SegmentMembers;
  /** The customer's time zone (their profile's), which their reminder is planned in. */
  readonly timeZoneOf: (customerId: string) => Promise<string | undefined>;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** A segment's members (ids only, one index item each), read before anything is written. */
async function membersOf(segmentId: string, deps: EventDeps): Promise<string[]> {
  const members: string[] = [];
  try {
    for await (const customerId of deps.segments.listMembers(segmentId)) members.push(customerId);
  } catch (error) {
    if (error instanceof SegmentNotFound)
      throw new ValidationFailed([{ path: 'body.segmentId', message: 'Must be an existing segment' }]);
    throw error;
  }
  return members;
}

export async function createCustomerEvent(body: NewCustomerEvent, by: string, deps: EventDeps) {
  const now = deps.now();
  if (Date.parse(body.startsAt) <= now.getTime()) {
    throw new ValidationFailed([{ path: 'body.startsAt', message: 'Must be in the future' }]);
  }
  const invitees = [...new Set(body.customerIds ?? (await membersOf(body.segmentId!, deps)))];
  const event: CustomerEvent = {
    eventId: deps.newId(),
    title: body.title,
    kind: body.kind,
    ...(body.segmentId && { segmentId: body.segmentId }),
    ...(body.venue && { venue: body.venue }),
    ...(body.onlineUrl && { onlineUrl: body.onlineUrl }),
    startsAt: new Date(body.startsAt).toISOString(),
    endsAt: endOf({
      startsAt: body.startsAt,
      ...(body.endsAt && { endsAt: new Date(body.endsAt).toISOString() }),
    }),
    capacity: body.capacity,
    createdBy: by,
    createdAt: now.toISOString(),
    counts: noAttendance,
  };
  // more than one request can send: the invitations go out in pages, through the outbox and a queue
  if (invitees.length > MAX_INVITEES) {
    await deps.events.create(event, { segmentId: body.segmentId! });
    return { ...event, queued: invitees.length };
  }
  await deps.events.create(event);
  return { ...event, counts: { ...event.counts, invited: await invite(event, invitees, deps) } };
}

async function invite(event: CustomerEvent, customerIds: readonly string[], deps: EventDeps) {
  let invited = 0;
  for (const customerId of customerIds) {
    const invitationId = deps.newId();
    const invitation: Invitation = { eventId: event.eventId, customerId, invitationId, state: 'invited' };
    const message = invitationContent(
      event,
      await zoneOf(customerId, deps),
      await deps.rsvpUrl(invitationId),
    );
    if (await deps.events.invite(event, invitation, message)) invited++;
  }
  return invited;
}

/** Invitations one queued page sends (one transaction each, well within the consumer's timeout). */
export const INVITATION_PAGE = 100;

/**
 * One page of a large segment's invitations, then the request for the next. A redelivered page
 * invites nobody twice (one invitation per customer) and asks for the next page only once.
 */
export async function inviteSegmentPage(eventId: string, segmentId: string, offset: number, deps: EventDeps) {
  const event = await deps.events.get(eventId);
  if (!event) return { invited: 0, more: false };
  const members = [...new Set(await membersOf(segmentId, deps))];
  const invited = await invite(event, members.slice(offset, offset + INVITATION_PAGE), deps);
  const more = offset + INVITATION_PAGE < members.length;
  if (more) await deps.events.requestInvitations(event, segmentId, offset + INVITATION_PAGE);
  return { invited, more };
}

async function load(eventId: string, customerId: string, deps: EventDeps) {
  const [event, invitation] = await Promise.all([
    deps.events.get(eventId),
    deps.events.invitation(eventId, customerId),
  ]);
  if (!event || !invitation) throw new NotFound('No such invitation.');
  return { event, invitation };
}

/** The zone the customer's times are shown and planned in: their profile's, else the company's. */
const zoneOf = async (customerId: string, deps: EventDeps) =>
  (await deps.timeZoneOf(customerId)) ?? DEFAULT_TIME_ZONE;

/** The reminder a seat taken now plans, in the customer's zone. */
async function reminderOf(event: CustomerEvent, customerId: string, deps: EventDeps) {
  return reminderFor(event.startsAt, await zoneOf(customerId, deps), deps.now());
}

/** Gives freed seats to the waitlist, first come first, until it is empty or the event is full. */
export async function promoteFromWaitlist(eventId: string, deps: EventDeps): Promise<string[]> {
  const promoted: string[] = [];
  for (;;) {
    const event = await deps.events.get(eventId);
    if (!event || event.counts.confirmed >= event.capacity) return promoted;
    const [first] = await deps.events.waitlist(eventId);
    if (!first) return promoted;
    const timeZone = await zoneOf(first.customerId, deps);
    const outcome = await deps.events.move(event, first, 'accepted', deps.now().toISOString(), {
      notify: promotedContent(event, timeZone),
      reminder: reminderFor(event.startsAt, timeZone, deps.now()),
    });
    if (outcome === 'full') return promoted;
    if (outcome === 'done') promoted.push(first.customerId);
    // refused: someone else promoted (or the customer declined) this one meanwhile; read again
  }
}

export async function answerRsvp(invitationId: string, response: 'accept' | 'decline', deps: EventDeps) {
  const link = await deps.events.invitationOfLink(invitationId);
  if (!link) throw new NotFound('This invitation is unknown.');
  const { customerId } = link;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { event, invitation } = await load(link.eventId, link.customerId, deps);
    const at = deps.now().toISOString();
    if (Date.parse(event.startsAt) <= Date.parse(at))
      throw new Conflict('This event has started. 活动已开始。');
    if (invitation.state === 'checked-in') return { event, customerId, state: invitation.state };
    if (response === 'accept') {
      if (invitation.state === 'accepted' || invitation.state === 'waitlisted') {
        return { event, customerId, state: invitation.state };
      }
      const reminder = await reminderOf(event, invitation.customerId, deps);
      const seat = await deps.events.move(event, invitation, 'accepted', at, { reminder });
      if (seat === 'done') return { event, customerId, state: 'accepted' as const };
      if (seat === 'full' && (await deps.events.move(event, invitation, 'waitlisted', at)) === 'done') {
        return { event, customerId, state: 'waitlisted' as const };
      }
    } else {
      if (invitation.state === 'declined') return { event, customerId, state: invitation.state };
      if ((await deps.events.move(event, invitation, 'declined', at)) === 'done') {
        if (invitation.state === 'accepted') await promoteFromWaitlist(event.eventId, deps);
        return { event, customerId, state: 'declined' as const };
      }
    }
    // the invitation changed under us: read it again
  }
  throw new Conflict('The invitation kept changing; please try again.');
}

export async function checkIn(eventId: string, customerId: string, deps: EventDeps) {
  const { event, invitation } = await load(eventId, customerId, deps);
  if (invitation.state === 'checked-in') return { event, invitation, first: false };
  if (invitation.state !== 'accepted') {
    throw new Conflict(`Only a customer with a seat checks in; this invitation is ${invitation.state}.`);
  }
  // the survey waits for the end of the event and a civil hour of the guest's day
  const survey = surveyDueAt(endOf(event), await zoneOf(customerId, deps), deps.now());
  const outcome = await deps.events.move(event, invitation, 'checked-in', deps.now().toISOString(), {
    survey,
  });
  if (outcome !== 'done') throw new Conflict('The invitation changed meanwhile; read it again.');
  return { event, invitation: { ...invitation, state: 'checked-in' as const }, first: true };
}
