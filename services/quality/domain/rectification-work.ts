/**
 * The rectification use cases behind /v1/rectifications: open, list, read, act (with If-Match like
 * cases), the overdue-action sweep on the timer design of the SLA service (a pointer per
 * rectification on an index bucketed by due hour; the sweep reads only the buckets that fell due
 * and alerts each action and due date once), and linking a resolved complaint to the open
 * rectification of its root cause.
 */
import type { Clock } from '#shared/clock';
import { buildEvent, type EventEnvelope } from '#shared/contracts/events/index';
import { canonicalRootCause } from '#shared/contracts/root-causes/taxonomy';
import { NotFound, PreconditionFailed, PreconditionRequired } from '#shared/domain/errors';
import type { Principal } from '#shared/domain/principal';
import {
  applyAction,
  nextActionDue,
  nextUnalertedDue,
  openRectification,
  overdueActions,
  type Step,
} from './rectification';
import type {
  NewRectification,
  Rectification,
  RectificationAction,
  RectificationBody,
  RectificationStatus,
  TimelineEntry,
} from './rectification-contracts';

export interface RectificationStore {
  get(rectificationId: string): Promise<Rectification | undefined>;
  list(statuses: readonly RectificationStatus[]): Promise<Rectification[]>;
  timeline(rectificationId: string): Promise<TimelineEntry[]>;
  linkedComplaints(rectificationId: string): Promise<string[]>;
  /**
   * Writes the step in one transaction: the new state (only over `expectedVersion`; none for a new
   * one), its timeline entry (never overwritten) and the pointer to its next action deadline.
   * False when the stored version was not the expected one.
   */
  save(step: Step, expectedVersion: number | undefined, nextDueAt: string | undefined): Promise<boolean>;
  /** Due pointers in the hours from the sweep's checkpoint up to now: rectification ids. */
  dueRectifications(now: Date): Promise<string[]>;
  advanceCheckpoint(now: Date): Promise<void>;
  /** `<actionId>#<dueDate>` of every overdue alert already given. */
  alertedActions(rectificationId: string): Promise<Set<string>>;
  /** Records each alert (never twice) with its event; false when one was recorded already. */
  recordAlerts(
    rectificationId: string,
    alerts: readonly { actionId: string; dueDate: string }[],
    events: readonly EventEnvelope[],
  ): Promise<boolean>;
  /** Moves the due pointer, only while the rectification is still at `version`. */
  movePointer(r: Rectification, nextDueAt: string | undefined): Promise<void>;
  /** Links a complaint to a rectification (idempotent). */
  link(rectificationId: string, complaintId: string, at: string): Promise<void>;
}

export interface QualityDeps {
  readonly store: RectificationStore;
  readonly clock: Clock;
  readonly timeZone: () => string;
  readonly newId: () => string;
}

export const OPEN_STATUSES: readonly RectificationStatus[] = ['open', 'completed'];

export async function createRectification(
  body: NewRectification,
  principal: Principal,
  deps: QualityDeps,
): Promise<Rectification> {
  const now = deps.clock.now();
  const step = openRectification(body, principal, deps.newId(), now);
  await deps.store.save(step, undefined, nextActionDue(step.next, deps.timeZone(), now));
  return step.next;
}

export async function rectificationView(rectificationId: string, deps: QualityDeps) {
  const r = await deps.store.get(rectificationId);
  if (!r) throw new NotFound(`No rectification ${rectificationId}.`);
  const [timeline, linked] = await Promise.all([
    deps.store.timeline(rectificationId),
    deps.store.linkedComplaints(rectificationId),
  ]);
  return { ...r, linkedComplaintIds: linked, timeline };
}

export async function actOnRectification<A extends RectificationAction>(
  command: {
    rectificationId: string;
    action: A;
    body: RectificationBody<A>;
    principal: Principal;
    ifMatch: number | undefined;
  },
  deps: QualityDeps,
): Promise<Rectification> {
  const r = await deps.store.get(command.rectificationId);
  if (!r) throw new NotFound(`No rectification ${command.rectificationId}.`);
  if (command.ifMatch === undefined)
    throw new PreconditionRequired('Send If-Match with the version you last read.');
  const stale = () =>
    new PreconditionFailed(`The rectification changed since version ${command.ifMatch}; read it again.`, {
      currentVersion: r.version,
    });
  if (command.ifMatch !== r.version) throw stale();
  const now = deps.clock.now();
  const step = applyAction(r, command.action, command.body, command.principal, now);
  const saved = await deps.store.save(step, r.version, nextActionDue(step.next, deps.timeZone(), now));
  if (!saved) throw stale();
  return step.next;
}

/** Every minute: alerts the owner and the lead of each action that passed its due date, once. */
export async function sweepOverdueActions(deps: QualityDeps): Promise<{ due: number; alerted: number }> {
  const now = deps.clock.now();
  const timeZone = deps.timeZone();
  const due = [...new Set(await deps.store.dueRectifications(now))];
  let alerted = 0;
  for (const rectificationId of due) {
    const r = await deps.store.get(rectificationId);
    if (!r) continue;
    const already = await deps.store.alertedActions(rectificationId);
    const overdue = overdueActions(r, already, timeZone, now);
    if (overdue.length > 0) {
      const events = overdue.map((a) =>
        buildEvent(
          'rectification.action-overdue',
          {
            rectificationId,
            actionId: a.actionId,
            rootCause: r.rootCause,
            title: r.title,
            dueDate: a.dueDate,
            notify: [...new Set([a.owner, r.createdBy])],
          },
          rectificationId,
        ),
      );
      if (await deps.store.recordAlerts(rectificationId, overdue, events)) alerted += overdue.length;
      for (const a of overdue) already.add(`${a.actionId}#${a.dueDate}`);
    }
    await deps.store.movePointer(r, nextUnalertedDue(r, already, timeZone, now));
  }
  await deps.store.advanceCheckpoint(now);
  return { due: due.length, alerted };
}

/**
 * A resolved complaint whose root cause has an open rectification is linked to it, so the owner
 * sees what still comes in while the fix is under way. Idempotent (a link is a keyed item).
 */
export async function linkResolvedComplaint(
  complaint: { complaintId: string; rootCause: string },
  deps: QualityDeps,
): Promise<string[]> {
  const code = canonicalRootCause(complaint.rootCause);
  if (!code) return [];
  const open = (await deps.store.list(OPEN_STATUSES)).filter((r) => r.rootCause === code);
  const at = deps.clock.now().toISOString();
  await Promise.all(open.map((r) => deps.store.link(r.rectificationId, complaint.complaintId, at)));
  return open.map((r) => r.rectificationId);
}
