/**
 * The triage use case: a received complaint gets its decision, status `triaged` and the
 * `complaint.triaged` event, once. A redelivered `complaint.received` finds the complaint already
 * triaged and changes nothing.
 */
import type { Clock } from '#shared/clock';
import type { Complaint } from '#shared/contracts/complaint';
import { buildEvent, type EventEnvelope } from '#shared/contracts/events/index';
import type { ClaimLink } from '../../claims/domain/claim-context';
import type { TriageRules } from './rules';
import { type TriageDecision, triage } from './triage';

export interface CustomerFacts {
  readonly birthDate?: string;
  readonly tier?: string;
}

export interface TriageStore {
  loadComplaint(complaintId: string): Promise<Complaint | undefined>;
  customerFacts(customerId: string): Promise<CustomerFacts | undefined>;
  /** The claims the complaint links to (its claim first, else its policy's), as far as it needs them. */
  claimsOf(link: ClaimLink): Promise<readonly { claimNumber: string; stage: string; stalled: boolean }[]>;
  /** Whether the customer filed another complaint in [since, before this one). */
  hasEarlierComplaint(customerKey: string, since: Date, complaint: Complaint): Promise<boolean>;
  /** Writes the decision if the complaint is still at `version`; false when someone got there first. */
  recordDecision(complaint: Complaint, decision: TriageDecision, event: EventEnvelope): Promise<boolean>;
}

export interface TriageDeps {
  readonly store: TriageStore;
  readonly rules: TriageRules;
  readonly clock: Clock;
}

const REPEAT_WINDOW_DAYS = 90;

export function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age--;
  return age;
}

export type TriageOutcome =
  | { readonly outcome: 'triaged'; readonly decision: TriageDecision }
  | { readonly outcome: 'skipped'; readonly why: string };

export async function triageComplaint(
  complaintId: string,
  correlationId: string,
  deps: TriageDeps,
): Promise<TriageOutcome> {
  const complaint = await deps.store.loadComplaint(complaintId);
  if (!complaint) return { outcome: 'skipped', why: 'complaint not found' };
  if (complaint.status !== 'received') return { outcome: 'skipped', why: `already ${complaint.status}` };

  const receivedAt = new Date(complaint.receivedAt);
  const customer = complaint.customerId ? await deps.store.customerFacts(complaint.customerId) : undefined;
  const birthDate = customer?.birthDate ?? complaint.customer.birthDate;
  const claims = await deps.store.claimsOf(complaint);
  const repeat = await deps.store.hasEarlierComplaint(
    complaint.customerKey,
    new Date(receivedAt.getTime() - REPEAT_WINDOW_DAYS * 86_400_000),
    complaint,
  );
  const decision = triage(
    {
      text: [complaint.subject, complaint.description, complaint.hotline?.summary].filter(Boolean).join('\n'),
      requestedCategory: complaint.requestedCategory,
      flags: complaint.hotline?.flags,
      hardship: complaint.hardship?.hardship,
      age: birthDate ? ageOn(birthDate, receivedAt) : undefined,
      tier: customer?.tier,
      repeatWithin90Days: repeat,
      claims,
    },
    deps.rules,
  );
  const event = buildEvent(
    'complaint.triaged',
    {
      complaintId,
      reference: complaint.reference,
      category: decision.category,
      priority: decision.priority,
      team: decision.team,
      signals: [...decision.signals],
      // the SLA service shortens the resolve clock where the regime has a hardship period
      hardship: decision.signals.includes('hardship'),
      reasons: [...decision.reasons],
      rulesVersion: decision.rulesVersion,
      triagedAt: deps.clock.now().toISOString(),
    },
    correlationId,
  );
  const recorded = await deps.store.recordDecision(complaint, decision, event);
  return recorded ? { outcome: 'triaged', decision } : { outcome: 'skipped', why: 'changed concurrently' };
}
