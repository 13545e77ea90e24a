/** The journey fold: any arrival order of the same events gives the same journey; stale steps send nothing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor } from '#shared/calendar/business-calendar';
import type { CoreEvent } from '#shared/contracts/core-events';
import { foldJourney } from './journey';
import { noticeFor } from './notices';
import { stallDueAt } from './stall';

const P = 'P2024000123';
const claim = (eventId: string, type: CoreEvent['type'], occurredAt: string, data = {}): CoreEvent => ({
  eventId,
  type,
  occurredAt,
  policyNumber: P,
  claimNumber: 'CLM2026000001',
  data,
});
const policy = (eventId: string, type: CoreEvent['type'], occurredAt: string, data = {}): CoreEvent => ({
  eventId,
  type,
  occurredAt,
  policyNumber: P,
  data,
});

const lifecycle: CoreEvent[] = [
  claim('e1', 'claim.registered', '2026-12-01T02:00:00Z', { documents: ['ID card', 'invoice'] }),
  claim('e2', 'claim.documents-requested', '2026-12-02T02:00:00Z', { documents: ['invoice', 'report'] }),
  claim('e3', 'claim.documents-received', '2026-12-03T02:00:00Z', { documents: ['invoice'] }),
  claim('e4', 'claim.assessed', '2026-12-04T02:00:00Z'),
  claim('e5', 'claim.approved', '2026-12-07T02:00:00Z', { amount: 1200.5 }),
  // the same instant as the approval: the lifecycle order decides
  claim('e6', 'claim.paid', '2026-12-07T02:00:00Z', { amount: 1200.5, paidAt: '2026-12-07T02:00:00Z' }),
  policy('p1', 'policy.lapse-warning', '2026-11-20T02:00:00Z', { gracePeriodEndsOn: '2026-12-20' }),
  policy('p2', 'policy.premium-paid', '2026-11-25T02:00:00+08:00', { amount: 3600 }),
  policy('p3', 'policy.changed', '2026-11-26T02:00:00Z', { changes: [{ field: 'address', to: 'Shanghai' }] }),
];

describe('journey fold', () => {
  it('folds a lifecycle to where the claim and the policy stand', () => {
    const journey = foldJourney(P, lifecycle);
    expect(journey.claims).toHaveLength(1);
    expect(journey.claims[0]).toMatchObject({
      stage: 'claim.paid',
      lastProgressAt: '2026-12-07T02:00:00Z',
      approvedAmount: 1200.5,
      paidAmount: 1200.5,
      documentsOutstanding: ['report'],
    });
    expect(journey.policy.status).toBe('in-force');
    expect(journey.policy.gracePeriodEndsOn).toBeUndefined();
  });

  it('property: any arrival order, with redeliveries, gives the same journey', () => {
    const expected = foldJourney(P, lifecycle);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(lifecycle, { minLength: lifecycle.length, maxLength: lifecycle.length }),
        fc.array(fc.nat({ max: lifecycle.length - 1 }), { maxLength: 5 }),
        (order, repeats) => {
          const arrivals = [...order, ...repeats.map((i) => order[i]!)];
          expect(foldJourney(P, arrivals)).toEqual(expected);
        },
      ),
    );
  });

  it('property: an older event arriving last never moves the claim back', () => {
    fc.assert(
      fc.property(fc.subarray(lifecycle.slice(0, 6), { minLength: 1 }), (seen) => {
        const latest = foldJourney(P, seen).claims[0]!;
        const withOldest = foldJourney(P, [...seen, lifecycle[0]!]).claims[0]!;
        expect(withOldest.stage).toBe(latest.stage);
        expect(withOldest.lastProgressAt).toBe(latest.lastProgressAt);
      }),
    );
  });

  it('sends a notice for the latest step only: a step already passed sends nothing', () => {
    const approved = lifecycle[4]!;
    const registered = lifecycle[0]!;
    const journey = foldJourney(P, [approved, registered]);
    expect(noticeFor(approved, journey)).toMatchObject({
      notice: 'claim-approved',
      dedupeKey: `claim-approved#${approved.eventId}`,
    });
    expect(noticeFor(registered, journey)).toBeUndefined();
    // a lapse warning after the premium came is over; the premium receipt is not
    const policyJourney = foldJourney(P, lifecycle.slice(6));
    expect(noticeFor(lifecycle[6]!, policyJourney)).toBeUndefined();
    expect(noticeFor(lifecycle[7]!, policyJourney)).toMatchObject({ notice: 'policy-premium-paid' });
    // steps without a notice of their own
    expect(noticeFor(lifecycle[3]!, foldJourney(P, lifecycle.slice(0, 4)))).toBeUndefined();
  });

  it('a claim stalls at the end of the fifth business day after its last step, holidays skipped', () => {
    const cn = calendarFor('CN');
    // Thursday 2026-09-24 10:00 Shanghai; the National Day holiday runs 1-8 October 2026
    const due = stallDueAt({ stage: 'claim.assessed', lastProgressAt: '2026-09-24T02:00:00Z' }, 5, cn)!;
    expect(due.toISOString()).toBe(cn.endOfDay(cn.addBusinessDays('2026-09-24', 5).value).toISOString());
    expect(cn.localDate(new Date(due.getTime() - 1))).toBe('2026-10-09');
    expect(
      stallDueAt({ stage: 'claim.paid', lastProgressAt: '2026-09-24T02:00:00Z' }, 5, cn),
    ).toBeUndefined();
  });
});
