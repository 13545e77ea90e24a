/**
 * The dated scenarios of the returns' tests (returns.test.ts checks every cell by hand;
 * return-counts.test.ts shows the counters give the same). Instants are UTC.
 */
import type { ComplaintRecord, ReportedClock } from '../report';

export const iso = (s: string) => new Date(s).toISOString();
export function record(c: {
  id: string;
  regime?: string;
  received: string;
  category?: string;
  channel?: 'web' | 'hotline';
  decided?: { at: string; outcome: string; rootCause?: string; remedy?: string };
  clocks?: Partial<ReportedClock>[];
}): ComplaintRecord {
  return {
    complaint: {
      complaintId: c.id,
      receivedAt: iso(c.received),
      status: c.decided ? 'resolved' : 'in-progress',
      channel: c.channel ?? 'web',
      customerKey: `K-${c.id}`,
      ...(c.category ? { category: c.category as never } : {}),
      ...(c.regime ? { regime: c.regime } : {}),
      ...(c.decided
        ? {
            resolution: {
              outcome: c.decided.outcome as never,
              rootCause: c.decided.rootCause ?? 'other/other',
              resolvedAt: iso(c.decided.at),
              ...(c.decided.remedy ? { remedy: c.decided.remedy } : {}),
            },
          }
        : {}),
    },
    clocks: (c.clocks ?? []).map(
      (k) => ({ regime: c.regime ?? '', state: 'running', dueAt: '', ...k }) as ReportedClock,
    ),
  };
}
const fcaClocks = (ack: string, resolveDue: string): Partial<ReportedClock>[] => [
  { name: 'acknowledge' as const, state: ack as ReportedClock['state'], dueAt: iso('2026-01-01T00:00:00Z') },
  { name: 'resolve' as const, dueAt: iso(resolveDue) },
];

export const fcaScenario: ComplaintRecord[] = [
  record({ id: 'f1', regime: 'uk-fca', received: '2025-11-20T02:00:00Z', category: 'claims' }),
  record({
    id: 'f2',
    regime: 'uk-fca',
    received: '2025-12-10T02:00:00Z',
    category: 'claims',
    decided: { at: '2026-01-15T02:00:00Z', outcome: 'upheld' },
    clocks: fcaClocks('stopped', '2026-02-04T16:00:00Z'),
  }),
  record({
    id: 'f3',
    regime: 'uk-fca',
    received: '2026-01-05T02:00:00Z',
    category: 'sales',
    decided: { at: '2026-01-06T02:00:00Z', outcome: 'rejected' },
    clocks: fcaClocks('met', '2026-03-02T16:00:00Z'),
  }),
  record({
    id: 'f4',
    regime: 'uk-fca',
    received: '2026-02-01T02:00:00Z',
    category: 'claims',
    decided: { at: '2026-04-02T02:00:00Z', outcome: 'partially-upheld' },
    clocks: fcaClocks('stopped', '2026-03-29T16:00:00Z'),
  }),
  record({
    id: 'f5',
    regime: 'uk-fca',
    received: '2026-02-10T02:00:00Z',
    category: 'premium',
    decided: { at: '2026-03-20T02:00:00Z', outcome: 'partially-upheld' },
    clocks: fcaClocks('stopped', '2026-04-07T16:00:00Z'),
  }),
  record({ id: 'f6', regime: 'uk-fca', received: '2026-03-01T02:00:00Z' }),
  record({
    id: 'f7',
    regime: 'uk-fca',
    received: '2025-10-01T02:00:00Z',
    category: 'claims',
    decided: { at: '2025-12-01T02:00:00Z', outcome: 'upheld' },
  }),
  record({ id: 'f8', regime: 'cn-nfra', received: '2026-01-10T02:00:00Z', category: 'claims' }),
  record({ id: 'f9', received: '2026-01-11T02:00:00Z', category: 'claims' }),
  record({
    id: 'f10',
    regime: 'uk-fca',
    received: '2025-12-20T02:00:00Z',
    category: 'service-quality',
    decided: { at: '2026-03-01T02:00:00Z', outcome: 'upheld' },
    clocks: fcaClocks('stopped', '2026-02-14T16:00:00Z'),
  }),
];

export const nfraScenario: ComplaintRecord[] = [
  record({
    id: 'n1',
    regime: 'cn-nfra',
    received: '2026-01-05T02:00:00Z',
    category: 'claims',
    decided: { at: '2026-01-20T02:00:00Z', outcome: 'upheld', rootCause: 'claims-handling' }, // v1 value, 15 days
  }),
  record({
    id: 'n2',
    regime: 'cn-nfra',
    received: '2026-01-10T02:00:00Z',
    channel: 'hotline',
    category: 'sales',
    decided: { at: '2026-02-05T02:00:00Z', outcome: 'rejected', rootCause: 'sales/mis-selling' }, // 26 days
  }),
  record({
    id: 'n3',
    regime: 'cn-nfra',
    received: '2026-02-01T02:00:00Z',
    category: 'surrender',
    decided: {
      at: '2026-03-20T02:00:00Z',
      outcome: 'partially-upheld',
      rootCause: 'no-fault/no-fault-found',
    }, // 47
  }),
  record({ id: 'n4', regime: 'cn-nfra', received: '2026-03-25T02:00:00Z', channel: 'hotline' }),
  record({ id: 'n5', regime: 'cn-nfra', received: '2025-12-31T15:00:00Z', category: 'claims' }), // 23:00 on 31 Dec
  record({
    id: 'n6',
    regime: 'cn-nfra',
    received: '2026-01-02T02:00:00Z',
    category: 'premium',
    decided: { at: '2026-03-15T02:00:00Z', outcome: 'upheld', rootCause: 'premium/billing-error' }, // 72 days
  }),
];

export const asicScenario: ComplaintRecord[] = [
  record({
    id: 'a1',
    regime: 'au-asic',
    received: '2025-12-15T01:00:00Z',
    category: 'claims',
    decided: { at: '2026-01-20T01:00:00Z', outcome: 'upheld', remedy: 'Claim paid in full' },
  }),
  record({
    id: 'a2',
    regime: 'au-asic',
    received: '2026-03-02T23:00:00Z',
    channel: 'hotline',
    category: 'premium',
  }),
  record({ id: 'a3', regime: 'au-asic', received: '2026-06-30T15:00:00Z', category: 'claims' }), // 1 July in Sydney
  record({
    id: 'a4',
    regime: 'au-asic',
    received: '2025-11-01T01:00:00Z',
    category: 'claims',
    decided: { at: '2025-12-20T01:00:00Z', outcome: 'rejected' },
  }),
  record({
    id: 'a5',
    regime: 'au-asic',
    received: '2026-04-10T00:00:00Z',
    category: 'sales',
    decided: { at: '2026-04-12T00:00:00Z', outcome: 'rejected' },
  }),
];
