import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categories, priorities, teams } from '#shared/contracts/vocabulary';
import rawRules from '../rules/triage-rules.json';
import { triageRules } from './default-rules';
import { InvalidTriageRules, loadTriageRules } from './rules';
import { type TriageFacts, triage } from './triage';

const cueWords = Object.values(triageRules.categories).flatMap((c) => [...c.cues, ...(c.strongCues ?? [])]);
const signalWords = Object.values(triageRules.signalCues).flat();
const negations = [...triageRules.negation.before, ...triageRules.negation.after];

/** Texts built from real cues, negations, signal words and noise, in both languages. */
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...cueWords, ...signalWords, ...negations, '，', '. ', ' '),
      fc.string({ maxLength: 8 }),
    ),
    {
      maxLength: 25,
    },
  )
  .map((parts) => parts.join(' '));

const facts: fc.Arbitrary<TriageFacts> = fc.record(
  {
    text,
    requestedCategory: fc.constantFrom(...categories),
    flags: fc.record(
      { regulatorReferral: fc.boolean(), mediaThreat: fc.boolean(), vulnerableCustomer: fc.boolean() },
      { requiredKeys: [] },
    ),
    age: fc.integer({ min: 18, max: 100 }),
    tier: fc.constantFrom('standard', 'silver', 'gold', 'platinum'),
    repeatWithin90Days: fc.boolean(),
  },
  { requiredKeys: ['text'] },
);

describe('triage', () => {
  it('gives every possible complaint exactly one category, priority and team from the vocabulary, with reasons', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const d = triage(f, triageRules);
        expect(categories).toContain(d.category);
        expect(priorities).toContain(d.priority);
        expect(teams).toContain(d.team);
        expect(d.reasons.filter((r) => r.rule === 'priority')).toHaveLength(1);
        expect(d.reasons.filter((r) => r.rule === 'team')).toHaveLength(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('never lowers the priority when a regulator referral is added, and keeps it at P2 or above', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const without = triage({ ...f, flags: { ...f.flags, regulatorReferral: false } }, triageRules);
        const withReferral = triage({ ...f, flags: { ...f.flags, regulatorReferral: true } }, triageRules);
        expect(priorities.indexOf(withReferral.priority)).toBeLessThanOrEqual(
          priorities.indexOf(without.priority),
        );
        expect(['P1', 'P2']).toContain(withReferral.priority);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a media threat at P2 or above', () => {
    const d = triage({ text: 'I will go to the press about this.' }, triageRules);
    expect(d.signals).toContain('mediaThreat');
    expect(['P1', 'P2']).toContain(d.priority);
  });

  it('raises a complaint about a declined or stalled claim, saying which claim in its reasons', () => {
    const text = 'Nobody tells me anything about my claim.';
    const plain = triage({ text }, triageRules);
    const declined = triage(
      { text, claims: [{ claimNumber: 'CLM2026000123', stage: 'claim.declined', stalled: false }] },
      triageRules,
    );
    const stalled = triage(
      { text, claims: [{ claimNumber: 'CLM2026000124', stage: 'claim.assessed', stalled: true }] },
      triageRules,
    );
    const fine = triage(
      { text, claims: [{ claimNumber: 'CLM2026000125', stage: 'claim.paid', stalled: false }] },
      triageRules,
    );
    expect(plain.priority).toBe('P4');
    expect(fine.priority).toBe('P4');
    expect(declined.signals).toEqual(['claimDeclined']);
    expect(declined.priority).toBe('P3');
    expect(declined.reasons.map((r) => r.detail).join('\n')).toContain('claim CLM2026000123 was declined');
    expect(stalled.signals).toEqual(['claimStalled']);
    expect(stalled.priority).toBe('P3');
    // with another signal it reaches P2
    expect(
      triage(
        { text, tier: 'gold', claims: [{ claimNumber: 'C1', stage: 'claim.declined', stalled: false }] },
        triageRules,
      ).priority,
    ).toBe('P2');
  });

  it("uses the customer's own category choice", () => {
    const d = triage({ text: '保费被多扣了', requestedCategory: 'claims' }, triageRules);
    expect(d.category).toBe('claims');
    expect(d.reasons[0]?.detail).toContain('customer chose');
  });

  it('ignores negated cues and says so', () => {
    const d = triage({ text: '不是理赔的问题，是受益人变更一直没有办好。' }, triageRules);
    expect(d.category).toBe('policy-service');
    expect(d.reasons.some((r) => r.detail.includes('negated'))).toBe(true);
  });

  it('does not take "sue" out of "issue"', () => {
    expect(triage({ text: 'There is an issue with my direct debit.' }, triageRules).signals).not.toContain(
      'mediaThreat',
    );
  });

  it('routes privacy first, then regulator referrals and P1 to the escalation desk', () => {
    expect(
      triage({ text: '我的个人信息被泄露了', flags: { regulatorReferral: true } }, triageRules).team,
    ).toBe('privacy-office');
    expect(triage({ text: '理赔太慢', flags: { regulatorReferral: true } }, triageRules).team).toBe(
      'escalation-desk',
    );
    expect(
      triage({ text: '理赔太慢', flags: { regulatorReferral: true, mediaThreat: true } }, triageRules)
        .priority,
    ).toBe('P1');
  });

  it('reads financial hardship or a default notice in the text, in Chinese and English, without raising the priority', () => {
    for (const text of [
      '收到保险公司的违约通知，我现在经济困难，保费实在交不起了。',
      'I received a default notice and I am in financial hardship; I cannot afford the premium.',
    ]) {
      const decision = triage({ text }, triageRules);
      expect(decision.signals).toContain('hardship');
      expect(decision.reasons.some((r) => r.detail.startsWith('hardship: text mentions'))).toBe(true);
      expect(decision.priority).toBe(triage({ text: 'premium question' }, triageRules).priority);
    }
    expect(triage({ text: '理赔太慢', flags: { hardship: true } }, triageRules).signals).toContain(
      'hardship',
    );
    expect(triage({ text: '理赔太慢', hardship: true }, triageRules).signals).toContain('hardship');
    expect(triage({ text: '理赔太慢了，请尽快处理。' }, triageRules).signals).not.toContain('hardship');
  });
});

describe('rules file', () => {
  it('refuses a bad rule with the path of every problem', () => {
    const broken = structuredClone(rawRules) as Record<string, unknown>;
    broken.version = 'v1';
    (broken.routing as unknown[]).pop();
    (broken.categoryOrder as unknown[]).pop();
    expect(() => loadTriageRules(broken)).toThrow(InvalidTriageRules);
    try {
      loadTriageRules(broken);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('version');
      expect(message).toContain('categoryOrder');
      expect(message).toContain('routing');
    }
  });
});
