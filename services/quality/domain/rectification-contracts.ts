/**
 * Rectification (溯源整改) contracts: the stored aggregate and the request bodies of
 * POST /v1/rectifications and POST /v1/rectifications/{id}/{action}. Types are inferred from these.
 */
import * as z from 'zod/mini';
import { isLocalDate } from '#shared/calendar/local-date';
import { rootCauseCodes } from '#shared/contracts/root-causes/taxonomy';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const localDate = () => z.string().check(z.refine(isLocalDate, { message: 'Must be a date, YYYY-MM-DD' }));
/** A two-level code only: a rectification is opened against today's taxonomy. */
export const RootCauseCode = z.enum(rootCauseCodes as [string, ...string[]]);

export const rectificationStatuses = ['open', 'completed', 'verified'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];
export const rectificationActions = ['update', 'complete', 'verify', 'reopen'] as const;
export type RectificationAction = (typeof rectificationActions)[number];

export const PlannedAction = z.strictObject({ text: text(2_000), owner: text(128), dueDate: localDate() });

export const NewRectification = z.strictObject({
  rootCause: RootCauseCode,
  title: text(300),
  owner: text(128),
  dueDate: localDate(),
  complaintIds: z.optional(z.array(text(64)).check(z.maxLength(200))),
  actions: z.array(PlannedAction).check(z.minLength(1), z.maxLength(50)),
});
export type NewRectification = z.infer<typeof NewRectification>;

export const rectificationBodies = {
  /** Progress: a note, a changed plan, actions done or added. */
  update: z.strictObject({
    note: z.optional(text(5_000)),
    title: z.optional(text(300)),
    owner: z.optional(text(128)),
    dueDate: z.optional(localDate()),
    /** Actions now done, by id. */
    done: z.optional(z.array(text(16)).check(z.maxLength(50))),
    addActions: z.optional(z.array(PlannedAction).check(z.maxLength(50))),
  }),
  complete: z.strictObject({ evidence: text(10_000) }),
  verify: z.strictObject({ note: z.optional(text(5_000)) }),
  reopen: z.strictObject({ reason: text(2_000) }),
} as const;
export type RectificationBody<A extends RectificationAction> = z.infer<(typeof rectificationBodies)[A]>;

export const RectificationPath = z.object({ rectificationId: text(64) });
export const RectificationActionPath = z.object({
  rectificationId: text(64),
  action: z.enum(rectificationActions),
});
export const RectificationListQuery = z.object({ status: z.optional(z.enum(rectificationStatuses)) });

export const ActionItem = z.object({
  actionId: z.string(),
  text: z.string(),
  owner: z.string(),
  dueDate: z.string(),
  done: z.boolean(),
  doneAt: z.optional(z.string()),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const Rectification = z.object({
  rectificationId: z.string(),
  rootCause: z.string(),
  taxonomyVersion: z.string(),
  title: z.string(),
  owner: z.string(),
  dueDate: z.string(),
  status: z.enum(rectificationStatuses),
  actions: z.array(ActionItem),
  /** Complaints named when it was opened; later ones of the cause are linked items (GET shows both). */
  complaintIds: z.array(z.string()),
  evidence: z.optional(z.string()),
  completedAt: z.optional(z.string()),
  completedBy: z.optional(z.string()),
  verifiedAt: z.optional(z.string()),
  verifiedBy: z.optional(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Rectification = z.infer<typeof Rectification>;

export const TimelineEntry = z.object({
  at: z.string(),
  by: z.string(),
  action: z.enum(['open', ...rectificationActions]),
  detail: z.record(z.string(), z.unknown()),
  version: z.number(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const RectificationView = z.object({
  ...Rectification.shape,
  linkedComplaintIds: z.array(z.string()),
  timeline: z.array(TimelineEntry),
});
export const RectificationList = z.object({ items: z.array(Rectification) });
