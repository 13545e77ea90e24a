/**
 * GET /v1/customers/{customerId}/journey: a customer's policies, claims (with their timelines),
 * complaints and the messages sent to them, and one timeline of all of it, newest first. Admins see
 * every customer; agents and leads only a customer with a complaint on their team (the case team).
 */

import { Forbidden, NotFound } from '#shared/domain/errors';
import type { Principal } from '#shared/domain/principal';
import type { ClaimContext } from './claim-context';

export interface JourneyComplaint {
  readonly complaintId: string;
  readonly reference: string;
  readonly status: string;
  readonly team?: string;
  readonly category?: string;
  readonly receivedAt: string;
}

export interface JourneyPolicy {
  readonly policyNumber: string;
  readonly product?: string;
  readonly status?: string;
}

/** A notification sent (or held, or refused) to the customer: what kind, how, and what became of it. */
export interface JourneyMessage {
  readonly messageType: string;
  /** Which message of its type, e.g. `journey:claim-declined`. */
  readonly purpose?: string;
  readonly channel?: string;
  readonly outcome: string;
  readonly at: string;
  readonly complaintId?: string;
}

/** The customer's relationship health as the relationship service last computed it. */
export interface JourneyHealth {
  readonly score: number;
  readonly band: string;
  readonly reasons: readonly { factor: string; points: number; max: number; detail: string }[];
  readonly computedAt: string;
}

export interface JourneySources {
  /** Undefined until the relationship service has computed it (services/relationship). */
  health(customerId: string): Promise<JourneyHealth | undefined>;
  policies(customerId: string): Promise<JourneyPolicy[]>;
  complaints(customerId: string): Promise<JourneyComplaint[]>;
  /** The customer's newest messages, without their content. */
  messages(customerId: string): Promise<JourneyMessage[]>;
  claimsOf(policyNumber: string): Promise<ClaimContext[]>;
  /** The policy's own events (premium, lapse, change), as timeline entries. */
  policyEventsOf(
    policyNumber: string,
  ): Promise<{ type: string; occurredAt: string; data: Record<string, unknown> }[]>;
}

export interface JourneyEntry {
  readonly at: string;
  readonly kind: 'policy' | 'claim' | 'complaint' | 'message';
  readonly type: string;
  readonly purpose?: string;
  readonly channel?: string;
  readonly outcome?: string;
  readonly policyNumber?: string;
  readonly claimNumber?: string;
  readonly complaintId?: string;
}

export async function customerJourney(customerId: string, principal: Principal, sources: JourneySources) {
  const [policies, complaints, messages, health] = await Promise.all([
    sources.policies(customerId),
    sources.complaints(customerId),
    sources.messages(customerId),
    sources.health(customerId),
  ]);
  if (policies.length === 0 && complaints.length === 0) throw new NotFound('No customer with this id.');
  if (
    principal.role !== 'admin' &&
    !complaints.some((c) => c.team !== undefined && c.team === principal.team)
  )
    throw new Forbidden("Only admins and the customer's case team may see this journey.");
  const perPolicy = await Promise.all(
    policies.map(async (p) => ({
      claims: await sources.claimsOf(p.policyNumber),
      events: await sources.policyEventsOf(p.policyNumber),
      policyNumber: p.policyNumber,
    })),
  );
  const claims = perPolicy.flatMap((p) => p.claims);
  const entries: JourneyEntry[] = [
    ...perPolicy.flatMap((p) =>
      p.events.map((e) => ({
        at: e.occurredAt,
        kind: 'policy' as const,
        type: e.type,
        policyNumber: p.policyNumber,
      })),
    ),
    ...claims.flatMap((c) =>
      c.timeline.map((t) => ({
        at: t.occurredAt,
        kind: 'claim' as const,
        type: t.type,
        policyNumber: c.policyNumber,
        claimNumber: c.claimNumber,
      })),
    ),
    ...complaints.map((c) => ({
      at: c.receivedAt,
      kind: 'complaint' as const,
      type: 'complaint.received',
      complaintId: c.complaintId,
    })),
    ...messages.map((m) => ({
      at: m.at,
      kind: 'message' as const,
      type: m.messageType,
      ...(m.purpose !== undefined && { purpose: m.purpose }),
      ...(m.channel !== undefined && { channel: m.channel }),
      outcome: m.outcome,
      ...(m.complaintId !== undefined && { complaintId: m.complaintId }),
    })),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return {
    customerId,
    policies,
    claims: [...claims].sort((a, b) => Date.parse(b.lastProgressAt) - Date.parse(a.lastProgressAt)),
    complaints: [...complaints].sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt)),
    timeline: entries,
    ...(health && { health }),
  };
}
