/**
 * What the SLA service does with each complaint event: start the regime's clocks on receipt, the
 * internal first-contact target on triage, pause and resume where the regime allows, restart on
 * new facts or reopening, stop on resolution and closure. Every step is idempotent: a redelivered
 * event finds the clocks already moved and changes nothing.
 */
import type { Clock } from '../../../shared/clock';
import type { EventEnvelope } from '../../../shared/contracts/events';
import type { ComplaintStatus, Priority } from '../../../shared/contracts/vocabulary';
import { newEvent } from '../../../shared/outbox/outbox';
import {
  extendClock,
  firstContactRule,
  pauseClock,
  restartClock,
  resumeClock,
  type SlaCalendar,
  type SlaClock,
  startClock,
  stopClock,
} from './clock';
import {
  type ClockName,
  type PauseReason,
  type Regime,
  type RegimeId,
  regimeFor,
  type SlaPolicy,
} from './policy';

export interface ComplaintFacts {
  readonly complaintId: string;
  readonly reference: string;
  readonly receivedAt: string;
  readonly status: ComplaintStatus;
  readonly priority?: Priority;
  readonly team?: string;
  readonly assignee?: string;
}

/** What picks a complaint's regime: its policy's product and the customer's jurisdiction. */
export interface RegimeFacts {
  readonly product?: string;
  /** ISO country of the customer, when known. */
  readonly jurisdiction?: string;
}

/** The complaint fields the clocks keep current. */
export interface ComplaintUpdate {
  /** The next deadline the customer is told about, or null when none is running. */
  readonly customerDeadline: { readonly name: string; readonly dueAt: string } | null;
  /** The earliest running deadline: the order of the team queue. */
  readonly queueDueAt: string | null;
  readonly escalation?: EscalationUpdate;
}

export interface ClockWrite {
  readonly clock: SlaClock;
  /** The version the stored clock must still have; undefined for a new clock. */
  readonly expectedVersion?: number;
}

/** What an escalation changes on the complaint itself. */
export interface EscalationUpdate {
  readonly priority?: Priority;
  readonly team?: string;
  readonly escalated: true;
}

export interface SlaStore {
  complaint(complaintId: string): Promise<ComplaintFacts | undefined>;
  regimeFacts(complaintId: string): Promise<RegimeFacts>;
  clocks(complaintId: string): Promise<SlaClock[]>;
  /**
   * Writes clocks (with their timers), events and the complaint's next customer deadline in one
   * transaction; false when a clock moved meanwhile (the caller retries from fresh state).
   */
  save(
    complaint: ComplaintFacts,
    writes: readonly ClockWrite[],
    events: readonly EventEnvelope[],
    update: ComplaintUpdate,
  ): Promise<boolean>;
  /** Removes a timer whose clock has moved on (it was replaced when the clock was saved). */
  dropTimer(timer: DueTimer): Promise<void>;
  /** Timers due at or before `now`, read from the due-time index only. */
  dueTimers(now: Date): Promise<DueTimer[]>;
  /** Everything due before `now` has been handled: later sweeps need not look further back. */
  advanceCheckpoint(now: Date): Promise<void>;
}

export interface DueTimer {
  readonly complaintId: string;
  readonly clock: ClockName;
  readonly key: string;
  readonly at: string;
  readonly clockVersion: number;
}

export interface SlaDeps {
  readonly store: SlaStore;
  readonly policy: SlaPolicy;
  readonly calendarFor: (regime: Regime) => SlaCalendar;
  readonly clock: Clock;
}

export interface StatusChange {
  readonly complaintId: string;
  readonly from: ComplaintStatus;
  readonly to: ComplaintStatus;
  /** Assessment or appraisal (鉴定/检测/评估) started, once the customer has been told. */
  readonly pauseReason?: PauseReason;
  /** The customer brought new facts or material. */
  readonly newFacts?: boolean;
  /** The change contacted the customer (a request for information, a customer-visible note). */
  readonly customerContact?: boolean;
}

export type SlaTrigger =
  | { readonly kind: 'received'; readonly complaintId: string }
  | { readonly kind: 'triaged'; readonly complaintId: string; readonly priority: Priority }
  | ({ readonly kind: 'status-changed' } & StatusChange)
  | { readonly kind: 'resolved'; readonly complaintId: string }
  | { readonly kind: 'closed'; readonly complaintId: string }
  | { readonly kind: 'reopened'; readonly complaintId: string }
  | { readonly kind: 'acknowledged'; readonly complaintId: string }
  | {
      readonly kind: 'extended';
      readonly complaintId: string;
      readonly totalDays: number;
      readonly role: 'agent' | 'lead' | 'admin';
      readonly reason: string;
    };

type Plan = (ctx: {
  complaint: ComplaintFacts;
  clocks: Map<ClockName, SlaClock>;
  regime: Regime;
  regimeId: RegimeId;
  calendar: SlaCalendar;
  now: Date;
}) => SlaClock[];

function metEvent(clock: SlaClock, complaint: ComplaintFacts, correlationId: string): EventEnvelope {
  return newEvent(
    'sla.met',
    {
      complaintId: clock.complaintId,
      reference: complaint.reference,
      clock: clock.name,
      regime: clock.regime,
      dueAt: clock.dueAt,
      metAt: clock.stoppedAt,
      customerFacing: clock.customerFacing,
    },
    correlationId,
  );
}

const plans: Record<SlaTrigger['kind'], (trigger: SlaTrigger, deps: SlaDeps) => Plan> = {
  received:
    () =>
    ({ complaint, clocks, regime, regimeId, calendar }) => {
      if (clocks.size > 0) return [];
      const at = new Date(complaint.receivedAt);
      return Object.entries(regime.clocks).map(([name, rule]) =>
        startClock({
          complaintId: complaint.complaintId,
          name: name as ClockName,
          regime: regimeId,
          rule: rule!,
          at,
          reason: `received; ${rule!.rule}`,
          calendar,
        }),
      );
    },
  triaged:
    (trigger, deps) =>
    ({ complaint, clocks, regimeId, calendar }) => {
      if (clocks.has('first-contact') || trigger.kind !== 'triaged') return [];
      return [
        startClock({
          complaintId: complaint.complaintId,
          name: 'first-contact',
          regime: regimeId,
          rule: firstContactRule(deps.policy, trigger.priority),
          at: new Date(complaint.receivedAt),
          reason: `internal target for ${trigger.priority}`,
          calendar,
        }),
      ];
    },
  'status-changed':
    (trigger) =>
    ({ clocks, regime, calendar, now }) => {
      if (trigger.kind !== 'status-changed') return [];
      const next: SlaClock[] = [];
      const resolve = clocks.get('resolve');
      const pauseReason = trigger.to === 'awaiting-customer' ? 'awaiting-customer' : trigger.pauseReason;
      if (resolve && pauseReason) {
        const paused = pauseClock(resolve, regime, pauseReason, now);
        if (paused) next.push(paused);
      } else if (resolve?.state === 'paused' && trigger.from === 'awaiting-customer') {
        const resumed = resumeClock(resolve, now, 'customer responded', calendar);
        if (resumed) next.push(resumed);
      } else if (resolve?.state === 'paused' && resolve.pauseReason === 'appraisal' && !trigger.pauseReason) {
        const resumed = resumeClock(resolve, now, 'appraisal finished', calendar);
        if (resumed) next.push(resumed);
      }
      if (trigger.newFacts && regime.restartOnNewFacts && resolve) {
        // a restart replaces whatever pause or resume this change made to the resolve clock
        const latest = next.find((c) => c.name === 'resolve') ?? resolve;
        next.splice(0, next.length, ...next.filter((c) => c.name !== 'resolve'));
        next.push(
          restartClock(latest, now, 'new facts received: the period runs again from their receipt', calendar),
        );
      }
      const contacted = trigger.customerContact || trigger.to === 'awaiting-customer';
      const firstContact = clocks.get('first-contact');
      if (contacted && firstContact) {
        const stopped = stopClock(firstContact, now, 'customer contacted', calendar);
        if (stopped) next.push(stopped);
      }
      const progress = clocks.get('progress-update');
      if (contacted && progress && progress.state !== 'met') {
        next.push(restartClock(progress, now, 'progress update given', calendar));
      }
      return next;
    },
  resolved:
    () =>
    ({ clocks, calendar, now }) =>
      [...clocks.values()].flatMap((c) => stopClock(c, now, 'complaint resolved', calendar) ?? []),
  closed:
    () =>
    ({ clocks, calendar, now }) =>
      [...clocks.values()].flatMap((c) => stopClock(c, now, 'complaint closed', calendar) ?? []),
  reopened:
    () =>
    ({ clocks, calendar, now }) =>
      (['resolve', 'progress-update'] as const).flatMap((name) => {
        const clock = clocks.get(name);
        // only a stopped clock restarts: one running again was restarted by an earlier delivery of
        // this same reopen, and restarting it once more would move its deadline
        return clock?.stoppedAt ? [restartClock(clock, now, 'complaint reopened', calendar)] : [];
      }),
  extended:
    (trigger) =>
    ({ clocks, regime, calendar, now }) => {
      const resolve = clocks.get('resolve');
      const rule = regime.clocks.resolve;
      if (trigger.kind !== 'extended' || !resolve || !rule || resolve.period.amount >= trigger.totalDays)
        return [];
      // the case API checked the tiers when the agent asked; the same rules decide here
      const plan = extendClock({
        clock: resolve,
        rule,
        totalDays: trigger.totalDays,
        role: trigger.role,
        at: now,
        reason: trigger.reason,
        calendar,
      });
      return plan.allowed ? [plan.clock] : [];
    },
  acknowledged:
    () =>
    ({ clocks, calendar, now }) => {
      const ack = clocks.get('acknowledge');
      const stopped = ack && stopClock(ack, now, 'acknowledgement sent', calendar);
      return stopped ? [stopped] : [];
    },
};

const SAVE_ATTEMPTS = 5;

const isRunning = (c: SlaClock) => c.state === 'running' || c.state === 'breached';

/** The complaint's customer deadline and queue order once `changed` replaces the stored clocks. */
export function complaintUpdate(
  stored: readonly SlaClock[],
  changed: readonly SlaClock[],
  escalation?: EscalationUpdate,
): ComplaintUpdate {
  const merged = new Map(stored.map((c) => [c.name, c]));
  for (const c of changed) merged.set(c.name, c);
  const open = [...merged.values()].filter(isRunning).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const customer = open.find((c) => c.customerFacing);
  return {
    customerDeadline: customer ? { name: customer.name, dueAt: customer.dueAt } : null,
    queueDueAt: open[0]?.dueAt ?? null,
    escalation,
  };
}

/** Applies one complaint event to its clocks; returns the clocks that changed. */
export async function trackComplaint(
  trigger: SlaTrigger,
  correlationId: string,
  deps: SlaDeps,
): Promise<SlaClock[]> {
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    const complaint = await deps.store.complaint(trigger.complaintId);
    if (!complaint) return [];
    const stored = await deps.store.clocks(trigger.complaintId);
    const clocks = new Map(stored.map((c) => [c.name, c]));
    const regimeId =
      stored[0]?.regime ?? regimeFor(deps.policy, await deps.store.regimeFacts(trigger.complaintId));
    const regime = deps.policy.regimes[regimeId]!;
    const calendar = deps.calendarFor(regime);
    const now = deps.clock.now();
    const changed = plans[trigger.kind](
      trigger,
      deps,
    )({ complaint, clocks, regime, regimeId, calendar, now });
    if (changed.length === 0) return [];
    const events = changed
      .filter((c) => c.state === 'met' && clocks.get(c.name)?.state !== 'met')
      .map((c) => metEvent(c, complaint, correlationId));
    const writes = changed.map((c) => ({ clock: c, expectedVersion: clocks.get(c.name)?.version }));
    if (await deps.store.save(complaint, writes, events, complaintUpdate([...clocks.values()], changed)))
      return changed;
  }
  throw new Error(`clocks of ${trigger.complaintId} kept changing; giving up for a redelivery`);
}
