import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complaintRetention, expiresAtOf, holdEnd, recordRetention, retentionHold } from './retention-holds';

const DAY = 86_400_000;
const instant = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

describe('the end of a retention hold', () => {
  it('is the same date and time the given number of years later, 29 February becoming 28 February', () => {
    expect(holdEnd('2026-12-07T03:15:00.000Z', 5)).toBe('2031-12-07T03:15:00.000Z');
    expect(holdEnd('2024-02-29T23:59:59.999Z', 5)).toBe('2029-02-28T23:59:59.999Z');
    expect(holdEnd('2024-02-29T10:00:00.000Z', 4)).toBe('2028-02-29T10:00:00.000Z');
  });

  it('lies exactly `years` calendar years on, never short of 365 days a year, never a day past', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 }), (closedAt, years) => {
        const end = holdEnd(closedAt, years);
        const elapsed = Date.parse(end) - Date.parse(closedAt);
        expect(elapsed).toBeGreaterThanOrEqual(years * 365 * DAY - DAY); // 29 Feb → 28 Feb at worst
        expect(elapsed).toBeLessThanOrEqual(years * 366 * DAY);
        expect(Number(end.slice(0, 4)) - Number(closedAt.slice(0, 4))).toBe(years);
        expect(end.slice(5, 7)).toBe(closedAt.slice(5, 7));
        expect(end.slice(10)).toBe(closedAt.slice(10));
        if (end.slice(8, 10) !== closedAt.slice(8, 10)) expect(closedAt.slice(5, 10)).toBe('02-29');
      }),
    );
  });

  it('is monotonic: a later closure never ends its hold earlier', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [first, second] = [a, b].sort();
        expect(holdEnd(first!, 5) <= holdEnd(second!, 5)).toBe(true);
      }),
    );
  });

  it('is the TTL attribute in whole seconds, never before the end', () => {
    fc.assert(
      fc.property(instant, (at) => {
        expect(expiresAtOf(at) * 1000).toBeGreaterThanOrEqual(Date.parse(at));
        expect(expiresAtOf(at) * 1000 - Date.parse(at)).toBeLessThan(1000);
      }),
    );
  });
});

describe('a complaint’s hold', () => {
  const complaint = { complaintId: 'K1', reference: 'CMP-1' };

  it('runs the regime’s period from closure, with the rule’s source', () => {
    const hold = retentionHold(
      { ...complaint, regime: 'au-asic', closedAt: '2026-12-07T00:00:00.000Z' },
      'pipl',
    );
    expect(hold).toMatchObject({ regime: 'au-asic', endsAt: '2033-12-07T00:00:00.000Z' });
    expect(hold.source).toBe(complaintRetention['au-asic'].source);
  });

  it('has no end while the complaint is open, and says it runs from closure', () => {
    const hold = retentionHold({ ...complaint, regime: 'cn-nfra' }, 'pipl');
    expect(hold).toMatchObject({ closedAt: null, endsAt: null });
    expect(hold.reason).toMatch(/until closure and then 5 years/);
  });

  it('takes the request’s law for a complaint without a recorded regime', () => {
    expect(retentionHold(complaint, 'gdpr').regime).toBe('uk-fca');
    expect(retentionHold({ ...complaint, regime: 'xx' }, 'pipl').regime).toBe('cn-nfra');
  });

  it('ends a complaint record’s retention when case work closes it, and takes the end away on reopening', () => {
    const closed = recordRetention('au-asic', '2027-02-28T03:04:05.000Z');
    expect(closed).toEqual({
      retentionHold: {
        endsAt: '2034-02-28T03:04:05.000Z',
        reason: expect.stringMatching(/7 years after closure/),
        regime: 'au-asic',
      },
      expiresAt: expiresAtOf('2034-02-28T03:04:05.000Z'),
    });
    // the hold's period comes from the same rule as at the erasure
    expect(closed.retentionHold.endsAt).toBe(
      retentionHold({ ...complaint, regime: 'au-asic', closedAt: '2027-02-28T03:04:05.000Z' }, 'pipl').endsAt,
    );
    expect(recordRetention('au-asic', undefined)).toEqual({
      retentionHold: { endsAt: null, reason: expect.stringMatching(/until closure/), regime: 'au-asic' },
      expiresAt: undefined,
    });
  });

  it('takes the CN rule for a closed complaint without a known regime, as an erasure under PIPL does', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(undefined, 'xx', 42), (closedAt, regime) => {
        const { expiresAt, retentionHold: hold } = recordRetention(regime, closedAt);
        expect(hold.regime).toBe('cn-nfra');
        expect(expiresAt).toBe(expiresAtOf(retentionHold({ ...complaint, closedAt }, 'pipl').endsAt!));
      }),
    );
  });

  it('keeps CN and UK records at least five years after closure', () => {
    for (const regime of ['cn-nfra', 'uk-fca'] as const)
      expect(complaintRetention[regime].years).toBeGreaterThanOrEqual(5);
  });
});
