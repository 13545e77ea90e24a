import { describe, expect, it } from 'vitest';
import type { Complaint } from '#shared/contracts/complaint';
import type { Principal } from '#shared/domain/principal';
import type { SlaClock } from '../../sla/domain/clock';
import { slaRules } from '../../sla/domain/sla-rules';
import { extensionOptions } from './case-work';

const complaint = { complaintId: 'A', status: 'in-progress', team: 'claims' } as unknown as Complaint;
const clock = (regime: string, amount: number, state = 'running') =>
  ({
    complaintId: 'A',
    name: 'resolve',
    regime,
    state,
    startedAt: '2026-12-01T01:00:00.000Z',
    period: { kind: 'civil-code-days', amount },
  }) as unknown as SlaClock;
const who = (role: Principal['role']): Principal => ({ sub: 'x', role, team: 'claims' });

describe('the extension tiers a person may approve', () => {
  it("China: agents the 30-day tier only, leads and admins the further 30 days with the customer's notice", () => {
    const tier30 = { upToDays: 30, minDays: 1, maxDays: 15, customerNotice: false };
    const tier60 = { upToDays: 60, minDays: 16, maxDays: 45, customerNotice: true };
    expect(extensionOptions(complaint, clock('cn-nfra', 15), who('agent'), slaRules)).toMatchObject([tier30]);
    expect(extensionOptions(complaint, clock('cn-nfra', 15), who('lead'), slaRules)).toMatchObject([
      tier30,
      tier60,
    ]);
    // once extended to 30 days only the next tier is left, from the current total
    expect(extensionOptions(complaint, clock('cn-nfra', 30), who('admin'), slaRules)).toMatchObject([
      { upToDays: 60, minDays: 1, maxDays: 30 },
    ]);
    expect(extensionOptions(complaint, clock('cn-nfra', 30), who('agent'), slaRules)).toEqual([]);
  });

  it('none where the regime allows none, the clock stopped, or the case is past working', () => {
    expect(extensionOptions(complaint, clock('uk-fca', 56), who('admin'), slaRules)).toEqual([]);
    expect(extensionOptions(complaint, clock('cn-nfra', 15, 'stopped'), who('admin'), slaRules)).toEqual([]);
    const resolved = { ...complaint, status: 'resolved' } as Complaint;
    expect(extensionOptions(resolved, clock('cn-nfra', 15), who('admin'), slaRules)).toEqual([]);
    expect(extensionOptions(complaint, undefined, who('admin'), slaRules)).toEqual([]);
  });
});
