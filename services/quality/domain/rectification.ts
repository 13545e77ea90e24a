/**
 * The rectification lifecycle, pure: open → (update …) → complete (with evidence) → verify (by a
 * second person) → reopen when it did not hold. Each step returns the next state and the one
 * timeline entry it adds; the timeline is only ever appended to. Deadlines are local dates in the
 * company's time zone and an action is overdue once its date has ended there.
 */
import { addDays } from '#shared/calendar/local-date';
import { instantIn } from '#shared/calendar/zoned-time';
import { ROOT_CAUSE_TAXONOMY_VERSION } from '#shared/contracts/root-causes/taxonomy';
import { Conflict, Forbidden } from '#shared/domain/errors';
import type { Principal } from '#shared/domain/principal';
import type {
  ActionItem,
  NewRectification,
  Rectification,
  RectificationAction,
  RectificationBody,
  RectificationStatus,
  TimelineEntry,
} from './rectification-contracts';

export interface Step {
  readonly next: Rectification;
  readonly entry: TimelineEntry;
}

const isLead = (p: Principal) => p.role === 'lead' || p.role === 'admin';
const actionIds = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `A${from + i + 1}`);

export function openRectification(
  body: NewRectification,
  principal: Principal,
  rectificationId: string,
  now: Date,
): Step {
  if (!isLead(principal)) throw new Forbidden('Rectifications are opened by team leads and admins.');
  const at = now.toISOString();
  const ids = actionIds(0, body.actions.length);
  const next: Rectification = {
    rectificationId,
    rootCause: body.rootCause,
    taxonomyVersion: ROOT_CAUSE_TAXONOMY_VERSION,
    title: body.title,
    owner: body.owner,
    dueDate: body.dueDate,
    status: 'open',
    actions: body.actions.map((a, i) => ({ ...a, actionId: ids[i]!, done: false })),
    complaintIds: [...new Set(body.complaintIds ?? [])],
    createdAt: at,
    createdBy: principal.sub,
    updatedAt: at,
    version: 1,
  };
  return {
    next,
    entry: {
      at,
      by: principal.sub,
      action: 'open',
      detail: { rootCause: body.rootCause, title: body.title },
      version: 1,
    },
  };
}

const allowedFrom: Record<RectificationAction, readonly RectificationStatus[]> = {
  update: ['open'],
  complete: ['open'],
  verify: ['completed'],
  reopen: ['completed', 'verified'],
};

function mayAct(action: RectificationAction, r: Rectification, principal: Principal): void {
  if (action === 'update' || action === 'complete') {
    if (isLead(principal) || principal.sub === r.owner) return;
    throw new Forbidden('Only the rectification owner, a team lead or an admin may do this.');
  }
  if (!isLead(principal)) throw new Forbidden(`Only team leads and admins may ${action} a rectification.`);
  if (action === 'verify' && (principal.sub === r.owner || principal.sub === r.completedBy))
    throw new Forbidden(
      'A rectification is verified by another person than its owner and whoever completed it.',
    );
}

/** One action on a rectification, checked against its status and the caller. */
export function applyAction<A extends RectificationAction>(
  r: Rectification,
  action: A,
  body: RectificationBody<A>,
  principal: Principal,
  now: Date,
): Step {
  mayAct(action, r, principal);
  if (!allowedFrom[action].includes(r.status))
    throw new Conflict(`A rectification that is ${r.status} cannot take ${action}.`);
  const at = now.toISOString();
  const version = r.version + 1;
  const base = { ...r, updatedAt: at, version };
  const step = (next: Rectification, detail: Record<string, unknown>): Step => ({
    next,
    entry: { at, by: principal.sub, action, detail, version },
  });
  switch (action) {
    case 'update': {
      const b = body as RectificationBody<'update'>;
      const unknown = (b.done ?? []).filter((id) => !r.actions.some((a) => a.actionId === id));
      if (unknown.length > 0) throw new Conflict(`No action ${unknown.join(', ')} in this rectification.`);
      const done = new Set(b.done ?? []);
      const added = b.addActions ?? [];
      const ids = actionIds(r.actions.length, added.length);
      const actions: ActionItem[] = [
        ...r.actions.map((a) => (done.has(a.actionId) && !a.done ? { ...a, done: true, doneAt: at } : a)),
        ...added.map((a, i) => ({ ...a, actionId: ids[i]!, done: false })),
      ];
      const changes = {
        ...(b.title !== undefined ? { title: b.title } : {}),
        ...(b.owner !== undefined ? { owner: b.owner } : {}),
        ...(b.dueDate !== undefined ? { dueDate: b.dueDate } : {}),
      };
      return step(
        { ...base, ...changes, actions },
        { ...changes, ...(b.note ? { note: b.note } : {}), done: [...done], added: ids },
      );
    }
    case 'complete': {
      const open = r.actions.filter((a) => !a.done).map((a) => a.actionId);
      if (open.length > 0)
        throw new Conflict(`Actions ${open.join(', ')} are not done; mark them done (update) first.`);
      const { evidence } = body as RectificationBody<'complete'>;
      return step(
        { ...base, status: 'completed', evidence, completedAt: at, completedBy: principal.sub },
        { evidence },
      );
    }
    case 'verify': {
      const { note } = body as RectificationBody<'verify'>;
      return step(
        { ...base, status: 'verified', verifiedAt: at, verifiedBy: principal.sub },
        note ? { note } : {},
      );
    }
    default: {
      const { reason } = body as RectificationBody<'reopen'>;
      const { completedAt, completedBy, verifiedAt, verifiedBy, evidence, ...rest } = base;
      return step({ ...rest, status: 'open' }, { reason, previously: { status: r.status, evidence } });
    }
  }
}

/** The instant an action becomes overdue: the end of its due date in the company's time zone. */
export const actionDeadline = (dueDate: string, timeZone: string) =>
  instantIn(addDays(dueDate, 1), '00:00', timeZone);

/**
 * When the overdue sweep should next look at this rectification: its earliest deadline of an action
 * not done, or now when that has passed already (the sweep reads from its last hour on, so a
 * pointer into the past would be missed); none once it is no longer open.
 */
export function nextActionDue(r: Rectification, timeZone: string, now: Date): string | undefined {
  if (r.status !== 'open') return undefined;
  const deadlines = r.actions
    .filter((a) => !a.done)
    .map((a) => actionDeadline(a.dueDate, timeZone).getTime());
  if (deadlines.length === 0) return undefined;
  return new Date(Math.max(Math.min(...deadlines), now.getTime())).toISOString();
}

/** The actions overdue at `now` and not yet alerted for this due date (`<actionId>#<dueDate>`). */
export function overdueActions(
  r: Rectification,
  alerted: ReadonlySet<string>,
  timeZone: string,
  now: Date,
): ActionItem[] {
  if (r.status !== 'open') return [];
  return r.actions.filter(
    (a) =>
      !a.done &&
      actionDeadline(a.dueDate, timeZone).getTime() <= now.getTime() &&
      !alerted.has(`${a.actionId}#${a.dueDate}`),
  );
}

/** After alerts: the earliest deadline still ahead, of an action neither done nor alerted. */
export function nextUnalertedDue(
  r: Rectification,
  alerted: ReadonlySet<string>,
  timeZone: string,
  now: Date,
): string | undefined {
  if (r.status !== 'open') return undefined;
  const ahead = r.actions
    .filter((a) => !a.done && !alerted.has(`${a.actionId}#${a.dueDate}`))
    .map((a) => actionDeadline(a.dueDate, timeZone).getTime())
    .filter((t) => t > now.getTime());
  return ahead.length > 0 ? new Date(Math.min(...ahead)).toISOString() : undefined;
}
