import { describe, expect, it } from 'vitest';
import type { Complaint } from '#shared/contracts/complaint';
import type { Principal } from '#shared/domain/principal';
import type { SlaClock } from '../../sla/domain/clock';
import {
  apiState,
  type CaseQueries,
  caseDetail,
  caseTimeline,
  decodeCursor,
  encodeCursor,
  listCases,
  queueClock,
  queueFilter,
} from './case-views';
import type { TimelineEntry } from './case-work';

const admin: Principal = { sub: 'root', role: 'admin', team: undefined };
const item = (team: string, due: string, id: string) =>
  ({
    complaintId: id,
    team,
    gsi1sk: `${due}#${id}`,
    customer: { name: 'x' },
    status: 'triaged',
    version: 1,
  }) as unknown as Complaint;
const ID = (n: number) => `01KP${String(n).padStart(22, '0')}`;

describe('case queue', () => {
  it('never shows an item later than where a sparse team stopped reading', async () => {
    const queries = {
      async queue(team: string) {
        if (team === 'claims')
          return { items: [], next: `2026-11-02T00:00:00.000Z#${ID(1)}`, itemsRead: 2000 };
        if (team === 'sales-compliance') {
          return {
            items: [
              item('sales-compliance', '2026-11-01T00:00:00.000Z', ID(2)),
              item('sales-compliance', '2026-11-03T00:00:00.000Z', ID(3)),
            ],
            itemsRead: 2,
          };
        }
        return { items: [], itemsRead: 0 };
      },
      clocks: async () => [],
    } as unknown as CaseQueries;
    const page = await listCases(queries, admin, { limit: 25 }, new Date('2026-10-30T00:00:00Z'));
    expect(page.items.map((i) => i.complaintId)).toEqual([ID(2)]);
    const next = decodeCursor(page.cursor!)!;
    expect(next.teams.claims).toBe(`2026-11-02T00:00:00.000Z#${ID(1)}`);
    expect(next.teams['sales-compliance']).toBe(`2026-11-01T00:00:00.000Z#${ID(2)}`);
  });

  it('counts each row down to its open clock that ends first, in the console states', () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const clock = (name: string, state: string, dueAt: string, extra: object = {}) =>
      ({ name, state, dueAt, firedThresholds: [], ...extra }) as unknown as SlaClock;
    const ack = clock('acknowledge', 'met', '2026-10-20T00:00:00Z');
    expect(queueClock([ack], now)).toBeNull();
    expect(queueClock([ack, clock('resolve', 'running', '2026-11-10T00:00:00Z')], now)?.state).toBe(
      'running',
    );
    expect(
      queueClock([clock('resolve', 'running', '2026-11-10T00:00:00Z', { firedThresholds: ['0.5'] })], now)
        ?.state,
    ).toBe('warning');
    // a running clock past its deadline is breached before the sweep records it
    expect(queueClock([clock('resolve', 'running', '2026-10-31T00:00:00Z')], now)?.state).toBe('breached');
    expect(
      queueClock(
        [
          clock('resolve', 'paused', '2026-11-02T00:00:00Z'),
          clock('first-contact', 'running', '2026-11-05T00:00:00Z'),
        ],
        now,
      ),
    ).toEqual({ name: 'first-contact', dueAt: '2026-11-05T00:00:00Z', state: 'running' });
    expect(queueClock([clock('resolve', 'paused', '2026-11-02T00:00:00Z')], now)?.state).toBe('paused');
    // the UK summary window lapses, it never makes a row urgent
    expect(
      queueClock([clock('acknowledge', 'running', '2026-10-31T00:00:00Z', { lapses: true })], now),
    ).toBeNull();
  });

  it('reads `me` as the caller and `due` as an instant on the queue order', () => {
    const agent: Principal = { sub: 'ann', role: 'agent', team: 'claims' };
    const now = new Date('2026-11-01T03:00:00Z');
    const endOfToday = () => new Date('2026-11-01T16:00:00Z');
    expect(queueFilter(agent, { assignee: 'me', due: 'breaching' }, now, endOfToday)).toEqual({
      assignee: 'ann',
      dueBefore: '2026-11-01T03:00:00.000Z',
    });
    expect(queueFilter(agent, { assignee: 'unassigned', due: 'today' }, now, endOfToday)).toEqual({
      assignee: 'unassigned',
      dueBefore: '2026-11-01T16:00:00.000Z',
    });
  });

  it('refuses cursors it did not give out', () => {
    expect(
      decodeCursor(encodeCursor({ teams: { claims: `2026-11-02T00:00:00.000Z#${ID(1)}` } })),
    ).toBeDefined();
    for (const forged of [
      { teams: { claims: 5 } },
      { teams: { nobody: '' } },
      { teams: { claims: 'x' } },
      { teams: null },
    ]) {
      expect(decodeCursor(Buffer.from(JSON.stringify(forged)).toString('base64url'))).toBeUndefined();
    }
    expect(decodeCursor('%%%')).toBeUndefined();
  });
});

describe('case timeline', () => {
  const action = (at: string, name: string) =>
    ({ at, actor: 'ann', role: 'agent', action: name, before: {}, after: {} }) as TimelineEntry;
  const sent = (at: string, type: string) =>
    ({ at, type, channel: 'email', recipient: 'customer', outcome: 'sent' }) as const;

  it('interleaves actions and message outcomes by time, actions first on the same instant', () => {
    const timeline = caseTimeline(
      [action('2026-06-01T02:00:01.000Z', 'triaged'), action('2026-06-03T09:00:00.000Z', 'resolve')],
      [
        sent('2026-06-03T09:00:00.000Z', 'decision-letter'),
        sent('2026-06-01T02:00:00.500Z', 'acknowledgement'),
      ],
    );
    expect(timeline.map((e) => (e.kind === 'action' ? e.action : e.type))).toEqual([
      'acknowledgement',
      'triaged',
      'resolve',
      'decision-letter',
    ]);
    expect(timeline.map((e) => e.kind)).toEqual(['notification', 'action', 'action', 'notification']);
  });
});

describe('clock state in the API', () => {
  const summary = (state: SlaClock['state']) =>
    ({
      name: 'acknowledge',
      regime: 'uk-fca',
      state,
      dueAt: '2026-06-11T16:00:00.000Z',
      lapses: true,
    }) as SlaClock;
  const before = new Date('2026-06-11T15:59:00Z');
  const after = new Date('2026-06-11T16:01:00Z');

  it('shows the UK summary window lapsed, never met or breached, once its deadline passed unresolved', () => {
    expect(apiState(summary('running'), before)).toBe('running');
    expect(apiState(summary('running'), after)).toBe('lapsed');
    expect(apiState(summary('lapsed'), after)).toBe('lapsed');
    expect(apiState(summary('met'), after)).toBe('met');
  });

  it('keeps the states of clocks that breach', () => {
    const resolve = { ...summary('running'), name: 'resolve', lapses: undefined } as SlaClock;
    expect(apiState(resolve, after)).toBe('running');
    expect(apiState({ ...resolve, state: 'stopped' }, after)).toBe('met');
  });
});

describe('case detail', () => {
  it('shows a complaint stored without a customer or customer key (an erased one) instead of failing', async () => {
    const complaint = {
      complaintId: ID(9),
      reference: 'CMP-2026-000009',
      status: 'closed',
      channel: 'web',
      receivedAt: '2026-11-01T00:00:00.000Z',
      team: 'claims',
      description: 'Erased on 2026-12-07',
      version: 3,
    } as unknown as Complaint;
    const asked: string[] = [];
    const none = async () => [];
    const queries = {
      clocks: none,
      timeline: none,
      notifications: none,
      attachments: none,
      complaintsOfCustomer: async (key: string) => {
        asked.push(key);
        return [];
      },
    } as unknown as CaseQueries;
    const store = { load: async () => complaint } as unknown as Parameters<typeof caseDetail>[0];
    for (const principal of [admin, { sub: 'lead-li', role: 'lead', team: 'claims' } as Principal]) {
      const detail = await caseDetail(
        store,
        queries,
        {} as Parameters<typeof caseDetail>[2],
        principal,
        ID(9),
        new Date('2026-12-07T00:00:00Z'),
        async () => '',
      );
      expect(detail).toMatchObject({ reference: 'CMP-2026-000009', otherComplaints: [] });
      expect(detail.customer.phone).toBeUndefined();
    }
    // no history is looked up under a key the complaint does not have
    expect(asked).toEqual([]);
  });
});
