import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEALTH_MAX, type HealthInputs, healthFactors, relationshipHealth } from './health-score';

const count = fc.integer({ min: 0, max: 20 });
const inputs: fc.Arbitrary<HealthInputs> = fc.record(
  {
    daysSinceContact: fc.integer({ min: 0, max: 3000 }),
    openComplaints: count,
    claimsPaid: count,
    claimsDeclined: count,
    claimsStalled: count,
    nps: fc.integer({ min: 0, max: 10 }),
    engagements: count,
  },
  { requiredKeys: ['openComplaints', 'claimsPaid', 'claimsDeclined', 'claimsStalled', 'engagements'] },
);
const score = (i: HealthInputs) => relationshipHealth(i).score;

describe('relationship health', () => {
  it('is a whole number 0–100, the sum of one reason per factor, each within its share', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const h = relationshipHealth(i);
        expect(Number.isInteger(h.score)).toBe(true);
        expect(h.score).toBeGreaterThanOrEqual(0);
        expect(h.score).toBeLessThanOrEqual(100);
        expect(h.reasons.map((r) => r.factor)).toEqual([...healthFactors]);
        for (const r of h.reasons) {
          expect(r.points).toBeGreaterThanOrEqual(0);
          expect(r.points).toBeLessThanOrEqual(HEALTH_MAX[r.factor]);
          expect(r.detail.length).toBeGreaterThan(0);
        }
        expect(h.reasons.reduce((s, r) => s + r.points, 0)).toBe(h.score);
      }),
    );
    expect(Object.values(HEALTH_MAX).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('stays bounded on nonsense (negative, fractional, infinite) inputs', () => {
    const odd = fc.oneof(fc.double(), fc.constant(Number.POSITIVE_INFINITY), fc.constant(-1));
    fc.assert(
      fc.property(odd, odd, odd, odd, odd, odd, (a, b, c, d, e, f) => {
        const h = relationshipHealth({
          daysSinceContact: a,
          openComplaints: b,
          claimsPaid: c,
          claimsDeclined: d,
          claimsStalled: e,
          nps: f,
          engagements: b,
        });
        expect(h.score).toBeGreaterThanOrEqual(0);
        expect(h.score).toBeLessThanOrEqual(100);
      }),
      // Counts so large that paid + declined overflowed to Infinity once gave a NaN score.
      { examples: [[1, 0, Number.MAX_VALUE, Number.MAX_VALUE, 0, 5]] },
    );
  });

  it('never rises with more open complaints, declines or stalls, nor with older contact', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 5 }), (i, more) => {
        expect(score({ ...i, openComplaints: i.openComplaints + more })).toBeLessThanOrEqual(score(i));
        expect(score({ ...i, claimsDeclined: i.claimsDeclined + more })).toBeLessThanOrEqual(score(i));
        expect(score({ ...i, claimsStalled: i.claimsStalled + more })).toBeLessThanOrEqual(score(i));
        if (i.daysSinceContact !== undefined) {
          expect(score({ ...i, daysSinceContact: i.daysSinceContact + more * 30 })).toBeLessThanOrEqual(
            score(i),
          );
          expect(score({ ...i, daysSinceContact: undefined })).toBeLessThanOrEqual(score(i));
        }
      }),
    );
  });

  it('never falls with more payments, a higher NPS or more engagement', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 5 }), (i, more) => {
        expect(score({ ...i, claimsPaid: i.claimsPaid + more })).toBeGreaterThanOrEqual(score(i));
        expect(score({ ...i, engagements: i.engagements + more })).toBeGreaterThanOrEqual(score(i));
        if (i.nps !== undefined && i.nps < 10) {
          expect(score({ ...i, nps: i.nps + 1 })).toBeGreaterThanOrEqual(score(i));
        }
      }),
    );
  });

  it('explains an unhappy customer: two open complaints, a declined claim, a detractor', () => {
    const h = relationshipHealth({
      daysSinceContact: 200,
      openComplaints: 2,
      claimsPaid: 0,
      claimsDeclined: 1,
      claimsStalled: 0,
      nps: 3,
      engagements: 0,
    });
    // recency 10 (200 days: 20 × 165/335), complaints 1, claims 0, NPS 6, engagement 0
    expect(h).toMatchObject({ score: 17, band: 'at-risk' });
    expect(h.reasons).toContainEqual({
      factor: 'complaints',
      points: 1,
      max: 25,
      detail: '2 open complaints',
    });
    expect(h.reasons).toContainEqual({
      factor: 'claims',
      points: 0,
      max: 20,
      detail: '0 of 1 decided claims paid',
    });
  });

  it('scores a content customer healthy', () => {
    const h = relationshipHealth({
      daysSinceContact: 10,
      openComplaints: 0,
      claimsPaid: 2,
      claimsDeclined: 0,
      claimsStalled: 0,
      nps: 9,
      engagements: 2,
    });
    expect(h).toMatchObject({ score: 98, band: 'healthy' });
  });
});
