/**
 * What the SLA service does with each complaint event: start the regime's clocks on receipt, the
 * internal first-contact target on triage, pause and resume where the regime allows, restart on
 * new facts or reopening, stop on resolution and closure (clock-inputs.ts says what each event
 * does). Events are applied in the order the changes happened, not the order they arrive, and each
 * is taken once: a redelivered event finds itself among the clocks' inputs and changes nothing.
 */
import type { Clock } from '#shared/clock';
import { buildEvent, type EventEnvelope } from '#shared/contracts/events/index';
import type { ComplaintStatus, Priority } from '#shared/contracts/vocabulary';
import { type ClockInput, firstContactRule, type SlaCalendar, type SlaClock, startClock } from './clock';
import { movesClock, type SlaTrigger, type TriggerDelivery, takeInput } from './clock-inputs';
import { type ClockName, type Regime, type RegimeId, regimeFor, regimeIds, type SlaPolicy } from './policy';

export type { SlaTrigger, StatusChange, TriggerDelivery } from './clock-inputs';

export interface ComplaintFacts {
  readonly complaintId: string;
  readonly reference: string;
  readonly receivedAt: string;
  readonly status: ComplaintStatus;
  readonly priority?: Priority;
  readonly team?: string;
  readonly assignee?: string;
  /** The regime intake decided at receipt (and told the customer the deadlines of), when it did. */
  readonly regime?: string;
  /** The customer deadline the complaint item holds now (what status lookup and notify read). */
  readonly customerDeadline?: { readonly name: string; readonly dueAt: string };
  /** The team queue order the complaint item holds now (`<due instant>#<complaintId>`), if any. */
  readonly queueOrder?: string;
  /** An erased complaint closed: when its record expires (TTL, epoch seconds; services/privacy). */
  readonly expiresAt?: number;
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

/**
 * What an escalation changes on the complaint itself, and why (for the case timeline). Priority and
 * team are present only when they change: a breach at P1, or a second clock's escalation of a
 * complaint already at the escalation desk, marks it escalated and moves nothing.
 */
export interface EscalationUpdate {
  readonly priority?: Priority;
  readonly team?: string;
  readonly escalated: true;
  /** The clock whose breach escalated the case. */
  readonly clock: string;
  readonly reason: string;
}

export interface SlaStore {
  complaint(complaintId: string): Promise<ComplaintFacts | undefined>;
  regimeFacts(complaintId: string): Promise<RegimeFacts>;
  clocks(complaintId: string): Promise<SlaClock[]>;
  /**
   * Writes clocks (each carrying its next timer), then the complaint's customer deadline and queue
   * order where they differ from what it holds; false when a clock moved meanwhile (the caller
   * retries from fresh state). With events or an escalation, everything is one transaction (an
   * announcement never without its clock change, nor the other way round). Without, each clock is
   * a conditional write of its own: a clock written before a failure keeps the input it took, so
   * the retry or a redelivery takes it nowhere twice, and the complaint item, derived from the
   * clocks, is put right by the next delivery that finds it out of step (`trackComplaint`).
   */
  save(
    complaint: ComplaintFacts,
    writes: readonly ClockWrite[],
    events: readonly EventEnvelope[],
    update: ComplaintUpdate,
  ): Promise<boolean>;
  /**
   * Removes a timer item of the earlier layout (one item per timer, written before clocks carried
   * their own), unless it was written again meanwhile for another clock version.
   */
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
  /**
   * Set on a timer item of the earlier layout (one item per timer): the clock version it was made
   * for, stale once the clock moved on. Absent on the entry a clock carries itself: the sweep asks
   * that clock what is due.
   */
  readonly clockVersion?: number;
}

export interface SlaDeps {
  readonly store: SlaStore;
  readonly policy: SlaPolicy;
  readonly calendarFor: (regime: Regime) => SlaCalendar;
  readonly clock: Clock;
}

function metEvent(clock: SlaClock, complaint: ComplaintFacts, correlationId: string): EventEnvelope {
  return buildEvent(
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

const SAVE_ATTEMPTS = 5;

// a window that lapses (the UK summary window) orders nothing once it may have passed unseen
const isRunning = (c: SlaClock) => (c.state === 'running' || c.state === 'breached') && !c.lapses;

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

/** The queue order the complaint item holds for an earliest running deadline (none: after every live one). */
export const queueOrderOf = (complaintId: string, queueDueAt: string | null) =>
  `${queueDueAt ?? '9999-12-31T23:59:59.999Z'}#${complaintId}`;

/** Whether the complaint item already holds what `update` would write (no escalation pending). */
export function inStep(complaint: ComplaintFacts, update: ComplaintUpdate): boolean {
  const held = complaint.customerDeadline;
  const wanted = update.customerDeadline;
  return (
    !update.escalation &&
    complaint.queueOrder === queueOrderOf(complaint.complaintId, update.queueDueAt) &&
    (held ? wanted !== null && held.name === wanted.name && held.dueAt === wanted.dueAt : wanted === null)
  );
}

/**
 * The clocks a complaint should have and does not yet: the regime's clocks from receipt, whatever
 * event comes first, and the internal first-contact target once triage gave a priority. Each
 * starts with itself as the origin its inputs are folded on.
 */
function missingClocks(
  complaint: ComplaintFacts,
  clocks: ReadonlyMap<ClockName, SlaClock>,
  trigger: SlaTrigger,
  regime: Regime,
  regimeId: RegimeId,
  calendar: SlaCalendar,
  policy: SlaPolicy,
): SlaClock[] {
  const at = new Date(complaint.receivedAt);
  const started = clocksAtReceipt(complaint, regimeId, regime, calendar).filter((c) => !clocks.has(c.name));
  if (trigger.kind === 'triaged' && !clocks.has('first-contact')) {
    started.push(
      startClock({
        complaintId: complaint.complaintId,
        name: 'first-contact',
        regime: regimeId,
        rule: firstContactRule(policy, trigger.priority),
        at,
        reason: `internal target for ${trigger.priority}`,
        calendar,
      }),
    );
  }
  return started.map((c) => ({ ...c, origin: c, inputs: [] }));
}

/**
 * Applies one complaint event to its clocks, in its place among the events already taken (by when
 * each change happened, not by arrival); returns the clocks that changed. A redelivered event finds
 * itself among a clock's inputs and changes nothing.
 */
export async function trackComplaint(
  trigger: SlaTrigger,
  delivery: TriggerDelivery & { readonly correlationId: string },
  deps: SlaDeps,
): Promise<SlaClock[]> {
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    // two independent reads: in parallel, one round trip of latency instead of two
    const [complaint, stored] = await Promise.all([
      deps.store.complaint(trigger.complaintId),
      deps.store.clocks(trigger.complaintId),
    ]);
    if (!complaint) return [];
    const clocks = new Map(stored.map((c) => [c.name, c]));
    const regimeId =
      stored[0]?.regime ??
      recordedRegime(complaint.regime) ??
      regimeFor(deps.policy, await deps.store.regimeFacts(trigger.complaintId));
    const regime = deps.policy.regimes[regimeId]!;
    const calendar = deps.calendarFor(regime);
    const take = (clock: SlaClock, input: ClockInput) =>
      movesClock(input.trigger as SlaTrigger, clock.name)
        ? takeInput(clock, input, regime, calendar, deps.policy.warningFractions)
        : undefined;
    // a clock started late (first-contact once triage ran) takes the events the others already took
    const taken = new Map(stored.flatMap((c) => c.inputs ?? []).map((i) => [i.id, i]));
    const created = missingClocks(complaint, clocks, trigger, regime, regimeId, calendar, deps.policy).map(
      (clock) => [...taken.values()].reduce((c, i) => take(c, i) ?? c, clock),
    );
    const input = { id: delivery.id, at: new Date(delivery.occurredAt).toISOString(), trigger };
    const changed = [...created, ...stored].flatMap(
      (clock) => take(clock, input) ?? (clocks.has(clock.name) ? [] : [clock]),
    );
    if (changed.length === 0) {
      // nothing to take, but the complaint item may trail its clocks: a delivery that wrote its
      // clocks and failed before the complaint item (no transaction joins them) is put right here.
      // The clocks are read again first, after the complaint item: a change running alongside has
      // written its clocks before its complaint item, so this never writes back an older view
      // (and the store writes only over the queue order read, else this reads afresh).
      if (inStep(complaint, complaintUpdate(stored, []))) return [];
      const update = complaintUpdate(await deps.store.clocks(trigger.complaintId), []);
      if (inStep(complaint, update) || (await deps.store.save(complaint, [], [], update))) return [];
      continue;
    }
    const events = changed
      .filter((c) => c.state === 'met' && clocks.get(c.name)?.state !== 'met')
      .map((c) => metEvent(c, complaint, delivery.correlationId));
    const writes = changed.map((c) => ({ clock: c, expectedVersion: clocks.get(c.name)?.version }));
    if (await deps.store.save(complaint, writes, events, complaintUpdate([...clocks.values()], changed)))
      return changed;
  }
  throw new Error(`clocks of ${trigger.complaintId} kept changing; giving up for a redelivery`);
}

/**
 * The clocks a complaint's receipt starts under its regime. The one place that says so: the SLA
 * service starts them on `complaint.received`, and intake works out from them the deadlines it
 * records when it files the complaint (`openingDeadlines`), so the two can never disagree.
 */
export function clocksAtReceipt(
  complaint: Pick<ComplaintFacts, 'complaintId' | 'receivedAt'>,
  regimeId: RegimeId,
  regime: Regime,
  calendar: SlaCalendar,
): SlaClock[] {
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
}

/** A regime id recorded on the complaint, when it is one this policy knows. */
export function recordedRegime(value: string | undefined): RegimeId | undefined {
  return regimeIds.find((id) => id === value);
}

/** What a complaint opens with: its regime and the deadlines the customer is told at once. */
export interface OpeningDeadlines {
  readonly regime: RegimeId;
  /** The next customer-facing deadline, as the status lookup shows it (the SLA service keeps it). */
  readonly customerDeadline: { readonly name: string; readonly dueAt: string } | null;
  /** When the decision is due (the resolve clock): what the acknowledgement promises. */
  readonly decisionDueAt?: string;
}

/**
 * The regime and opening deadlines of a complaint being filed, by the same rules the SLA service
 * applies when it starts the clocks: the regime from the same facts (the policy's product, the
 * jurisdiction of the customer's imported time zone), the clocks from `clocksAtReceipt`, the
 * customer's deadline from `complaintUpdate`. Intake records the regime with the complaint, and
 * the SLA service then runs the clocks under that recorded regime.
 */
export function openingDeadlines(
  complaint: Pick<ComplaintFacts, 'complaintId' | 'receivedAt'> & { readonly hardship?: boolean },
  facts: RegimeFacts,
  deps: Pick<SlaDeps, 'policy' | 'calendarFor'>,
): OpeningDeadlines {
  const regimeId = regimeFor(deps.policy, facts);
  const regime = deps.policy.regimes[regimeId]!;
  const calendar = deps.calendarFor(regime);
  // what trackComplaint does on `complaint.received`: the clocks from receipt, then the receipt itself
  // (a complaint filed as hardship has the shorter period from the start)
  const received: SlaTrigger = {
    kind: 'received',
    complaintId: complaint.complaintId,
    hardship: complaint.hardship,
  };
  const receipt: ClockInput = { id: 'receipt', at: complaint.receivedAt, trigger: received };
  const clocks = clocksAtReceipt(complaint, regimeId, regime, calendar).map((clock) => {
    const origin = { ...clock, origin: clock, inputs: [] };
    return movesClock(received, clock.name)
      ? (takeInput(origin, receipt, regime, calendar, deps.policy.warningFractions) ?? origin)
      : origin;
  });
  return {
    regime: regimeId,
    customerDeadline: complaintUpdate([], clocks).customerDeadline,
    decisionDueAt: clocks.find((c) => c.name === 'resolve')?.dueAt,
  };
}
