import { describe, expect, it } from 'vitest';
import { calendarFor } from '#shared/calendar/business-calendar';
import type { SlaClock } from './clock';
import { slaPolicy } from './policy';
import {
  type ComplaintFacts,
  complaintUpdate,
  inStep,
  queueOrderOf,
  type SlaDeps,
  type SlaStore,
  type SlaTrigger,
  trackComplaint,
} from './track-complaint';

/** The store as the SLA service sees it, in memory, with the same version check as DynamoDB's. */
function memoryStore(
  complaint: ComplaintFacts,
  jurisdiction?: string,
): SlaStore & { clock(name: string): SlaClock } {
  const clocks = new Map<string, SlaClock>();
  return {
    clock: (name) => clocks.get(name)!,
    complaint: async () => complaint,
    regimeFacts: async () => ({ jurisdiction }),
    clocks: async () => [...clocks.values()],
    async save(_complaint, writes) {
      if (writes.some((w) => clocks.get(w.clock.name)?.version !== w.expectedVersion)) return false;
      for (const w of writes) clocks.set(w.clock.name, structuredClone(w.clock));
      return true;
    },
    dropTimer: async () => undefined,
    dueTimers: async () => [],
    advanceCheckpoint: async () => undefined,
  };
}

const deps = (store: SlaStore): SlaDeps => ({
  store,
  policy: slaPolicy,
  calendarFor: (regime) => calendarFor(regime.calendar),
  clock: { now: () => new Date('2026-04-20T00:00:00Z') }, // every event is processed late
});

const complaint: ComplaintFacts = {
  complaintId: 'C1',
  reference: 'CMP-20260302-ABCDEF',
  receivedAt: '2026-03-02T01:00:00.000Z', // Monday 09:00 Shanghai
  status: 'in-progress',
};

type Delivered = [id: string, occurredAt: string, trigger: SlaTrigger];
const deliver = (store: SlaStore, [id, occurredAt, trigger]: Delivered) =>
  trackComplaint(trigger, { id, occurredAt, correlationId: 'test' }, deps(store));

const received: Delivered = ['01E1', complaint.receivedAt, { kind: 'received', complaintId: 'C1' }];
const triaged: Delivered = [
  '01E2',
  '2026-03-02T01:00:05.000Z',
  { kind: 'triaged', complaintId: 'C1', priority: 'P3' },
];
const requestInfo: Delivered = [
  '01E3',
  '2026-03-05T02:00:00.000Z',
  {
    kind: 'status-changed',
    complaintId: 'C1',
    from: 'in-progress',
    to: 'awaiting-customer',
    customerContact: true,
  },
];
const newFacts: Delivered = [
  '01E4',
  '2026-03-10T02:00:00.000Z',
  { kind: 'status-changed', complaintId: 'C1', from: 'awaiting-customer', to: 'in-progress', newFacts: true },
];
const extended: Delivered = [
  '01E5',
  '2026-03-11T02:00:00.000Z',
  { kind: 'extended', complaintId: 'C1', totalDays: 30, role: 'agent', reason: 'complex case' },
];

describe('trackComplaint', () => {
  it('keeps an extension asked after new facts when the extension arrives first', async () => {
    const store = memoryStore(complaint);
    for (const event of [received, triaged, extended, requestInfo, newFacts]) await deliver(store, event);
    // 15 days from the new facts on 10 March, extended to 30: 9 April 24:00 Shanghai
    expect(store.clock('resolve').dueAt).toBe('2026-04-09T16:00:00.000Z');
    expect(store.clock('resolve').history.map((h) => h.change)).toEqual([
      'started',
      'paused',
      'resumed',
      'restarted',
      'extended',
    ]);
    // the change happened when the event says, not when it was processed
    expect(store.clock('resolve').history[1]?.at).toBe(requestInfo[1]);
  });

  it('starts every clock whichever of received and triaged comes first, and stops first contact on an earlier contact', async () => {
    const store = memoryStore(complaint);
    for (const event of [requestInfo, triaged, received]) await deliver(store, event);
    expect(['acknowledge', 'resolve', 'first-contact'].map((n) => store.clock(n)?.name)).toEqual([
      'acknowledge',
      'resolve',
      'first-contact',
    ]);
    expect(store.clock('first-contact').stoppedAt).toBe(requestInfo[1]);
  });

  it('takes a redelivered event once', async () => {
    const store = memoryStore(complaint);
    await deliver(store, received);
    await deliver(store, extended);
    const version = store.clock('resolve').version;
    expect(await deliver(store, extended)).toEqual([]);
    expect(store.clock('resolve').version).toBe(version);
  });

  it('AU: a complaint filed as hardship gets 21 days from receipt', async () => {
    const store = memoryStore({ ...complaint, receivedAt: '2026-03-08T23:00:00.000Z' }, 'AU');
    await deliver(store, [
      '01H1',
      '2026-03-08T23:00:00.000Z',
      { kind: 'received', complaintId: 'C1', hardship: true },
    ]);
    expect(store.clock('resolve').dueAt).toBe('2026-03-30T13:00:00.000Z'); // 9 Mar + 21, 24:00 AEDT
  });

  it('puts the complaint item right on a redelivery when a delivery wrote its clocks but failed before the complaint item', async () => {
    // the store writes each clock on its own and the complaint item last, as the DynamoDB store
    // does without events; the first save stops after the clocks (a crash, a throttled write)
    const clocks = memoryStore(complaint);
    let item: ComplaintFacts = complaint;
    let crashAfterClocks = true;
    const store: SlaStore = {
      ...clocks,
      complaint: async () => item,
      async save(facts, writes, events, update) {
        if (!(await clocks.save(facts, writes, events, update))) return false;
        if (crashAfterClocks) {
          crashAfterClocks = false;
          throw new Error('connection reset');
        }
        item = {
          ...item,
          customerDeadline: update.customerDeadline ?? undefined,
          queueOrder: queueOrderOf(item.complaintId, update.queueDueAt),
        };
        return true;
      },
    };
    await expect(deliver(store, received)).rejects.toThrow('connection reset');
    expect(item.customerDeadline).toBeUndefined();
    // the redelivery finds its input taken everywhere: no clock changes, the complaint item does
    expect(await deliver(store, received)).toEqual([]);
    const expected = complaintUpdate([clocks.clock('acknowledge'), clocks.clock('resolve')], []);
    expect(item.customerDeadline).toEqual(expected.customerDeadline);
    expect(item.queueOrder).toBe(queueOrderOf('C1', expected.queueDueAt));
    expect(inStep(item, expected)).toBe(true);
  });
});
