/**
 * Filing a complaint writes its regime and opening deadlines with it, in the one transaction, so
 * the status lookup has a deadline and the acknowledgement its decision date from the first instant.
 */
import { describe, expect, it } from 'vitest';
import type { Complaint } from '#shared/contracts/complaint';
import type { EventEnvelope } from '#shared/contracts/events/index';
import type { OpeningDeadlines, RegimeFacts } from '../../sla/domain/track-complaint';
import { fileComplaint } from './file-complaint';
import { lookUpStatus } from './look-up-status';
import type { ComplaintStore, ContactCheck, FoundCustomer, IntakeDeps } from './ports';

function intake(opening: OpeningDeadlines | undefined) {
  const created: { complaint: Complaint; event: EventEnvelope; contactCheck: ContactCheck }[] = [];
  const complaints: ComplaintStore = {
    findIdempotencyRecord: async () => undefined,
    recentComplaintsOf: async () => [],
    recentComplaintsOfPolicy: async () => [],
    async create(complaint, event, contactCheck) {
      created.push({ complaint: structuredClone(complaint), event, contactCheck });
      return 'created';
    },
    async findByReference(reference) {
      const found = created.find((c) => c.complaint.reference === reference);
      return found && { complaint: found.complaint, contactCheck: found.contactCheck };
    },
    requestsForInformation: async () => [],
  };
  const deps: IntakeDeps = {
    complaints,
    customers: { findCustomer: async () => ({ customerId: 'C0UK1' }) },
    sla: { openingDeadlines: async () => opening },
    hash: async (kind, value) => `${kind}:${value}`,
    clock: { now: () => new Date('2026-06-01T09:00:00Z') },
    newId: () => 'complaint-1',
    timeZone: 'Asia/Shanghai',
  };
  return { deps, created };
}

const request = {
  channel: 'web' as const,
  correlationId: 'corr-1',
  request: {
    customer: { name: 'Oliver Grant', phone: '+447700900123' },
    policyNumber: 'PUK0000001',
    description: 'My claim for storm damage has had no answer.',
    consent: { dataProcessing: true as const },
  },
};

const opening: OpeningDeadlines = {
  regime: 'uk-fca',
  customerDeadline: { name: 'acknowledge', dueAt: '2026-06-04T16:00:00.000Z' },
  decisionDueAt: '2026-07-27T22:59:59.999Z',
};

describe('fileComplaint', () => {
  it('writes the regime and the opening deadlines with the complaint and on complaint.received', async () => {
    const { deps, created } = intake(opening);
    const { filed } = await fileComplaint(request, deps);
    const [{ complaint, event }] = created as [(typeof created)[number]];
    expect(complaint).toMatchObject({ regime: 'uk-fca', customerDeadline: opening.customerDeadline });
    expect(event.data).toMatchObject({
      regime: 'uk-fca',
      customerDeadline: opening.customerDeadline,
      decisionDueAt: opening.decisionDueAt,
    });
    // the status lookup straight after filing answers the deadline, never null
    const status = await lookUpStatus(filed.reference, '0123', deps);
    expect(status.nextDeadline).toEqual(opening.customerDeadline);
  });

  it('still files the complaint when the deadlines cannot be worked out (no calendar data yet)', async () => {
    const { deps, created } = intake(undefined);
    await fileComplaint(request, deps);
    expect(created).toHaveLength(1);
    expect(created[0]!.complaint.customerDeadline).toBeUndefined();
    expect(created[0]!.event.data.decisionDueAt).toBeUndefined();
  });
});

describe('the reads before the transaction', () => {
  const text = 'My claim for storm damage has had no answer for two months.';
  const earlier = (complaintId: string, policyNumber?: string) => ({
    complaintId,
    policyNumber,
    description: text,
    receivedAt: '2026-06-01T01:00:00.000Z',
  });

  /** Intake whose history reads answer per customer key, recording what was asked and when. */
  function withHistory(
    customerId: string | undefined,
    history: Record<string, ReturnType<typeof earlier>[]>,
  ) {
    const { deps, created } = intake(undefined);
    const asked: { read: string; lookupAnswered: boolean }[] = [];
    let lookupAnswered = false;
    const fileWith: IntakeDeps = {
      ...deps,
      customers: {
        async findCustomer() {
          await new Promise((resolve) => setTimeout(resolve, 5));
          lookupAnswered = true;
          return customerId === undefined ? undefined : { customerId };
        },
      },
      complaints: {
        ...deps.complaints,
        async recentComplaintsOf(customerKey) {
          asked.push({ read: customerKey, lookupAnswered });
          const found = history[customerKey];
          if (!found) throw new Error(`no history read expected for ${customerKey}`);
          return found;
        },
        async recentComplaintsOfPolicy(policyNumber) {
          asked.push({ read: `policy ${policyNumber}`, lookupAnswered });
          throw new Error('no policy history read expected');
        },
      },
    };
    return { deps: fileWith, created, asked };
  }
  // a complaint without a policy number: its history is the contact's or the customer's
  const filed = {
    ...request,
    request: { ...request.request, policyNumber: undefined, description: `${text}!` },
  };

  it("reads the contact's history while the customer is looked up, and marks a repeat from it", async () => {
    const { deps, created, asked } = withHistory(undefined, {
      'phone:phone:+447700900123': [earlier('earlier-1')],
    });
    await fileComplaint(filed, deps);
    // one read, started before the lookup answered: the lookup and the history cost one round trip
    expect(asked).toEqual([{ read: 'phone:phone:+447700900123', lookupAnswered: false }]);
    expect(created[0]!.complaint).toMatchObject({
      customerKey: 'phone:phone:+447700900123',
      possibleDuplicateOf: 'earlier-1',
    });
  });

  it("reads a known customer's history once the lookup names them, and marks a repeat from that only", async () => {
    const { deps, created, asked } = withHistory('C0UK1', {
      'phone:phone:+447700900123': [earlier('by-the-phone')],
      C0UK1: [earlier('by-the-customer')],
    });
    await fileComplaint(filed, deps);
    expect(asked).toEqual([
      { read: 'phone:phone:+447700900123', lookupAnswered: false },
      { read: 'C0UK1', lookupAnswered: true },
    ]);
    expect(created[0]!.complaint).toMatchObject({
      customerId: 'C0UK1',
      customerKey: 'C0UK1',
      possibleDuplicateOf: 'by-the-customer',
    });
  });

  it("files a known customer's complaint when the contact's history, not needed, could not be read", async () => {
    // no history under the contact key: that read throws, and nothing waits for it
    const { deps, created } = withHistory('C0UK1', { C0UK1: [] });
    await fileComplaint(filed, deps);
    expect(created).toHaveLength(1);
  });

  it('files nothing when the history it needs cannot be read', async () => {
    const { deps, created } = withHistory(undefined, {});
    await expect(fileComplaint(filed, deps)).rejects.toThrow(/no history read expected/);
    expect(created).toHaveLength(0);
  });
});

/**
 * Counts the DynamoDB rounds one after another: each call is one round deeper than the deepest
 * call that had answered when it started. Calls started together are one round.
 */
function rounds() {
  let answered = 0;
  let deepest = 0;
  return {
    async call<T>(answer: () => T | Promise<T>): Promise<T> {
      const depth = answered + 1;
      await new Promise((resolve) => setTimeout(resolve, 3));
      answered = Math.max(answered, depth);
      deepest = Math.max(deepest, depth);
      return answer();
    },
    get count() {
      return deepest;
    },
  };
}

describe('a complaint naming a policy', () => {
  const text = 'My claim for storm damage has had no answer for two months.';
  const policyNumber = 'PUK0000001';
  const ofPolicy = (complaintId: string, customerKey: string) => ({
    complaintId,
    customerKey,
    policyNumber,
    description: text,
    receivedAt: '2026-06-01T01:00:00.000Z',
  });
  const filed = { ...request, request: { ...request.request, policyNumber, description: `${text}!` } };
  const facts: RegimeFacts = { product: 'motor', jurisdiction: 'GB' };

  /** Intake over fake adapters, each DynamoDB call counted; the SLA rules read facts when not given. */
  function counted(found: FoundCustomer | undefined, policyHistory: ReturnType<typeof ofPolicy>[]) {
    const { deps, created } = intake(undefined);
    const dynamo = rounds();
    const calls: string[] = [];
    const call = <T>(name: string, answer: () => T | Promise<T>) => {
      calls.push(name);
      return dynamo.call(answer);
    };
    const factsAsked: (RegimeFacts | undefined)[] = [];
    const fileWith: IntakeDeps = {
      ...deps,
      customers: { findCustomer: () => call('lookup', () => found) },
      sla: {
        async openingDeadlines(_complaint, given) {
          factsAsked.push(given);
          // the SLA service's reader: the profile and the policy, when the lookup had no facts
          if (!given) await call('regime facts', () => undefined);
          return opening;
        },
      },
      complaints: {
        ...deps.complaints,
        recentComplaintsOf: (key) => call(`history of ${key}`, () => []),
        recentComplaintsOfPolicy: () => call('history of the policy', () => policyHistory),
        create: (...args) => call('transaction', () => deps.complaints.create(...args)),
      },
    };
    return { deps: fileWith, created, dynamo, calls, factsAsked };
  }

  it("files a known customer's complaint in 2 rounds, with the regime from the lookup's facts", async () => {
    const { deps, created, dynamo, calls, factsAsked } = counted(
      { customerId: 'C0UK1', regimeFacts: facts },
      [],
    );
    await fileComplaint(filed, deps);
    expect(calls.sort()).toEqual(['history of the policy', 'lookup', 'transaction']);
    expect(dynamo.count).toBe(2);
    expect(factsAsked).toEqual([facts]);
    expect(created[0]!.complaint).toMatchObject({ customerId: 'C0UK1', regime: 'uk-fca' });
  });

  it("files an unknown customer's complaint in 2 rounds, reading no contact history", async () => {
    const { deps, dynamo, calls } = counted(undefined, []);
    await fileComplaint(filed, deps);
    expect(calls.sort()).toEqual(['history of the policy', 'lookup', 'transaction']);
    expect(dynamo.count).toBe(2);
  });

  it('reads the regime facts after a lookup written without them: 3 rounds, as before', async () => {
    const { deps, created, dynamo, calls, factsAsked } = counted({ customerId: 'C0UK1' }, []);
    await fileComplaint(filed, deps);
    expect(calls).toContain('regime facts');
    expect(factsAsked).toEqual([undefined]);
    expect(dynamo.count).toBe(3);
    expect(created[0]!.complaint).toMatchObject({ customerId: 'C0UK1', regime: 'uk-fca' });
  });

  it("marks a repeat from the policy's history of the same customer only", async () => {
    const { deps, created } = counted({ customerId: 'C0UK1', regimeFacts: facts }, [
      ofPolicy('by-someone-else', 'phone:phone:+447700900999'),
      ofPolicy('by-the-customer', 'C0UK1'),
    ]);
    await fileComplaint(filed, deps);
    expect(created[0]!.complaint.possibleDuplicateOf).toBe('by-the-customer');
  });

  it("marks no repeat from another customer's complaint on the same policy", async () => {
    const { deps, created } = counted({ customerId: 'C0UK1', regimeFacts: facts }, [
      ofPolicy('by-someone-else', 'phone:phone:+447700900999'),
    ]);
    await fileComplaint(filed, deps);
    expect(created[0]!.complaint.possibleDuplicateOf).toBeUndefined();
  });

  it("marks an unknown contact's repeat from the policy's history under the contact's key", async () => {
    const { deps, created } = counted(undefined, [ofPolicy('by-the-contact', 'phone:phone:+447700900123')]);
    await fileComplaint(filed, deps);
    expect(created[0]!.complaint).toMatchObject({
      customerKey: 'phone:phone:+447700900123',
      possibleDuplicateOf: 'by-the-contact',
    });
  });
});
