/**
 * Customer events on the Relationship table: the event with its counts, one invitation per
 * customer, and the lookup an RSVP link names. Each move of an invitation changes the counts in
 * the same transaction, guarded by the invitation's state and, for a seat, by the capacity. The
 * invitations, their RSVP links and the page markers are kept for their period from the event's
 * start (`expiresAt`); the moves update the invitation in place and keep it.
 */
import { dynamo, GetCommand, PutCommand, QueryCommand, tableName } from '#shared/aws/dynamo';
import { localDateIn } from '#shared/calendar/zoned-time';
import { buildEvent } from '#shared/contracts/events/index';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import {
  customerEventKey,
  eventPartition,
  INVITATION_PREFIX,
  invitationKey,
  invitationPageKey,
  reminderPointerKeys,
  rsvpLinkKey,
  surveyPointerKeys,
} from '#shared/tables/relationship';
import type {
  CustomerEvent,
  EventCounts,
  EventStore,
  Invitation,
  InvitationState,
} from '../domain/customer-events';
import { expiresAt } from './retention';

const table = () => tableName('Relationship');
const COUNTERS = [
  'invited',
  'confirmed',
  'waitlisted',
  'declined',
  'checkedIn',
  'surveysAsked',
  'surveysAnswered',
] as const;
/** The count an invitation in each state is part of (an invitation not yet answered only in `invited`). */
const COUNTED: Partial<Record<InvitationState, (typeof COUNTERS)[number]>> = {
  accepted: 'confirmed',
  waitlisted: 'waitlisted',
  declined: 'declined',
  'checked-in': 'checkedIn',
};
const COMPANY_TIME_ZONE = 'Asia/Shanghai';

function eventOf(item: Record<string, unknown>): CustomerEvent {
  const { pk: _pk, sk: _sk, ...rest } = item;
  const counts = Object.fromEntries(COUNTERS.map((c) => [c, Number(rest[c] ?? 0)])) as unknown as EventCounts;
  for (const c of COUNTERS) delete rest[c];
  return { ...(rest as Omit<CustomerEvent, 'counts'>), counts };
}

export function message(
  event: CustomerEvent,
  customerId: string,
  purpose: string,
  content: Record<string, { headline: string; body: string }>,
) {
  return buildEvent(
    'care.message-requested',
    {
      campaignId: `customer-event`,
      campaignVersion: '1',
      runId: `customer-event-${event.eventId}`,
      customerId,
      consent: 'service',
      dedupeKey: `customer-event#${event.eventId}-${purpose}#${customerId}`,
      occasionDate: localDateIn(new Date(event.startsAt), COMPANY_TIME_ZONE),
      content,
      holdWhileComplaintOpen: false,
    },
    event.eventId,
  );
}

/** The marker that a page of invitations was asked for: a redelivered page asks for the next once. */
const pageAsked = (event: CustomerEvent, offset: number) => ({
  Put: {
    TableName: table(),
    Item: {
      ...invitationPageKey(event.eventId, offset),
      offset,
      expiresAt: expiresAt('invitation-page', { offset }, event),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
const pageRequest = (event: CustomerEvent, segmentId: string, offset: number) =>
  buildEvent(
    'customer-event.invitations-requested',
    { eventId: event.eventId, segmentId, offset },
    event.eventId,
  );

export const dynamoEventStore: EventStore = {
  async create(event, pages) {
    const { counts, ...rest } = event;
    const put = {
      TableName: table(),
      Item: { ...customerEventKey(event.eventId), ...rest, ...counts },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    if (!pages) await dynamo().send(new PutCommand(put));
    else
      await commitWithEvents(
        table(),
        [{ Put: put }, pageAsked(event, 0)],
        [pageRequest(event, pages.segmentId, 0)],
      );
  },

  async requestInvitations(event, segmentId, offset) {
    try {
      await commitWithEvents(table(), [pageAsked(event, offset)], [pageRequest(event, segmentId, offset)]);
      return true;
    } catch (error) {
      if (refusedByCondition(error, 0)) return false;
      throw error;
    }
  },

  async invite(event, invitation, content) {
    const invite = message(event, invitation.customerId, 'invitation', content);
    const link = { eventId: event.eventId, customerId: invitation.customerId };
    try {
      await commitWithEvents(
        table(),
        [
          {
            Put: {
              TableName: table(),
              Item: {
                ...invitationKey(event.eventId, invitation.customerId),
                ...invitation,
                expiresAt: expiresAt('invitation', invitation, event),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: table(),
              Item: {
                ...rsvpLinkKey(invitation.invitationId),
                ...link,
                expiresAt: expiresAt('rsvp-link', link, event),
              },
            },
          },
          {
            Update: {
              TableName: table(),
              Key: customerEventKey(event.eventId),
              UpdateExpression: 'ADD invited :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
        [invite],
      );
      return true;
    } catch (error) {
      if (refusedByCondition(error, 0)) return false;
      throw error;
    }
  },

  async get(eventId) {
    const found = await dynamo().send(
      new GetCommand({ TableName: table(), Key: customerEventKey(eventId), ConsistentRead: true }),
    );
    return found.Item ? eventOf(found.Item) : undefined;
  },

  async invitation(eventId, customerId) {
    const found = await dynamo().send(
      new GetCommand({ TableName: table(), Key: invitationKey(eventId, customerId), ConsistentRead: true }),
    );
    if (!found.Item) return undefined;
    const { pk: _pk, sk: _sk, ...invitation } = found.Item;
    return invitation as Invitation;
  },

  async invitationOfLink(invitationId) {
    const found = await dynamo().send(
      new GetCommand({ TableName: table(), Key: rsvpLinkKey(invitationId), ConsistentRead: true }),
    );
    return found.Item
      ? { eventId: found.Item.eventId as string, customerId: found.Item.customerId as string }
      : undefined;
  },

  // an event invites at most a few hundred customers: its partition is read whole
  async waitlist(eventId) {
    const waiting: Invitation[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :invite)',
          FilterExpression: '#state = :waitlisted',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':pk': eventPartition(eventId),
            ':invite': INVITATION_PREFIX,
            ':waitlisted': 'waitlisted',
          },
          ConsistentRead: true,
          ExclusiveStartKey: cursor,
        }),
      );
      waiting.push(...((page.Items ?? []) as Invitation[]));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    return waiting.sort(
      (a, b) =>
        (a.waitlistedAt ?? '').localeCompare(b.waitlistedAt ?? '') ||
        a.customerId.localeCompare(b.customerId),
    );
  },

  async move(event, invitation, to, at, { notify, reminder, survey } = {}) {
    const from = invitation.state;
    // a check-in keeps the seat counted as confirmed
    const leaving = from === 'accepted' && to === 'checked-in' ? undefined : COUNTED[from];
    const entering = COUNTED[to];
    const adds = [...(leaving ? [`${leaving} :minus`] : []), ...(entering ? [`${entering} :plus`] : [])];
    const takesSeat = to === 'accepted';
    const waitlisting = to === 'waitlisted';
    const sets = ['#state = :to', 'answeredAt = :at', ...(waitlisting ? ['waitlistedAt = :at'] : [])];
    const removes = from === 'waitlisted' ? ['waitlistedAt'] : [];
    // a seat taken plans its reminder (a due pointer); a seat left unplans one not yet sent
    const pointer =
      takesSeat && reminder
        ? reminderPointerKeys(reminder.at, event.eventId, invitation.customerId)
        : undefined;
    if (pointer)
      sets.push('gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk', 'remindAt = :remindAt', 'reminderZone = :tz');
    // a check-in plans the post-event survey in the same index (a reminder not sent is then moot)
    const surveyPointer = survey && surveyPointerKeys(survey.at, event.eventId, invitation.customerId);
    if (surveyPointer)
      sets.push('gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk', 'surveyAt = :surveyAt', 'surveyZone = :tz');
    if (from === 'accepted') removes.push(...(surveyPointer ? [] : ['gsi1pk', 'gsi1sk']), 'remindAt');
    const events = notify ? [message(event, invitation.customerId, 'promoted', notify)] : [];
    try {
      await commitWithEvents(
        table(),
        [
          {
            Update: {
              TableName: table(),
              Key: customerEventKey(event.eventId),
              UpdateExpression: `ADD ${adds.join(', ')}`,
              // capacity is a reserved word
              ...(takesSeat && {
                ConditionExpression: 'confirmed < #capacity',
                ExpressionAttributeNames: { '#capacity': 'capacity' },
              }),
              ExpressionAttributeValues: {
                ...(leaving && { ':minus': -1 }),
                ...(entering && { ':plus': 1 }),
              },
            },
          },
          {
            Update: {
              TableName: table(),
              Key: invitationKey(event.eventId, invitation.customerId),
              UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
              ConditionExpression: '#state = :from',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: {
                ':to': to,
                ':from': from,
                ':at': at,
                ...(pointer && {
                  ':gsi1pk': pointer.gsi1pk,
                  ':gsi1sk': pointer.gsi1sk,
                  ':remindAt': reminder!.at,
                  ':tz': reminder!.timeZone,
                }),
                ...(surveyPointer && {
                  ':gsi1pk': surveyPointer.gsi1pk,
                  ':gsi1sk': surveyPointer.gsi1sk,
                  ':surveyAt': survey!.at,
                  ':tz': survey!.timeZone,
                }),
              },
            },
          },
        ],
        events,
      );
      return 'done';
    } catch (error) {
      if (refusedByCondition(error, 1)) return 'refused';
      if (refusedByCondition(error, 0)) return 'full';
      throw error;
    }
  },
};
