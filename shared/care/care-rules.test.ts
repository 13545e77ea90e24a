/** The care rules, as the planner and notify both apply them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveProfile } from '../../test/fixtures/effective-profile';
import { type CareRule, careRuleRefusal } from './care-rules';

const profile = effectiveProfile;
const marketing: CareRule = { consent: 'marketing', holdWhileComplaintOpen: true };

const circumstances = fc.record({
  deceased: fc.boolean(),
  blocked: fc.boolean(),
  consent: fc.record({ service: fc.boolean(), marketing: fc.boolean() }),
  openComplaintCount: fc.nat(3),
});
const rules = fc.record({
  consent: fc.constantFrom('service' as const, 'marketing' as const),
  holdWhileComplaintOpen: fc.boolean(),
});

describe('careRuleRefusal', () => {
  it('lets a consenting customer with nothing open through', () => {
    expect(careRuleRefusal(profile(), marketing)).toBeUndefined();
  });

  it('refuses in order: deceased, blocked, consent, reopened follow-up, open complaint', () => {
    const everything = profile({
      deceased: true,
      blocked: true,
      consent: { service: false, marketing: false },
      openComplaintCount: 1,
    });
    const reopened = { followUpComplaintReopened: true };
    expect(careRuleRefusal(everything, marketing, reopened)).toBe('deceased');
    expect(careRuleRefusal({ ...everything, deceased: false }, marketing, reopened)).toBe('blocked');
    const living = { ...everything, deceased: false, blocked: false };
    expect(careRuleRefusal(living, marketing, reopened)).toBe('no-consent');
    const consenting = { ...living, consent: { service: true, marketing: true } };
    expect(careRuleRefusal(consenting, marketing, reopened)).toBe('complaint-reopened');
    expect(careRuleRefusal(consenting, marketing)).toBe('open-complaint');
    expect(careRuleRefusal(consenting, { ...marketing, holdWhileComplaintOpen: false })).toBeUndefined();
  });

  it('property: a refusal exactly when some rule is broken', () => {
    fc.assert(
      fc.property(circumstances, rules, fc.boolean(), (facts, rule, reopened) => {
        const broken =
          facts.deceased ||
          facts.blocked ||
          !facts.consent[rule.consent] ||
          reopened ||
          (rule.holdWhileComplaintOpen && facts.openComplaintCount > 0);
        const refusal = careRuleRefusal(profile(facts), rule, { followUpComplaintReopened: reopened });
        expect(refusal !== undefined).toBe(broken);
      }),
    );
  });
});
