import { describe, expect, it } from 'vitest';
import { type ClaimContext, namedClaimFirst } from './claim-context';
import { customerJourney, type JourneySources } from './customer-journey';

const claim = (claimNumber: string): ClaimContext => ({
  claimNumber,
  policyNumber: 'P1',
  stage: 'claim.registered',
  lastProgressAt: '2026-12-01T00:00:00Z',
  stalled: false,
  timeline: [{ type: 'claim.registered', occurredAt: '2026-12-01T00:00:00Z', data: {} }],
});

const sources: JourneySources = {
  health: async () => undefined,
  policies: async () => [{ policyNumber: 'P1' }],
  complaints: async () => [
    {
      complaintId: 'K1',
      reference: 'R1',
      status: 'received',
      team: 'claims',
      receivedAt: '2026-12-02T00:00:00Z',
    },
  ],
  messages: async () => [
    {
      messageType: 'journey-notice',
      purpose: 'journey:claim-registered',
      channel: 'sms',
      outcome: 'sent',
      at: '2026-12-01T00:00:05Z',
    },
    {
      messageType: 'acknowledgement',
      channel: 'email',
      outcome: 'failed',
      at: '2026-12-03T00:00:00Z',
      complaintId: 'K1',
    },
  ],
  claimsOf: async () => [claim('CLM1')],
  policyEventsOf: async () => [],
};

describe('customer journey', () => {
  it('puts the messages sent into the one timeline, newest first', async () => {
    const journey = await customerJourney('C1', { sub: 'a', role: 'admin', team: undefined }, sources);
    expect(journey.timeline.map((e) => [e.kind, e.type])).toEqual([
      ['message', 'acknowledgement'],
      ['complaint', 'complaint.received'],
      ['message', 'journey-notice'],
      ['claim', 'claim.registered'],
    ]);
    expect(journey.timeline[0]).toEqual({
      at: '2026-12-03T00:00:00Z',
      kind: 'message',
      type: 'acknowledgement',
      channel: 'email',
      outcome: 'failed',
      complaintId: 'K1',
    });
  });
});

describe('named claim first', () => {
  it('moves the named claim to the front and keeps the others in order', () => {
    const claims = [claim('A'), claim('B'), claim('C')];
    expect(namedClaimFirst(claims, 'B').map((c) => c.claimNumber)).toEqual(['B', 'A', 'C']);
    expect(namedClaimFirst(claims, undefined).map((c) => c.claimNumber)).toEqual(['A', 'B', 'C']);
    expect(namedClaimFirst(claims, 'Z').map((c) => c.claimNumber)).toEqual(['A', 'B', 'C']);
  });
});
