/**
 * Case work: one action on one complaint by one agent, lead or admin. Checks scope, version,
 * state and role; then writes the change, an immutable timeline entry and the action's events in
 * one transaction, conditional on the version read — so a lost update is impossible.
 */
import type { Clock } from '#shared/clock';
import type { Complaint } from '#shared/contracts/complaint';
import { buildEvent, type EventEnvelope } from '#shared/contracts/events/index';
import { canonicalRootCause } from '#shared/contracts/root-causes/taxonomy';
import type { ComplaintStatus } from '#shared/contracts/vocabulary';
import {
  Conflict,
  Forbidden,
  NotFound,
  PreconditionFailed,
  PreconditionRequired,
} from '#shared/domain/errors';
import type { Principal } from '#shared/domain/principal';
import { recordRetention } from '../../privacy/domain/retention-holds';
import {
  extendClock,
  restartClock,
  type SlaCalendar,
  type SlaClock,
  setHardship,
} from '../../sla/domain/clock';
import type { Regime } from '../../sla/domain/policy';
import type { SlaRules } from '../../sla/domain/sla-rules';
import {
  type ActionBody,
  actionRules,
  allowedActions,
  type CaseAction,
  REOPEN_WINDOW_DAYS,
} from './case-actions';

export interface TimelineEntry {
  readonly at: string;
  readonly actor: string;
  readonly role: string;
  readonly action: CaseAction | string;
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
  readonly detail?: Record<string, unknown>;
}

export interface CaseChange {
  /** Fields to set on the complaint (undefined values are removed). */
  readonly set: Partial<Complaint> & Record<string, unknown>;
  readonly timeline: TimelineEntry;
  readonly events: readonly EventEnvelope[];
  /** False for notes: they append to the timeline without changing the case or its version. */
  readonly bumpsVersion: boolean;
  /**
   * Items written with the change, each only if its key is new (a reply's attachments and its
   * idempotency record): one that exists already refuses the whole change.
   */
  readonly records?: readonly Record<string, unknown>[];
}

export interface CaseStore {
  load(complaintId: string): Promise<Complaint | undefined>;
  resolveClock(complaintId: string): Promise<SlaClock | undefined>;
  /** Applies the change if the complaint is still at `version` and its records are new; false otherwise. */
  apply(complaint: Complaint, change: CaseChange): Promise<boolean>;
}

export interface CaseDeps {
  readonly store: CaseStore;
  readonly clock: Clock;
  readonly sla: SlaRules;
}

export interface ActionCommand<A extends CaseAction = CaseAction> {
  readonly complaintId: string;
  readonly action: A;
  readonly body: ActionBody<A>;
  readonly principal: Principal;
  /** The version from `If-Match`. */
  readonly ifMatch: number | undefined;
  readonly correlationId: string;
}

/** Agents and leads work within their team; a case of another team does not exist for them. */
export function inScope(principal: Principal, complaint: Pick<Complaint, 'team'>): boolean {
  return principal.role === 'admin' || (principal.team !== undefined && complaint.team === principal.team);
}

export async function loadInScope(
  store: CaseStore,
  complaintId: string,
  principal: Principal,
): Promise<Complaint> {
  const complaint = await store.load(complaintId);
  if (!complaint || !inScope(principal, complaint)) throw new NotFound(`No case ${complaintId}.`);
  return complaint;
}

function statusEvent(
  complaint: Complaint,
  to: ComplaintStatus,
  extra: Record<string, unknown>,
  correlationId: string,
): EventEnvelope {
  return buildEvent(
    'complaint.status-changed',
    {
      complaintId: complaint.complaintId,
      reference: complaint.reference,
      from: complaint.status,
      to,
      ...extra,
    },
    correlationId,
  );
}

type Planner<A extends CaseAction> = (
  complaint: Complaint,
  command: ActionCommand<A>,
  deps: CaseDeps,
  now: Date,
) => Promise<Omit<CaseChange, 'timeline' | 'bumpsVersion'> & { detail?: Record<string, unknown> }>;

function withinReopenWindow(complaint: Complaint, now: Date): boolean {
  const since = complaint.resolution?.resolvedAt ?? complaint.closedAt;
  return since !== undefined && now.getTime() - new Date(since).getTime() <= REOPEN_WINDOW_DAYS * 86_400_000;
}

/**
 * A complaint record is kept for its regime's period after closure (services/privacy): closing it
 * sets the TTL attribute, reopening takes it away until it closes again. An erased complaint's
 * skeleton also shows the end on its hold, with the regime the erasure resolved. The SLA consumer
 * of these events carries the TTL to the rest of the partition and the reference item.
 */
function holdChange(complaint: Complaint, closedAt: string | undefined) {
  const { retentionHold: hold } = complaint as Complaint & { retentionHold?: { regime: string } };
  const { retentionHold, expiresAt } = recordRetention(hold?.regime ?? complaint.regime, closedAt);
  return hold ? { retentionHold, expiresAt } : { expiresAt };
}

function reopenChange(complaint: Complaint, reason: string, correlationId: string) {
  return {
    set: {
      status: 'in-progress' as const,
      resolution: undefined,
      closedAt: undefined,
      reopenCount: (complaint.reopenCount ?? 0) + 1,
      ...holdChange(complaint, undefined),
    },
    events: [
      statusEvent(complaint, 'in-progress', { reopened: true }, correlationId),
      buildEvent(
        'complaint.reopened',
        { complaintId: complaint.complaintId, reference: complaint.reference, reason },
        correlationId,
      ),
    ],
  };
}

/**
 * The resolve clock as the SLA service will hold it once it has taken in the customer's new facts:
 * their event may still be on its way (the service folds events in the order they happened), and
 * the deadline this API answers — and tells the customer in a delay notice — must be that one.
 */
function withNewFacts(
  clock: SlaClock,
  complaint: Complaint,
  regime: Regime,
  calendar: SlaCalendar,
): SlaClock {
  const at = complaint.newFactsAt;
  if (!at || !regime.restartOnNewFacts || Date.parse(at) <= Date.parse(clock.startedAt)) return clock;
  return restartClock(
    clock,
    new Date(at),
    'new facts received: the period runs again from their receipt',
    calendar,
  );
}

/** One extension tier of the case's resolve clock, as `days` (added to the current period) the caller may ask. */
export interface ExtensionOption {
  /** Total days of the period this tier allows at most. */
  readonly upToDays: number;
  /** The fewest and most `days` an extend request may add within this tier. */
  readonly minDays: number;
  readonly maxDays: number;
  /** The customer is told of the extension (a delay notice). */
  readonly customerNotice: boolean;
  readonly rule: string;
}

/**
 * The extension tiers of the case's resolve clock that this person may approve, by the same rules
 * the extend action applies (the regime's tiers, services/sla `extendClock`): none when the case is
 * past working, its clock has stopped or the regime allows no extension.
 */
export function extensionOptions(
  complaint: Complaint,
  stored: SlaClock | undefined,
  principal: Principal,
  sla: SlaRules,
): ExtensionOption[] {
  // extendClock extends an open clock only: running, paused or breached
  const open = stored && ['running', 'paused', 'breached'].includes(stored.state);
  if (!stored || !open || !actionRules.extend.from.includes(complaint.status)) return [];
  const regime = sla.policy.regimes[stored.regime];
  const tiers = regime?.clocks.resolve?.extensions ?? [];
  if (!regime || tiers.length === 0) return [];
  const current = withNewFacts(stored, complaint, regime, sla.calendarFor(regime)).period.amount;
  const options: ExtensionOption[] = [];
  // a tier takes the totals above the tier before it (extendClock picks the first tier that fits)
  let floor = current;
  for (const tier of tiers) {
    if (tier.upToDays > floor && tier.approval.includes(principal.role)) {
      options.push({
        upToDays: tier.upToDays,
        minDays: floor - current + 1,
        maxDays: tier.upToDays - current,
        customerNotice: tier.customerNotice,
        rule: tier.rule,
      });
    }
    floor = Math.max(floor, tier.upToDays);
  }
  return options;
}

const planners: { [A in CaseAction]: Planner<A> } = {
  async assign(complaint, { body, principal, correlationId }) {
    if (principal.role === 'agent' && body.assignee !== principal.sub) {
      throw new Forbidden('Agents may assign cases to themselves only.');
    }
    const to = complaint.status === 'triaged' ? 'assigned' : complaint.status;
    return {
      set: { assignee: body.assignee, status: to },
      events: [
        buildEvent(
          'complaint.assigned',
          {
            complaintId: complaint.complaintId,
            reference: complaint.reference,
            assignee: body.assignee,
            previousAssignee: complaint.assignee,
            team: complaint.team,
          },
          correlationId,
        ),
        ...(to !== complaint.status ? [statusEvent(complaint, to, {}, correlationId)] : []),
      ],
    };
  },
  async notes(complaint, { body, correlationId }) {
    // a note the customer sees is contact with the customer (first contact, progress updates)
    const events =
      body.visibility === 'customer'
        ? [statusEvent(complaint, complaint.status, { customerContact: true, note: true }, correlationId)]
        : [];
    return { set: {}, events, detail: { visibility: body.visibility, text: body.text } };
  },
  async 'request-info'(complaint, { body, correlationId }) {
    return {
      set: { status: 'awaiting-customer' },
      events: [
        statusEvent(
          complaint,
          'awaiting-customer',
          { customerContact: true, requestInfo: true },
          correlationId,
        ),
      ],
      detail: { message: body.message },
    };
  },
  async 'customer-response'(complaint, { body, correlationId }) {
    return customerResponse(complaint, body, correlationId);
  },
  async 'new-facts'(complaint, { body, correlationId }) {
    const material = complaint.newMaterial;
    if (!material) throw new Conflict('No reply from the customer is waiting to be read for new facts.');
    if (!body.newFacts)
      return { set: { newMaterial: undefined }, events: [], detail: { ...material, newFacts: false } };
    // dated when the reply came: the SLA service folds events in the order the changes happened, so
    // the clock restarts from the receipt of the new material, not from the agent's reading of it
    const event = {
      ...statusEvent(complaint, complaint.status, { newFacts: true }, correlationId),
      occurredAt: material.receivedAt,
    };
    return {
      set: { newMaterial: undefined, newFactsAt: material.receivedAt },
      events: [event],
      detail: { ...material, newFacts: true },
    };
  },
  async extend(complaint, { body, principal, correlationId }, deps, now) {
    const stored = await deps.store.resolveClock(complaint.complaintId);
    if (!stored) throw new Conflict('This case has no running resolve clock to extend.');
    const regime = deps.sla.policy.regimes[stored.regime]!;
    const rule = regime.clocks.resolve!;
    const calendar = deps.sla.calendarFor(regime);
    const clock = withNewFacts(stored, complaint, regime, calendar);
    const totalDays = clock.period.amount + body.days;
    const plan = extendClock({
      clock,
      rule,
      totalDays,
      role: principal.role,
      at: now,
      reason: body.reason,
      calendar,
    });
    if (!plan.allowed) throw new Conflict(`The extension is not allowed: ${plan.rule}.`, { rule: plan.rule });
    return {
      set: {},
      events: [
        buildEvent(
          'complaint.extended',
          {
            complaintId: complaint.complaintId,
            reference: complaint.reference,
            totalDays,
            role: principal.role,
            reason: body.reason,
            dueAt: plan.clock.dueAt,
            customerNotice: plan.customerNotice,
          },
          correlationId,
        ),
      ],
      detail: {
        days: body.days,
        totalDays,
        dueAt: plan.clock.dueAt,
        rule: plan.tier.rule,
        customerNotice: plan.customerNotice,
      },
    };
  },
  async resolve(complaint, { body, principal, correlationId }, _deps, now) {
    // a v1 flat value is recorded as the taxonomy code it maps to (the schema let only those through)
    const rootCause = canonicalRootCause(body.rootCause) ?? body.rootCause;
    const resolution = { ...body, rootCause, resolvedAt: now.toISOString(), resolvedBy: principal.sub };
    return {
      set: { status: 'resolved', resolution },
      events: [
        statusEvent(complaint, 'resolved', { customerContact: true }, correlationId),
        buildEvent(
          'complaint.resolved',
          {
            complaintId: complaint.complaintId,
            reference: complaint.reference,
            outcome: body.outcome,
            rootCause,
            resolvedAt: resolution.resolvedAt,
            language: complaint.language,
            preferredChannel: complaint.preferredChannel,
          },
          correlationId,
        ),
      ],
      detail: { outcome: body.outcome, rootCause },
    };
  },
  async close(complaint, { correlationId }, _deps, now) {
    return {
      set: { status: 'closed', closedAt: now.toISOString(), ...holdChange(complaint, now.toISOString()) },
      events: [
        statusEvent(complaint, 'closed', {}, correlationId),
        buildEvent(
          'complaint.closed',
          { complaintId: complaint.complaintId, reference: complaint.reference, closedAt: now.toISOString() },
          correlationId,
        ),
      ],
    };
  },
  async reopen(complaint, { body, correlationId }, _deps, now) {
    if (!withinReopenWindow(complaint, now)) {
      throw new Conflict(`A case can be reopened within ${REOPEN_WINDOW_DAYS} days of its resolution only.`);
    }
    return { ...reopenChange(complaint, body.reason, correlationId), detail: { reason: body.reason } };
  },
  async 'follow-up'(complaint, { body, principal, correlationId }, _deps, now) {
    // reopening is the lead's decision whichever action asks for it: an agent records the
    // follow-up and leaves the reopen to a lead
    if (body.reopen && !actionRules.reopen.roles.includes(principal.role)) {
      throw new Forbidden(
        `Reopening needs the role ${actionRules.reopen.roles.join(' or ')}: record the follow-up without "reopen" and ask a lead to reopen.`,
      );
    }
    const followUp = {
      satisfaction: body.satisfaction,
      comment: body.comment,
      recordedAt: now.toISOString(),
    };
    const recorded = buildEvent(
      'complaint.follow-up-recorded',
      { complaintId: complaint.complaintId, reference: complaint.reference, satisfaction: body.satisfaction },
      correlationId,
    );
    // a dissatisfied customer who asks for it gets the case looked at again
    if (body.reopen && body.satisfaction <= 2 && withinReopenWindow(complaint, now)) {
      const reopened = reopenChange(
        complaint,
        'dissatisfied at follow-up; the customer asked to reopen',
        correlationId,
      );
      return {
        set: { ...reopened.set, followUp },
        events: [recorded, ...reopened.events],
        detail: { ...followUp, reopened: true },
      };
    }
    return { set: { followUp }, events: [recorded], detail: followUp };
  },
  async hardship(complaint, { body, principal, correlationId }, deps, now) {
    // where the regime has a hardship period (au-asic: 21 days) the SLA service re-derives the
    // resolve clock from this event; the answer shows the deadline it will hold
    const stored = await deps.store.resolveClock(complaint.complaintId);
    const regime = stored && deps.sla.policy.regimes[stored.regime];
    const rule = regime?.clocks.resolve;
    const derived =
      stored && regime && rule
        ? setHardship({
            clock: withNewFacts(stored, complaint, regime, deps.sla.calendarFor(regime)),
            rule,
            hardship: body.hardship,
            at: now,
            reason: body.reason,
            calendar: deps.sla.calendarFor(regime),
          })
        : undefined;
    return {
      set: {
        hardship: {
          hardship: body.hardship,
          reason: body.reason,
          markedAt: now.toISOString(),
          markedBy: principal.sub,
        },
      },
      events: [
        statusEvent(
          complaint,
          complaint.status,
          { hardship: body.hardship, hardshipReason: body.reason },
          correlationId,
        ),
      ],
      detail: {
        hardship: body.hardship,
        reason: body.reason,
        // undefined when the regime has no hardship period or the clock already has that one
        dueAt: derived?.dueAt,
      },
    };
  },
};

/**
 * The customer answered a request for information: the case is worked again and a clock paused for
 * the customer resumes (services/sla, from this status change); with new facts it restarts.
 */
export function customerResponse(
  complaint: Complaint,
  body: { readonly message: string; readonly newFacts?: boolean },
  correlationId: string,
) {
  const event = statusEvent(complaint, 'in-progress', { newFacts: body.newFacts === true }, correlationId);
  return {
    // when the new facts came: the resolve clock restarts from that instant (its event's own)
    set: { status: 'in-progress' as const, ...(body.newFacts ? { newFactsAt: event.occurredAt } : {}) },
    events: [event],
    detail: { message: body.message, newFacts: body.newFacts === true },
  };
}

const TRACKED = ['status', 'assignee', 'team', 'priority'] as const;
const snapshot = (c: Partial<Complaint>) =>
  Object.fromEntries(TRACKED.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));

export async function performAction<A extends CaseAction>(
  command: ActionCommand<A>,
  deps: CaseDeps,
): Promise<Complaint> {
  const complaint = await loadInScope(deps.store, command.complaintId, command.principal);
  const rule = actionRules[command.action];
  if (rule.changesState) {
    if (command.ifMatch === undefined)
      throw new PreconditionRequired('Send If-Match with the version you last read.');
    if (command.ifMatch !== complaint.version) {
      throw new PreconditionFailed(
        `The case changed since version ${command.ifMatch}; it is now at ${complaint.version}.`,
        {
          currentVersion: complaint.version,
        },
      );
    }
  }
  if (!rule.from.includes(complaint.status)) {
    const allowed = allowedActions(complaint.status);
    throw new Conflict(`"${command.action}" is not possible while the case is ${complaint.status}.`, {
      status: complaint.status,
      allowedActions: allowed,
    });
  }
  if (!rule.roles.includes(command.principal.role)) {
    throw new Forbidden(`"${command.action}" needs the role ${rule.roles.join(' or ')}.`);
  }
  return applyAction(complaint, command, deps, command.principal);
}

/** Plans the action and writes it with its timeline entry and events, if the case is still as read. */
async function applyAction<A extends CaseAction>(
  complaint: Complaint,
  command: ActionCommand<A>,
  deps: CaseDeps,
  actor: { readonly sub: string; readonly role: string },
): Promise<Complaint> {
  const rule = actionRules[command.action];
  const now = deps.clock.now();
  const planned = await planners[command.action](complaint, command, deps, now);
  const after = { ...complaint, ...planned.set };
  const change: CaseChange = {
    set: planned.set,
    events: planned.events,
    bumpsVersion: rule.changesState,
    timeline: {
      at: now.toISOString(),
      actor: actor.sub,
      role: actor.role,
      action: command.action,
      before: snapshot(complaint),
      after: snapshot(after),
      detail: planned.detail,
    },
  };
  if (!(await deps.store.apply(complaint, change))) {
    throw new PreconditionFailed('The case changed while this action was being applied; read it again.');
  }
  return { ...after, version: complaint.version + (rule.changesState ? 1 : 0) };
}

/** The customer, rating from a signed link: on the timeline as `customer`, in no team and no role. */
const CUSTOMER = { sub: 'customer', role: 'customer' } as const;

/**
 * The customer's own satisfaction rating, from the rating page's signed link: the `follow-up`
 * action, recorded once per complaint. A second rating, theirs or one an agent took by phone,
 * is a Conflict that changes nothing; two at once cannot both pass (the write is conditional on
 * the version read, and the loser finds the rating already there).
 */
export async function recordCustomerRating(
  reference: string,
  rating: { readonly satisfaction: number; readonly comment?: string },
  deps: CaseDeps & { readonly findByReference: (reference: string) => Promise<Complaint | undefined> },
  correlationId: string,
): Promise<Complaint> {
  for (let attempt = 0; ; attempt++) {
    const complaint = await deps.findByReference(reference);
    if (!complaint) throw new NotFound('No complaint matches this link.');
    if (complaint.followUp) {
      throw new Conflict('Your rating of this complaint was already recorded.', {
        recordedAt: complaint.followUp.recordedAt,
      });
    }
    if (!actionRules['follow-up'].from.includes(complaint.status)) {
      throw new Conflict('This complaint can be rated once it is resolved.', { status: complaint.status });
    }
    const command: ActionCommand<'follow-up'> = {
      complaintId: complaint.complaintId,
      action: 'follow-up',
      body: rating,
      // never used by the follow-up planner without `reopen`, which a customer's rating never asks
      principal: { sub: CUSTOMER.sub, role: 'agent', team: complaint.team },
      ifMatch: complaint.version,
      correlationId,
    };
    try {
      return await applyAction(complaint, command, deps, CUSTOMER);
    } catch (error) {
      // changed in between (an agent's action, or this very rating sent twice): read it again
      if (!(error instanceof PreconditionFailed) || attempt >= 2) throw error;
    }
  }
}
