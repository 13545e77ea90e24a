/**
 * Keys of the Relationship table's items, all owned by the relationship service
 * (services/relationship). Existing data depends on these exact strings: change one only with a
 * migration.
 *
 *   feedback          FEEDBACK#<feedbackId>      FEEDBACK
 *   feedback limit    FEEDBACKLIMIT#<client>     WINDOW#<start ms>   (per-client counter, TTL)
 *   NPS cap           CUSTOMER#<customerId>      NPS#CAP             (the last ask: at most one per 90 days)
 *   NPS ask           NPSASK#<askId>             ASK                 (who was asked, after what)
 *   NPS answer        NPSASK#<askId>             ANSWER              (written once)
 *   outbox event      see shared/outbox/outbox-keys.ts
 *
 * Index gsi1:
 *   feedback    FEEDBACK#<team>#<open|answered>   <answer due>#<feedbackId>   a team's feedback queue
 *   NPS answer  NPS#<YYYY-MM>                     <answeredAt>#<askId>        the NPS report's month
 */
import { type ItemKind, outboxKind } from './item-kinds';

export const feedbackKey = (feedbackId: string) => ({ pk: `FEEDBACK#${feedbackId}`, sk: 'FEEDBACK' });
export const feedbackQueuePartition = (team: string, state: 'open' | 'answered') =>
  `FEEDBACK#${team}#${state}`;
export const feedbackQueueKeys = (team: string, state: 'open' | 'answered', dueAt: string, id: string) => ({
  gsi1pk: feedbackQueuePartition(team, state),
  gsi1sk: `${dueAt}#${id}`,
});

export const feedbackLimitKey = (client: string, windowStart: number) => ({
  pk: `FEEDBACKLIMIT#${client}`,
  sk: `WINDOW#${windowStart}`,
});

export const npsCapKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'NPS#CAP' });
export const npsAskKey = (askId: string) => ({ pk: `NPSASK#${askId}`, sk: 'ASK' });
export const npsAnswerKey = (askId: string) => ({ pk: `NPSASK#${askId}`, sk: 'ANSWER' });
/** The month partition of the NPS answers (UTC month of the answer). */
export const npsMonthPartition = (yearMonth: string) => `NPS#${yearMonth}`;
export const npsAnswerIndexKeys = (answeredAt: string, askId: string) => ({
  gsi1pk: npsMonthPartition(answeredAt.slice(0, 7)),
  gsi1sk: `${answeredAt}#${askId}`,
});

/*
 * Customer events (定制化关怀活动):
 *
 *   event         EVENT#<eventId>            EVENT                 (counts: invited, confirmed, waitlisted, declined, checkedIn)
 *   invitation    EVENT#<eventId>            INVITE#<customerId>   (state; waitlistedAt orders the waitlist)
 *   RSVP link     INVITATION#<invitationId>  INVITATION            (names the event and customer of a signed link)
 */
export const customerEventKey = (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' });
export const INVITATION_PREFIX = 'INVITE#';
export const invitationKey = (eventId: string, customerId: string) => ({
  pk: `EVENT#${eventId}`,
  sk: `${INVITATION_PREFIX}${customerId}`,
});
export const eventPartition = (eventId: string) => `EVENT#${eventId}`;
/** A page of a large segment's invitations, asked for once (EVENT#<eventId> / INVITEPAGE#<offset>). */
export const invitationPageKey = (eventId: string, offset: number) => ({
  pk: `EVENT#${eventId}`,
  sk: `INVITEPAGE#${String(offset).padStart(9, '0')}`,
});
export const rsvpLinkKey = (invitationId: string) => ({ pk: `INVITATION#${invitationId}`, sk: 'INVITATION' });

/**
 * The customer event an invitation, invitation page or RSVP link belongs to (the event itself too):
 * the first two live in the event's partition; an RSVP link's key names only the invitation, so the
 * link holds the event's id. Undefined for any other item, or a link without it.
 */
export function eventIdOfItem(item: Readonly<Record<string, unknown>>): string | undefined {
  const pk = String(item.pk);
  const inEvent = eventPartition('');
  if (pk.startsWith(inEvent)) return pk.slice(inEvent.length) || undefined;
  const link = rsvpLinkKey('');
  if (pk.startsWith(link.pk) && item.sk === link.sk && typeof item.eventId === 'string')
    return item.eventId || undefined;
  return undefined;
}

/*
 * Event reminders: a seated invitation carries a due pointer in gsi1 until its reminder is sent
 * (or dropped as late, or the seat is given up), swept by the hourly care planner from its checkpoint:
 *
 *   invitation    gsi1pk EVENTREMINDER#<yyyy-mm-ddThh>   gsi1sk <remindAt>#<eventId>#<customerId>
 *   checkpoint    SWEEP#EVENTREMINDER                    CHECKPOINT   (the hour last swept)
 */
export const reminderPartition = (hour: string) => `EVENTREMINDER#${hour}`;
export const reminderPointerKeys = (remindAt: string, eventId: string, customerId: string) => ({
  gsi1pk: reminderPartition(remindAt.slice(0, 13)),
  gsi1sk: `${remindAt}#${eventId}#${customerId}`,
});
export const reminderSweepCheckpointKey = { pk: 'SWEEP#EVENTREMINDER', sk: 'CHECKPOINT' } as const;

/*
 * Post-event surveys: a checked-in invitation carries a due pointer in gsi1 until its survey is
 * asked (or settled without one), swept by the hourly care planner from its checkpoint:
 *
 *   invitation    gsi1pk EVENTSURVEY#<yyyy-mm-ddThh>   gsi1sk <surveyAt>#<eventId>#<customerId>
 *   checkpoint    SWEEP#EVENTSURVEY                    CHECKPOINT   (the hour last swept)
 */
export const surveyPartition = (hour: string) => `EVENTSURVEY#${hour}`;
export const surveyPointerKeys = (surveyAt: string, eventId: string, customerId: string) => ({
  gsi1pk: surveyPartition(surveyAt.slice(0, 13)),
  gsi1sk: `${surveyAt}#${eventId}#${customerId}`,
});
export const surveySweepCheckpointKey = { pk: 'SWEEP#EVENTSURVEY', sk: 'CHECKPOINT' } as const;

/**
 * The item kinds above, by their keys' fixed starts (shared/tables/item-kinds.ts); each has a
 * retention rule in services/privacy/rules/retention.json.
 */
export const itemKinds: readonly ItemKind[] = [
  { table: 'Relationship', kind: 'feedback', pk: 'FEEDBACK#', sk: 'FEEDBACK' },
  { table: 'Relationship', kind: 'feedback-limit', pk: 'FEEDBACKLIMIT#', sk: 'WINDOW#' },
  { table: 'Relationship', kind: 'nps-cap', pk: 'CUSTOMER#', sk: 'NPS#CAP' },
  { table: 'Relationship', kind: 'nps-ask', pk: 'NPSASK#', sk: 'ASK' },
  { table: 'Relationship', kind: 'nps-answer', pk: 'NPSASK#', sk: 'ANSWER' },
  { table: 'Relationship', kind: 'customer-event', pk: 'EVENT#', sk: 'EVENT' },
  { table: 'Relationship', kind: 'invitation', pk: 'EVENT#', sk: 'INVITE#' },
  { table: 'Relationship', kind: 'invitation-page', pk: 'EVENT#', sk: 'INVITEPAGE#' },
  { table: 'Relationship', kind: 'rsvp-link', pk: 'INVITATION#', sk: 'INVITATION' },
  { table: 'Relationship', kind: 'reminder-checkpoint', pk: 'SWEEP#EVENTREMINDER', sk: 'CHECKPOINT' },
  { table: 'Relationship', kind: 'survey-checkpoint', pk: 'SWEEP#EVENTSURVEY', sk: 'CHECKPOINT' },
  outboxKind('Relationship'),
];
