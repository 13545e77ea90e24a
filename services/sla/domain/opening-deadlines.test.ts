/**
 * What intake records at receipt (`openingDeadlines`) is what the SLA service then starts: the same
 * regime, the same customer deadline, the resolve clock due when the acknowledgement says, whatever
 * the instant of receipt and the customer's jurisdiction, and even when the customer's profile has
 * changed between the filing and the SLA service reading it (the recorded regime wins).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor } from '#shared/calendar/business-calendar';
import type { SlaClock } from './clock';
import { type Regime, slaPolicy } from './policy';
import {
  type ComplaintFacts,
  type ComplaintUpdate,
  openingDeadlines,
  type RegimeFacts,
  type SlaDeps,
  type SlaStore,
  trackComplaint,
} from './track-complaint';

const calendarOf = (regime: Regime) => calendarFor(regime.calendar);

function memoryStore(complaint: ComplaintFacts, facts: RegimeFacts) {
  const saved: { clocks: SlaClock[]; update?: ComplaintUpdate } = { clocks: [] };
  const store: SlaStore = {
    complaint: async () => complaint,
    regimeFacts: async () => facts,
    clocks: async () => saved.clocks,
    async save(_, writes, __, update) {
      saved.clocks = writes.map((w) => w.clock);
      saved.update = update;
      return true;
    },
    dropTimer: async () => {},
    dueTimers: async () => [],
    advanceCheckpoint: async () => {},
  };
  return { store, saved };
}

const jurisdictions = fc.constantFrom<string | undefined>('CN', 'GB', 'AU', undefined);

describe('opening deadlines', () => {
  it('are exactly what the SLA service starts on receipt (hardship included), under the regime recorded at filing', async () => {
    await fc.assert(
      fc.asyncProperty(
        // 2026 has official data for every calendar, and room for the longest period after it
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2026-10-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        jurisdictions,
        jurisdictions,
        fc.option(fc.constant(true), { nil: undefined }),
        async (receivedAt, atFiling, later, hardship) => {
          const filed = { complaintId: 'c-1', receivedAt: receivedAt.toISOString(), hardship };
          const deps = { policy: slaPolicy, calendarFor: calendarOf };
          const opening = openingDeadlines(filed, { jurisdiction: atFiling }, deps);

          // the profile may say something else by the time the SLA service reads it
          const { store, saved } = memoryStore(
            { ...filed, reference: 'CMP-1', status: 'received', regime: opening.regime },
            { jurisdiction: later },
          );
          const sla: SlaDeps = { ...deps, store, clock: { now: () => receivedAt } };
          await trackComplaint(
            { kind: 'received', complaintId: 'c-1', hardship },
            { id: 'evt-received', occurredAt: receivedAt.toISOString(), correlationId: 'corr' },
            sla,
          );

          expect(saved.clocks.every((c) => c.regime === opening.regime)).toBe(true);
          expect(saved.update?.customerDeadline).toEqual(opening.customerDeadline);
          expect(saved.clocks.find((c) => c.name === 'resolve')?.dueAt).toBe(opening.decisionDueAt);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('pick the regime of the jurisdiction of the imported time zone', () => {
    const deps = { policy: slaPolicy, calendarFor: calendarOf };
    const filed = { complaintId: 'c-1', receivedAt: '2026-06-01T09:00:00Z' };
    expect(openingDeadlines(filed, { jurisdiction: 'GB' }, deps).regime).toBe('uk-fca');
    expect(openingDeadlines(filed, { jurisdiction: 'AU' }, deps).regime).toBe('au-asic');
    expect(openingDeadlines(filed, {}, deps)).toMatchObject({
      regime: 'cn-nfra',
      // Monday 1 June 2026, 17:00 in Shanghai: acknowledged by the end of the next business day
      customerDeadline: { name: 'acknowledge', dueAt: '2026-06-02T16:00:00.000Z' },
    });
  });
});
