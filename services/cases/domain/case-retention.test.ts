/**
 * A complaint record expires its regime's period after closure, erased or not: closing sets the
 * TTL attribute in the same write as the closure, reopening removes it (the store removes a field
 * set to undefined). Runs case work against an in-memory store that keeps the last change.
 */
import { describe, expect, it } from 'vitest';
import type { Complaint } from '#shared/contracts/complaint';
import { expiresAtOf } from '../../privacy/domain/retention-holds';
import type { SlaRules } from '../../sla/domain/sla-rules';
import { type CaseChange, performAction } from './case-work';

const admin = { sub: 'lead-li', role: 'admin', team: undefined } as const;
const CLOSED_AT = '2027-02-28T03:04:05.000Z';

function caseWork(stored: Record<string, unknown>) {
  let complaint = {
    complaintId: 'K1',
    reference: 'CMP-1',
    team: 'claims',
    version: 3,
    ...stored,
  } as Complaint;
  let now = new Date(CLOSED_AT);
  const changes: CaseChange[] = [];
  const deps = {
    clock: { now: () => now },
    sla: {} as SlaRules,
    store: {
      load: async () => complaint,
      resolveClock: async () => undefined,
      apply: async (_: Complaint, change: CaseChange) => {
        changes.push(change);
        complaint = { ...complaint, ...change.set, version: complaint.version + 1 } as Complaint;
        return true;
      },
    },
  };
  const act = (action: 'close' | 'reopen', body: Record<string, unknown> = {}) =>
    performAction(
      {
        complaintId: 'K1',
        action,
        body,
        principal: admin,
        ifMatch: complaint.version,
        correlationId: 'c1',
      } as never,
      deps,
    );
  return { act, changes, later: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('a complaint record’s retention in case work', () => {
  const resolved = { status: 'resolved', resolution: { resolvedAt: '2027-02-27T00:00:00.000Z' } };

  it('ends with the regime’s period after closure for a complaint never erased, and not after a reopening', async () => {
    const work = caseWork({ ...resolved, regime: 'au-asic' });
    await work.act('close');
    expect(work.changes[0]!.set).toMatchObject({
      status: 'closed',
      expiresAt: expiresAtOf('2034-02-28T03:04:05.000Z'),
    });
    expect(work.changes[0]!.set).not.toHaveProperty('retentionHold');
    work.later(60_000);
    await work.act('reopen', { reason: 'The customer sent new facts.' });
    expect(work.changes[1]!.set).toHaveProperty('expiresAt', undefined);
  });

  it('is the same rule for an erased skeleton, which also shows the end on its hold', async () => {
    const work = caseWork({
      ...resolved,
      regime: 'au-asic',
      retentionHold: { regime: 'uk-fca', endsAt: null },
    });
    await work.act('close');
    expect(work.changes[0]!.set).toMatchObject({
      expiresAt: expiresAtOf('2032-02-28T03:04:05.000Z'),
      retentionHold: { endsAt: '2032-02-28T03:04:05.000Z', regime: 'uk-fca' },
    });
    work.later(60_000);
    await work.act('reopen', { reason: 'The customer sent new facts.' });
    expect(work.changes[1]!.set).toMatchObject({ expiresAt: undefined, retentionHold: { endsAt: null } });
  });
});
