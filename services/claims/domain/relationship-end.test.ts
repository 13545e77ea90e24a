/**
 * The claims journeys' records follow the customer's relationship: the relationship consumer
 * marks every core event and claim state of the customer's policies from the profile as it is
 * now, and a step followed after the end takes it from the policy lookup.
 */
import { describe, expect, it } from 'vitest';
import { calendarFor } from '#shared/calendar/business-calendar';
import type { CoreEvent } from '#shared/contracts/core-events';
import { periodRule } from '../../privacy/domain/retention-rules';
import { followJourney } from './follow-journey';
import { followRelationship } from './follow-relationship';
import type { ClaimState, CustomerRelationship, PolicyHolder } from './ports';
import type { RelationshipEnd } from './relationship-end';

const NOW = new Date('2027-03-01T00:00:00Z');
const ENDED = '2027-01-31';
const expiresAt = (kind: string) =>
  Date.parse(`${ENDED}T00:00:00Z`) / 1000 + periodRule('Customers', kind).days * 86_400;

const step = (eventId: string, policyNumber: string, claimNumber?: string): CoreEvent => ({
  eventId,
  type: claimNumber ? 'claim.registered' : 'policy.premium-paid',
  occurredAt: '2026-12-01T02:00:00Z',
  policyNumber,
  ...(claimNumber && { claimNumber }),
  data: claimNumber ? {} : { amount: 100 },
});

const journeys: Record<string, CoreEvent[]> = {
  P1: [step('e1', 'P1', 'C1'), step('e2', 'P1', 'C1'), step('e3', 'P1')],
  P2: [step('e4', 'P2', 'C2')],
};

function fakes(...profiles: (CustomerRelationship | undefined)[]) {
  // each read of the profile takes the next of `profiles`, the last one for ever after
  let reads = 0;
  const relationshipOf = async () => profiles[Math.min(reads++, profiles.length - 1)];
  const events = new Map<string, RelationshipEnd | undefined>();
  const states = new Map<string, RelationshipEnd | undefined>();
  const read: string[] = [];
  return {
    events,
    states,
    read,
    deps: {
      customers: { relationshipOf },
      log: {
        eventsOf: async (policyNumber: string) => {
          read.push(policyNumber);
          return journeys[policyNumber] ?? [];
        },
        setRelationshipEnd: async (eventId: string, end: RelationshipEnd | undefined) => {
          events.set(eventId, end);
          return true;
        },
      },
      claims: {
        setRelationshipEnd: async (claimNumber: string, end: RelationshipEnd | undefined) => {
          states.set(claimNumber, end);
          return true;
        },
      },
      now: () => NOW,
    },
  };
}

describe('followRelationship', () => {
  it("marks every core event and claim state of the customer's policies with the profile's end and its expiry", async () => {
    const f = fakes({ relationshipEndedAt: ENDED, policyNumbers: ['P1', 'P2'] });
    expect(await followRelationship('CU1', f.deps)).toEqual({
      outcome: 'ended',
      journeyEvents: 4,
      claimStates: 2,
      changed: 6,
    });
    const eventEnd = { relationshipEndedAt: ENDED, expiresAt: expiresAt('journey-event') };
    expect(Object.fromEntries(f.events)).toEqual({ e1: eventEnd, e2: eventEnd, e3: eventEnd, e4: eventEnd });
    const stateEnd = { relationshipEndedAt: ENDED, expiresAt: expiresAt('claim-state') };
    expect(Object.fromEntries(f.states)).toEqual({ C1: stateEnd, C2: stateEnd });
    // ten years and two or three leap days after the end
    expect(eventEnd.expiresAt).toBe(Date.parse('2037-01-31T00:00:00Z') / 1000);
  });

  it('takes the end away from every record while the relationship goes on', async () => {
    const f = fakes({ policyNumbers: ['P1', 'P2'] });
    expect(await followRelationship('CU1', f.deps)).toMatchObject({ outcome: 'goes-on', changed: 6 });
    expect([...f.events.keys()].sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect([...f.events.values(), ...f.states.values()].every((end) => end === undefined)).toBe(true);
    expect([...f.states.keys()].sort()).toEqual(['C1', 'C2']);
  });

  it('marks again with the end an import moved while it wrote, and gives up on an end that keeps moving', async () => {
    const ended = { relationshipEndedAt: ENDED, policyNumbers: ['P1', 'P2'] };
    const back = { policyNumbers: ['P1', 'P2'] };
    // read ended, written, then found back in force: the second pass takes the end away again
    const moved = fakes(ended, back);
    expect(await followRelationship('CU1', moved.deps)).toMatchObject({ outcome: 'goes-on', changed: 6 });
    expect([...moved.events.values(), ...moved.states.values()].every((end) => end === undefined)).toBe(true);
    expect(moved.read).toEqual(['P1', 'P2', 'P1', 'P2']);
    // an end that moves on every read: the event is left to SQS to deliver again
    const flapping = fakes(ended, back, ended, back, ended, back);
    await expect(followRelationship('CU1', flapping.deps)).rejects.toThrow(/kept changing/);
  });

  it('does nothing for a customer without a profile (erased)', async () => {
    const f = fakes(undefined);
    expect(await followRelationship('CU1', f.deps)).toEqual({ outcome: 'no-customer' });
    expect(f.read).toEqual([]);
    expect(f.events.size + f.states.size).toBe(0);
  });
});

describe('followJourney after the end', () => {
  async function follow(holder: PolicyHolder | undefined) {
    const marked = new Map<string, RelationshipEnd | undefined>();
    const saved: ClaimState[] = [];
    const event = step('e9', 'P1', 'C9');
    await followJourney(event, 'corr', {
      log: {
        record: async () => true,
        eventsOf: async () => [event],
        setRelationshipEnd: async (eventId, end) => {
          marked.set(eventId, end);
          return true;
        },
      },
      claims: {
        save: async (state) => {
          saved.push(state);
          return true;
        },
        get: async () => undefined,
        publish: async () => {},
        setRelationshipEnd: async () => true,
      },
      customers: { holderOf: async () => holder, relationshipOf: async () => undefined },
      calendar: calendarFor('CN'),
      stallBusinessDays: 5,
      now: () => NOW,
    });
    return { marked, saved };
  }

  it("gives the step and the claim's state the end the policy lookup carries", async () => {
    const { marked, saved } = await follow({ customerId: 'CU1', relationshipEndedAt: ENDED });
    expect(Object.fromEntries(marked)).toEqual({
      e9: { relationshipEndedAt: ENDED, expiresAt: expiresAt('journey-event') },
    });
    expect(saved).toEqual([
      expect.objectContaining({
        claimNumber: 'C9',
        relationshipEndedAt: ENDED,
        expiresAt: expiresAt('claim-state'),
      }),
    ]);
  });

  it('writes no end while the relationship goes on, nor for a policy nobody holds', async () => {
    for (const holder of [{ customerId: 'CU1' }, undefined]) {
      const { marked, saved } = await follow(holder);
      expect(marked.size).toBe(0);
      expect(saved).toHaveLength(1);
      expect(saved[0]).not.toHaveProperty('relationshipEndedAt');
      expect(saved[0]).not.toHaveProperty('expiresAt');
    }
  });
});
