/**
 * The end of a customer's relationship from the imported policies: the last end date once every
 * policy ended with a date, never while one is in force or an ended one has no date; and the
 * retention end of each kind that ends with the customer (the import's, complaint links, article
 * claims), from its rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyStatuses } from '#shared/contracts/customer-import';
import { expiresAtFor, periodRule } from '../../privacy/domain/retention-rules';
import { relationshipEndedOn, relationshipEndOf } from './relationship-end';

type Status = (typeof policyStatuses)[number];
const endedStatuses = policyStatuses.filter((s) => s !== 'in-force');

const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const endedPolicy = fc.record({ status: fc.constantFrom(...endedStatuses), endDate: isoDate });
const anyPolicy = fc.record(
  { status: fc.constantFrom<Status>(...policyStatuses), endDate: isoDate },
  { requiredKeys: ['status'] },
);

describe('relationshipEndedOn', () => {
  it('is the latest end date once every policy ended with one', () => {
    expect(
      relationshipEndedOn([
        { status: 'lapsed', endDate: '2019-06-30' },
        { status: 'matured', endDate: '2024-02-29' },
        { status: 'cancelled', endDate: '2021-01-15' },
      ]),
    ).toBe('2024-02-29');
  });

  it('has not ended with a policy in force, an ended policy without a date, or no policy', () => {
    expect(
      relationshipEndedOn([{ status: 'lapsed', endDate: '2019-06-30' }, { status: 'in-force' }]),
    ).toBeUndefined();
    expect(
      relationshipEndedOn([{ status: 'surrendered', endDate: '2019-06-30' }, { status: 'lapsed' }]),
    ).toBeUndefined();
    expect(relationshipEndedOn([])).toBeUndefined();
  });

  it('is never before any policy’s end date, and is one of them', () => {
    fc.assert(
      fc.property(fc.array(endedPolicy, { minLength: 1, maxLength: 40 }), (policies) => {
        const end = relationshipEndedOn(policies);
        expect(end).toBeDefined();
        for (const p of policies) expect(end! >= p.endDate).toBe(true);
        expect(policies.map((p) => p.endDate)).toContain(end);
      }),
    );
  });

  it('un-ends on any policy in force, wherever it is listed', () => {
    fc.assert(
      fc.property(fc.array(anyPolicy, { maxLength: 40 }), fc.nat(), (policies, at) => {
        const withInForce = [...policies];
        withInForce.splice(at % (policies.length + 1), 0, { status: 'in-force' });
        expect(relationshipEndedOn(withInForce)).toBeUndefined();
      }),
    );
  });

  it('does not depend on the order of the policies', () => {
    fc.assert(
      fc.property(fc.array(anyPolicy, { maxLength: 20 }), (policies) => {
        expect(relationshipEndedOn([...policies].reverse())).toBe(relationshipEndedOn(policies));
      }),
    );
  });
});

describe('relationshipEndOf', () => {
  const now = new Date('2030-01-01T00:00:00Z');

  it('gives each kind that ends with the customer its rule’s days after the end date’s UTC midnight', () => {
    for (const [table, kind] of [
      ['Customers', 'customer'],
      ['Customers', 'policy'],
      ['Customers', 'policy-lookup'],
      ['Customers', 'phone-lookup'],
      ['Customers', 'complaint-link'],
      ['Campaigns', 'article-claim'],
    ] as const) {
      const rule = periodRule(table, kind);
      expect(rule.from).toBe('item.relationshipEndedAt');
      expect(relationshipEndOf(kind, '2024-02-29', now)).toEqual({
        relationshipEndedAt: '2024-02-29',
        expiresAt: expiresAtFor(rule, new Date('2024-02-29T00:00:00Z')),
      });
    }
  });

  it('keeps the records ten years at least: 3653 days, never short of the same date ten years on', () => {
    fc.assert(
      fc.property(isoDate, (endedOn) => {
        const { expiresAt } = relationshipEndOf('customer', endedOn, now)!;
        const tenYearsOn = new Date(`${endedOn}T00:00:00Z`);
        tenYearsOn.setUTCFullYear(tenYearsOn.getUTCFullYear() + 10);
        expect(expiresAt * 1000).toBeGreaterThanOrEqual(tenYearsOn.getTime());
      }),
    );
  });

  it('is nothing while the relationship lasts', () => {
    expect(relationshipEndOf('customer', undefined, now)).toBeUndefined();
  });
});
