/** Bodies of the customer event routes: POST /v1/events, check-in and the RSVP answer. */
import * as z from 'zod/mini';

/** Invitations one request sends (one transaction each, within the API's 29 s). */
export const MAX_INVITEES = 200;

/**
 * The longest an event lasts, start to end. Invitations and RSVP links are kept 365 days from the
 * start (services/privacy/rules/retention.json), and the check-in and post-event survey read the
 * invitation after the end: an event must end well within that year.
 */
export const MAX_EVENT_DAYS = 31;

const text = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const eventKinds = ['health-talk', 'wealth-salon', 'family-day', 'other'] as const;

export const NewCustomerEvent = z
  .strictObject({
    title: text(1, 200),
    kind: z.enum(eventKinds),
    /** The segment the event is for: its members are invited, unless `customerIds` names them. */
    segmentId: z.optional(text(1, 64)),
    customerIds: z.optional(z.array(text(1, 64)).check(z.minLength(1), z.maxLength(MAX_INVITEES))),
    venue: z.optional(text(1, 300)),
    onlineUrl: z.optional(z.string().check(z.trim(), z.url('Must be an absolute URL'), z.maxLength(500))),
    startsAt: z.iso.datetime({ offset: true }),
    /**
     * When it is over (the post-event survey waits for it), at most MAX_EVENT_DAYS after the start;
     * two hours after the start if not given.
     */
    endsAt: z.optional(z.iso.datetime({ offset: true })),
    capacity: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
  })
  .check(
    z.refine((e) => e.segmentId !== undefined || e.customerIds !== undefined, {
      message: 'Give the customerIds to invite, or a segmentId whose members are invited',
      path: ['customerIds'],
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    }),
    // both written as "not ..." so a startsAt that is not an instant leaves its error on startsAt alone
    z.refine((e) => e.endsAt === undefined || !(Date.parse(e.endsAt) <= Date.parse(e.startsAt)), {
      message: 'Must be after startsAt',
      path: ['endsAt'],
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    }),
    z.refine(
      (e) =>
        e.endsAt === undefined ||
        !(Date.parse(e.endsAt) - Date.parse(e.startsAt) > MAX_EVENT_DAYS * 86_400_000),
      {
        message: `Must be at most ${MAX_EVENT_DAYS} days after startsAt`,
        path: ['endsAt'],
        when: (payload) => typeof payload.value === 'object' && payload.value !== null,
      },
    ),
    z.refine((e) => (e.venue === undefined) !== (e.onlineUrl === undefined), {
      message: 'Give either a venue or an onlineUrl',
      path: ['venue'],
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    }),
  );
export type NewCustomerEvent = z.infer<typeof NewCustomerEvent>;

export const EventPath = z.object({ eventId: text(1, 64) });
export const CheckInBody = z.strictObject({ customerId: text(1, 64) });
export const RsvpBody = z.strictObject({ response: z.enum(['accept', 'decline']) });
