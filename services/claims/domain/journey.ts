/**
 * The journey of a policy and its claims, folded from the core events recorded for it. The fold
 * orders events by when they happened in the core system (then by type and event id), never by
 * when they arrived, so any arrival order of the same events gives the same journey, and an older
 * event arriving late never overwrites a newer state.
 */
import {
  type ClaimEventType,
  type CoreEvent,
  claimEventTypes,
  isClaimEventType,
  type PolicyEventType,
  policyEventTypes,
} from '#shared/contracts/core-events';

/** Where a claim stands: the type of its latest step. */
export type ClaimStage = ClaimEventType;
/** Stages after which nothing is pending from the insurer: no stall is watched. */
export const FINAL_CLAIM_STAGES: readonly ClaimStage[] = ['claim.paid', 'claim.declined'];

export interface ClaimJourney {
  readonly claimNumber: string;
  readonly policyNumber: string;
  readonly stage: ClaimStage;
  readonly registeredAt?: string;
  /** When the claim last moved (its latest step). */
  readonly lastProgressAt: string;
  readonly approvedAmount?: number;
  readonly paidAmount?: number;
  readonly declinedReason?: string;
  /** Documents asked for and not yet received (by the latest request). */
  readonly documentsOutstanding: readonly string[];
  /** Every step, oldest first. */
  readonly steps: readonly CoreEvent[];
}

export type PolicyStatus = 'in-force' | 'grace-period' | 'lapsed';

export interface PolicyJourney {
  readonly policyNumber: string;
  /** Unknown until an event says so. */
  readonly status?: PolicyStatus;
  readonly gracePeriodEndsOn?: string;
  readonly steps: readonly CoreEvent[];
}

export interface Journey {
  readonly policy: PolicyJourney;
  readonly claims: readonly ClaimJourney[];
}

const typeRank = new Map<string, number>(
  [...claimEventTypes, ...policyEventTypes].map((type, i) => [type, i] as const),
);

/** The order of the fold: occurredAt (as an instant), then the lifecycle order, then event id. */
export function compareEvents(a: CoreEvent, b: CoreEvent): number {
  return (
    Date.parse(a.occurredAt) - Date.parse(b.occurredAt) ||
    (typeRank.get(a.type) ?? 0) - (typeRank.get(b.type) ?? 0) ||
    (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)
  );
}

/** Distinct events (a redelivery counts once), in the fold's order. */
function ordered(events: readonly CoreEvent[]): CoreEvent[] {
  const byId = new Map<string, CoreEvent>();
  for (const e of events) if (!byId.has(e.eventId)) byId.set(e.eventId, e);
  return [...byId.values()].sort(compareEvents);
}

export function foldClaim(events: readonly CoreEvent[]): ClaimJourney | undefined {
  const steps = ordered(events.filter((e) => isClaimEventType(e.type)));
  const last = steps.at(-1);
  if (!last?.claimNumber) return undefined;
  let outstanding: string[] = [];
  let approvedAmount: number | undefined;
  let paidAmount: number | undefined;
  let declinedReason: string | undefined;
  for (const step of steps) {
    const documents = (step.data.documents as string[] | undefined) ?? [];
    if (step.type === 'claim.documents-requested') outstanding = [...documents];
    if (step.type === 'claim.documents-received')
      outstanding = documents.length ? outstanding.filter((d) => !documents.includes(d)) : [];
    if (step.type === 'claim.approved') approvedAmount = step.data.amount as number;
    if (step.type === 'claim.paid') paidAmount = step.data.amount as number;
    if (step.type === 'claim.declined') declinedReason = step.data.reason as string;
  }
  return {
    claimNumber: last.claimNumber,
    policyNumber: last.policyNumber,
    stage: last.type as ClaimStage,
    registeredAt: steps.find((s) => s.type === 'claim.registered')?.occurredAt,
    lastProgressAt: last.occurredAt,
    ...(approvedAmount !== undefined && { approvedAmount }),
    ...(paidAmount !== undefined && { paidAmount }),
    ...(declinedReason !== undefined && { declinedReason }),
    documentsOutstanding: outstanding,
    steps,
  };
}

const POLICY_STATUS: Partial<Record<PolicyEventType, PolicyStatus>> = {
  'policy.premium-paid': 'in-force',
  'policy.reinstated': 'in-force',
  'policy.renewed': 'in-force',
  'policy.lapse-warning': 'grace-period',
  'policy.lapsed': 'lapsed',
};

export function foldPolicy(policyNumber: string, events: readonly CoreEvent[]): PolicyJourney {
  const steps = ordered(events.filter((e) => !isClaimEventType(e.type)));
  let status: PolicyStatus | undefined;
  let gracePeriodEndsOn: string | undefined;
  for (const step of steps) {
    status = POLICY_STATUS[step.type as PolicyEventType] ?? status;
    if (step.type === 'policy.lapse-warning') gracePeriodEndsOn = step.data.gracePeriodEndsOn as string;
  }
  return {
    policyNumber,
    ...(status && { status }),
    ...(status === 'grace-period' && gracePeriodEndsOn && { gracePeriodEndsOn }),
    steps,
  };
}

/** The journey of one policy from every core event recorded for it, in any order. */
export function foldJourney(policyNumber: string, events: readonly CoreEvent[]): Journey {
  const byClaim = new Map<string, CoreEvent[]>();
  for (const e of events) {
    if (!isClaimEventType(e.type) || !e.claimNumber) continue;
    byClaim.set(e.claimNumber, [...(byClaim.get(e.claimNumber) ?? []), e]);
  }
  const claims = [...byClaim.values()]
    .map(foldClaim)
    .filter((c): c is ClaimJourney => c !== undefined)
    .sort((a, b) => (a.claimNumber < b.claimNumber ? -1 : a.claimNumber > b.claimNumber ? 1 : 0));
  return { policy: foldPolicy(policyNumber, events), claims };
}
