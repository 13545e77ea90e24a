import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden } from '#shared/domain/errors';
import {
  applyAction,
  nextActionDue,
  nextUnalertedDue,
  openRectification,
  overdueActions,
} from './rectification';

const lead = { sub: 'lin', role: 'lead' as const, team: 'claims' };
const owner = { sub: 'zhou', role: 'lead' as const, team: 'claims' };
const now = new Date('2026-12-07T01:00:00Z');
const opened = openRectification(
  {
    rootCause: 'claims/assessment-delay',
    title: 'Assessment delays',
    owner: 'zhou',
    dueDate: '2027-01-31',
    actions: [
      { text: 'a', owner: 'wu', dueDate: '2026-12-08' },
      { text: 'b', owner: 'zhou', dueDate: '2026-12-20' },
    ],
  },
  lead,
  'R1',
  now,
).next;
const TZ = 'Asia/Shanghai';

describe('rectification lifecycle', () => {
  it('is opened by leads only', () => {
    expect(() =>
      openRectification(
        { ...opened, actions: [] } as never,
        { sub: 'wu', role: 'agent', team: 'claims' },
        'R2',
        now,
      ),
    ).toThrow(Forbidden);
  });

  it('refuses a step its status does not allow, and completion with actions open', () => {
    expect(() => applyAction(opened, 'verify', {}, lead, now)).toThrow(Conflict);
    expect(() => applyAction(opened, 'complete', { evidence: 'x' }, owner, now)).toThrow(/A1, A2/);
    expect(() => applyAction(opened, 'update', { done: ['A9'] }, owner, now)).toThrow(/A9/);
  });

  it('is verified by neither its owner nor whoever completed it', () => {
    const done = applyAction(opened, 'update', { done: ['A1', 'A2'] }, owner, now).next;
    const completedByLead = applyAction(done, 'complete', { evidence: 'e' }, lead, now).next;
    expect(() => applyAction(completedByLead, 'verify', {}, owner, now)).toThrow(/another person/);
    expect(() => applyAction(completedByLead, 'verify', {}, lead, now)).toThrow(/another person/);
    const verified = applyAction(
      completedByLead,
      'verify',
      {},
      { sub: 'ma', role: 'admin', team: undefined },
      now,
    );
    expect(verified.next).toMatchObject({ status: 'verified', verifiedBy: 'ma', version: 4 });
  });
});

describe('overdue actions', () => {
  it('are due at the end of their date in the company time zone, and alerted once per date', () => {
    expect(nextActionDue(opened, TZ, now)).toBe('2026-12-08T16:00:00.000Z');
    const late = new Date('2026-12-08T16:00:00Z');
    expect(overdueActions(opened, new Set(), TZ, new Date(late.getTime() - 1))).toEqual([]);
    expect(overdueActions(opened, new Set(), TZ, late).map((a) => a.actionId)).toEqual(['A1']);
    expect(overdueActions(opened, new Set(['A1#2026-12-08']), TZ, late)).toEqual([]);
    // a past deadline points at now, so the sweep (which reads from its last hour) still sees it
    expect(nextActionDue(opened, TZ, new Date('2026-12-10T00:00:00Z'))).toBe('2026-12-10T00:00:00.000Z');
    expect(nextUnalertedDue(opened, new Set(['A1#2026-12-08']), TZ, late)).toBe('2026-12-20T16:00:00.000Z');
    const moved = applyAction(opened, 'update', { dueDate: '2027-02-28' }, owner, late).next;
    expect(nextActionDue({ ...moved, status: 'completed' }, TZ, late)).toBeUndefined();
  });
});
