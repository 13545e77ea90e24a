/**
 * The segment rule evaluator and the index reads that find its candidates: every rule against a
 * direct computation, the rules combined as AND, unknown facts never matching, and the key ranges
 * never leaving out a member (checked against the index's own sort keys).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, toEpochDay } from '#shared/calendar/local-date';
import { customerTiers } from '#shared/contracts/customer-import';
import {
  contactMonthPartition,
  healthIndexKeys,
  healthPartition,
  NEVER_CONTACTED,
  NO_BIRTH_DATE,
  npsIndexKeys,
  npsPartition,
  policyFacts,
  premiumSortPrefix,
  rosterPartition,
  segmentIndexKeys,
  tierPartition,
} from '#shared/tables/customers';
import { ageOn } from '../occasions';
import { healthShare, type MemberQuery, memberQueries, npsShare } from './member-queries';
import { isMember, type SegmentCandidate, SegmentRules } from './segment-rules';

const date = (from: string, to: string) =>
  fc.integer({ min: toEpochDay(from), max: toEpochDay(to) }).map(fromEpochDay);
const zones = ['Asia/Shanghai', 'Europe/London', 'Australia/Sydney'] as const;
const range = (lo: number, hi: number) =>
  fc
    .record({
      min: fc.option(fc.integer({ min: lo, max: hi }), { nil: undefined }),
      max: fc.option(fc.integer({ min: lo, max: hi }), { nil: undefined }),
    })
    .filter((r) => r.min !== undefined || r.max !== undefined)
    .map((r) =>
      r.min !== undefined && r.max !== undefined && r.min > r.max ? { min: r.max, max: r.min } : r,
    )
    .map(
      (r) =>
        Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as {
          min?: number;
          max?: number;
        },
    );

const candidate: fc.Arbitrary<SegmentCandidate> = fc.record({
  customerId: fc.stringMatching(/^C[0-9]{1,6}$/),
  tier: fc.constantFrom(...customerTiers),
  timeZone: fc.constantFrom(...zones),
  today: date('2026-01-01', '2030-12-31'),
  birthDate: fc.option(date('1920-01-01', '2025-12-31'), { nil: undefined }),
  products: fc.uniqueArray(fc.constantFrom('critical-illness', 'medical', 'annuity', 'term-life'), {
    maxLength: 4,
  }),
  annualPremium: fc.integer({ min: 0, max: 200_000 }),
  customerSince: fc.option(date('1990-01-01', '2025-12-31'), { nil: undefined }),
  openComplaintCount: fc.integer({ min: 0, max: 3 }),
  lastContactDate: fc.option(date('2024-01-01', '2025-12-31'), { nil: undefined }),
  npsScore: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  healthScore: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  deceased: fc.boolean(),
});

const rules = fc
  .record(
    {
      tiers: fc.uniqueArray(fc.constantFrom(...customerTiers), { minLength: 1 }),
      ageBand: range(0, 110),
      productsHeld: fc.uniqueArray(fc.constantFrom('critical-illness', 'medical', 'annuity'), {
        minLength: 1,
      }),
      annualPremium: range(0, 200_000),
      tenureYears: range(0, 40),
      timeZones: fc.uniqueArray(fc.constantFrom(...zones), { minLength: 1 }),
      openComplaints: range(0, 3),
      daysSinceLastContact: range(0, 800),
      nps: range(0, 10),
      health: range(0, 100),
    },
    { requiredKeys: [] },
  )
  .filter((r) => Object.keys(r).length > 0) as fc.Arbitrary<SegmentRules>;

const inRange = (v: number | undefined, r: { min?: number; max?: number } | undefined) =>
  r === undefined || (v !== undefined && v >= (r.min ?? -Infinity) && v <= (r.max ?? Infinity));

/** A candidate's gsi9 (an NPS rule) or gsi10 (else) keys, keyed in `zone`. */
const scoreKeysOf = (r: SegmentRules, c: SegmentCandidate, zone: string) =>
  Object.values(
    r.nps ? npsIndexKeys(c.customerId, zone, c.npsScore) : healthIndexKeys(c.customerId, zone, c.healthScore),
  ) as [string, string];

/** Whether the score partitions an NPS (else health) rule reads hold the candidate: whole tens for health. */
function scoreCovered(r: SegmentRules, c: SegmentCandidate): boolean {
  const score = r.nps ? c.npsScore : c.healthScore;
  const tens = (v: number) => Math.min(90, Math.floor(v / 10) * 10);
  return (
    score !== undefined &&
    (r.nps
      ? inRange(score, r.nps)
      : tens(score) >= tens(r.health!.min ?? 0) && tens(score) <= tens(r.health!.max ?? 100))
  );
}

/** The rules one at a time, written out plainly: membership is their conjunction. */
function eachRule(r: SegmentRules, c: SegmentCandidate): boolean[] {
  return [
    !c.deceased,
    !r.tiers || r.tiers.includes(c.tier),
    inRange(c.birthDate ? ageOn(c.birthDate, c.today) : undefined, r.ageBand),
    !r.productsHeld || r.productsHeld.some((p) => c.products.includes(p)),
    inRange(c.annualPremium, r.annualPremium),
    inRange(c.customerSince ? ageOn(c.customerSince, c.today) : undefined, r.tenureYears),
    !r.timeZones || r.timeZones.includes(c.timeZone),
    inRange(c.openComplaintCount, r.openComplaints),
    inRange(
      c.lastContactDate ? toEpochDay(c.today) - toEpochDay(c.lastContactDate) : undefined,
      r.daysSinceLastContact,
    ),
    inRange(c.npsScore, r.nps),
    inRange(c.healthScore, r.health),
  ];
}

describe('segment rules', () => {
  it('make a member of exactly the customers every rule holds for', () => {
    fc.assert(
      fc.property(rules, candidate, (r, c) => {
        expect(isMember(r, c)).toBe(eachRule(r, c).every(Boolean));
      }),
      { numRuns: 1000 },
    );
  });

  it('never match on what is unknown: no NPS answer, no health score, no birth date, never contacted', () => {
    const known: SegmentCandidate = {
      customerId: 'C1',
      tier: 'gold',
      timeZone: 'Asia/Shanghai',
      today: '2026-12-07',
      birthDate: '1960-05-01',
      products: ['medical'],
      annualPremium: 12_000,
      customerSince: '2010-01-01',
      openComplaintCount: 0,
      lastContactDate: '2026-01-01',
      npsScore: 3,
      healthScore: 40,
      deceased: false,
    };
    const lowest = { nps: { min: 0 } } as const;
    expect(isMember(lowest, known)).toBe(true);
    expect(isMember(lowest, { ...known, npsScore: undefined })).toBe(false);
    expect(isMember({ health: { max: 100 } }, { ...known, healthScore: undefined })).toBe(false);
    expect(isMember({ ageBand: { min: 0 } }, { ...known, birthDate: undefined })).toBe(false);
    expect(isMember({ daysSinceLastContact: { min: 0 } }, { ...known, lastContactDate: undefined })).toBe(
      false,
    );
    expect(isMember({ tenureYears: { min: 0 } }, { ...known, customerSince: undefined })).toBe(false);
    expect(isMember({ tiers: ['gold'] }, { ...known, deceased: true })).toBe(false);
  });

  it('count ages as birthdays are counted: born 29 February, 60 on 28 February of a common year', () => {
    const c = (today: string) =>
      ({ birthDate: '1964-02-29', today, tier: 'gold', deceased: false }) as unknown as SegmentCandidate;
    expect(isMember({ ageBand: { min: 62 } }, c('2026-02-27'))).toBe(false);
    expect(isMember({ ageBand: { min: 62 } }, c('2026-02-28'))).toBe(true);
    expect(isMember({ ageBand: { max: 61 } }, c('2026-02-28'))).toBe(false);
  });

  it('refuse what cannot be a segment: no rule, an empty list, min above max, unknown rules', () => {
    const issues = (value: unknown) =>
      SegmentRules.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}:${i.code}`) ?? [];
    expect(issues({})).toHaveLength(1);
    expect(issues({ tiers: [] })).toEqual(['tiers:too_small']);
    expect(issues({ nps: { min: 9, max: 3 } })).toEqual(['nps.min:custom']);
    expect(issues({ nps: {} })).toEqual(['nps:custom']);
    expect(issues({ nps: { min: 11 } })).toEqual(['nps.min:too_big']);
    expect(issues({ tiers: ['diamond'] })).toEqual(['tiers.0:invalid_value']);
    expect(issues({ colour: 'red' })).toContain(':unrecognized_keys');
  });
});

describe('the index reads of a segment', () => {
  /** The sort key the customer's profile has in the index the plan reads, and its partition. */
  function indexEntry(index: MemberQuery['index'], c: SegmentCandidate) {
    if (index === 'gsi9') {
      const keys = npsIndexKeys(c.customerId, c.timeZone, c.npsScore);
      return { partition: keys.gsi9pk, sortKey: keys.gsi9sk };
    }
    if (index === 'gsi10') {
      const keys = healthIndexKeys(c.customerId, c.timeZone, c.healthScore);
      return { partition: keys.gsi10pk, sortKey: keys.gsi10sk };
    }
    if (index === 'gsi8') {
      const date = c.lastContactDate ?? NEVER_CONTACTED;
      return { partition: contactMonthPartition(date.slice(0, 7)), sortKey: `${date}#${c.customerId}` };
    }
    if (index === 'gsi7') {
      const keys = segmentIndexKeys({
        customerId: c.customerId,
        tier: c.tier,
        annualPremium: c.annualPremium,
      });
      return { partition: keys.gsi7pk, sortKey: keys.gsi7sk };
    }
    return {
      partition: rosterPartition(c.timeZone),
      sortKey: `${c.birthDate ?? NO_BIRTH_DATE}#${c.customerId}`,
    };
  }

  /** Rules on what picks the index (tiers, premium, zones, age, contact, NPS, health) that hold for the customer, widened at random. */
  const holdingFor = (c: SegmentCandidate) =>
    fc
      .record({
        tiers: fc.option(fc.subarray([...customerTiers]), { nil: undefined }),
        premium: fc.option(fc.tuple(fc.nat(50_000), fc.nat(50_000)), { nil: undefined }),
        zones: fc.option(fc.subarray([...zones]), { nil: undefined }),
        ages: fc.option(fc.tuple(fc.nat(5), fc.option(fc.nat(5), { nil: undefined })), { nil: undefined }),
        contact: fc.option(fc.tuple(fc.nat(40), fc.option(fc.nat(40), { nil: undefined })), {
          nil: undefined,
        }),
        nps: fc.option(fc.tuple(fc.nat(10), fc.nat(10)), { nil: undefined }),
        health: fc.option(fc.tuple(fc.nat(100), fc.nat(100)), { nil: undefined }),
      })
      .map(({ tiers, premium, zones: inZones, ages, contact, nps, health }): SegmentRules => {
        const days = c.lastContactDate ? toEpochDay(c.today) - toEpochDay(c.lastContactDate) : undefined;
        const age = c.birthDate ? ageOn(c.birthDate, c.today) : undefined;
        const rules: Record<string, unknown> = {
          ...(tiers ? { tiers: [...new Set([...tiers, c.tier])] } : {}),
          ...(premium
            ? {
                annualPremium: {
                  min: Math.max(0, c.annualPremium - premium[0]),
                  max: c.annualPremium + premium[1],
                },
              }
            : {}),
          ...(inZones ? { timeZones: [...new Set([...inZones, c.timeZone])] } : {}),
          ...(ages && age !== undefined
            ? {
                ageBand: {
                  min: Math.max(0, age - ages[0]),
                  ...(ages[1] === undefined ? {} : { max: age + ages[1] }),
                },
              }
            : {}),
          ...(contact && days !== undefined && days >= 0
            ? {
                daysSinceLastContact: {
                  min: Math.max(0, days - contact[0]),
                  ...(contact[1] === undefined ? {} : { max: days + contact[1] }),
                },
              }
            : {}),
          ...(nps && c.npsScore !== undefined
            ? { nps: { min: Math.max(0, c.npsScore - nps[0]), max: Math.min(10, c.npsScore + nps[1]) } }
            : {}),
          ...(health && c.healthScore !== undefined
            ? {
                health: {
                  min: Math.max(0, c.healthScore - health[0]),
                  max: Math.min(100, c.healthScore + health[1]),
                },
              }
            : {}),
        };
        return (Object.keys(rules).length > 0 ? rules : { openComplaints: { min: 0 } }) as SegmentRules;
      });

  it('read a partition and key range that hold every member (so checking each item read loses nobody)', () => {
    fc.assert(
      fc.property(
        candidate.chain((c) => fc.tuple(fc.constant({ ...c, deceased: false }), holdingFor(c))),
        fc.integer({ min: -1, max: 1 }),
        fc.boolean(),
        ([c, r], skew, scoreKeysZoned) => {
          expect(isMember(r, c)).toBe(true);
          // a customer's local date is the UTC date or a day either side
          // the earliest month registered is at most this customer's (a zone change: a month later)
          const earliest =
            c.lastContactDate && addDays(`${c.lastContactDate.slice(0, 7)}-01`, 31).slice(0, 7);
          const queries = memberQueries(r, addDays(c.today, skew), zones, earliest, scoreKeysZoned);
          const found = queries.some((q) => {
            const entry = indexEntry(q.index, c);
            return (
              entry.partition === q.partition &&
              (!q.between || (entry.sortKey >= q.between[0] && entry.sortKey <= q.between[1]))
            );
          });
          expect(found).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('read the tier index by premium when a segment names tiers or a premium, else the zones it covers', () => {
    expect(memberQueries({ tiers: ['gold', 'gold'] }, '2026-12-07', zones)).toEqual([
      { index: 'gsi7', partition: tierPartition('gold') },
    ]);
    expect(
      memberQueries({ annualPremium: { min: 10_000 } }, '2026-12-07', zones).map((q) => q.between),
    ).toEqual(customerTiers.map(() => [premiumSortPrefix(10_000), `${premiumSortPrefix(40_000_000_000)}#~`]));
    // NPS 9–10 (2 of 11 scores) is a smaller share than one zone of three: the NPS index, only
    // London's range of each score once every sort key starts with the zone (2/11 × 1/3)
    const londonPromoters = { timeZones: ['Europe/London'], nps: { min: 9 } };
    expect(memberQueries(londonPromoters, '2026-12-07', zones, undefined, true)).toEqual([
      { index: 'gsi9', partition: npsPartition(9), between: ['Europe/London#', 'Europe/London#~'] },
      { index: 'gsi9', partition: npsPartition(10), between: ['Europe/London#', 'Europe/London#~'] },
    ]);
    // before the backfill marks the keys zoned: whole partitions (old keys are in no zone's range)
    expect(memberQueries(londonPromoters, '2026-12-07', zones)).toEqual([
      { index: 'gsi9', partition: npsPartition(9) },
      { index: 'gsi9', partition: npsPartition(10) },
    ]);
    // NPS 0–6 (7 of 11) is not, whole: the zone's roster; by zone (7/11 × 1/3) it is, a range per
    // score and zone named
    expect(memberQueries({ timeZones: ['Europe/London'], nps: { max: 6 } }, '2026-12-07', zones)).toEqual([
      { index: 'gsi5', partition: rosterPartition('Europe/London') },
    ]);
    const detractors = memberQueries(
      { timeZones: ['Europe/London', 'Asia/Shanghai', 'Europe/London'], nps: { max: 6 }, health: { min: 0 } },
      '2026-12-07',
      zones,
      undefined,
      true,
    );
    expect(detractors).toHaveLength(7 * 2);
    expect(new Set(detractors.map((q) => `${q.index} ${q.between?.join('..')}`))).toEqual(
      new Set(['gsi9 Europe/London#..Europe/London#~', 'gsi9 Asia/Shanghai#..Asia/Shanghai#~']),
    );
    // every score in the zones named is the zones' roster (a tie keeps it)
    expect(
      memberQueries({ timeZones: ['Europe/London'], nps: { min: 0 } }, '2026-12-07', zones, undefined, true),
    ).toEqual([{ index: 'gsi5', partition: rosterPartition('Europe/London') }]);
    // health 40–69 by zone: three tens of ten, in one zone of three
    expect(
      memberQueries(
        { timeZones: ['Asia/Shanghai'], health: { min: 40, max: 69 } },
        '2026-12-07',
        zones,
        undefined,
        true,
      ),
    ).toEqual(
      [40, 50, 60].map((tens) => ({
        index: 'gsi10',
        partition: healthPartition(tens),
        between: ['Asia/Shanghai#', 'Asia/Shanghai#~'],
      })),
    );
    // one tier of four (0.25) against health 35–100 (seven tens of ten): the tier index
    expect(
      memberQueries({ tiers: ['gold'], health: { min: 35 } }, '2026-12-07', zones).map((q) => q.index),
    ).toEqual(['gsi7']);
    // health 40–69 (the "watch" band, three tens) against NPS 7–10 (four scores of eleven): health
    expect(memberQueries({ nps: { min: 7 }, health: { min: 40, max: 69 } }, '2026-12-07', zones)).toEqual(
      [40, 50, 60].map((tens) => ({ index: 'gsi10', partition: healthPartition(tens) })),
    );
    // 100 is in the top ten's partition; contacted within 30 days (31 of 365 days) beats it
    expect(memberQueries({ health: { min: 95 } }, '2026-12-07', zones)).toEqual([
      { index: 'gsi10', partition: healthPartition(90) },
    ]);
    expect(
      memberQueries({ health: { min: 95 }, daysSinceLastContact: { max: 30 } }, '2026-12-07', zones).map(
        (q) => q.index,
      ),
    ).toEqual(['gsi8', 'gsi8']);
    // last contact: only the months the range covers, a day wider at either end
    expect(memberQueries({ daysSinceLastContact: { min: 30, max: 60 } }, '2026-12-07', zones)).toEqual(
      ['2026-10', '2026-11'].map((month) => ({
        index: 'gsi8',
        partition: contactMonthPartition(month),
        between: ['2026-10-07', '2026-11-08#~'],
      })),
    );
    // a range reaching further back than anyone: from the month before the earliest any customer has
    expect(
      memberQueries({ daysSinceLastContact: { min: 30, max: 36_500 } }, '2026-12-07', zones, '2026-09').map(
        (q) => q.partition,
      ),
    ).toEqual(['2026-08', '2026-09', '2026-10', '2026-11'].map(contactMonthPartition));
    // open-ended: from the month before the earliest any customer has; none known, the rosters
    expect(
      memberQueries({ daysSinceLastContact: { min: 365 } }, '2026-12-07', zones, '2025-01').map(
        (q) => q.partition,
      ),
    ).toEqual(
      [
        '2024-12',
        '2025-01',
        '2025-02',
        '2025-03',
        '2025-04',
        '2025-05',
        '2025-06',
        '2025-07',
        '2025-08',
        '2025-09',
        '2025-10',
        '2025-11',
        '2025-12',
      ].map(contactMonthPartition),
    );
    expect(memberQueries({ daysSinceLastContact: { min: 365 } }, '2026-12-07', ['Asia/Shanghai'])).toEqual([
      { index: 'gsi5', partition: rosterPartition('Asia/Shanghai') },
    ]);
    expect(memberQueries({ ageBand: { min: 60, max: 69 } }, '2026-12-07', ['Asia/Shanghai'])).toEqual([
      { index: 'gsi5', partition: rosterPartition('Asia/Shanghai'), between: ['1956-12-06', '1966-12-08#~'] },
    ]);
  });
});

describe('the NPS and health indexes', () => {
  const scoreRules = fc.oneof(
    range(0, 10).map((nps): SegmentRules => ({ nps })),
    range(0, 100).map((health): SegmentRules => ({ health })),
  );

  it('read, for a bare NPS or health rule, a profile iff its score or its ten is in range, never the unscored', () => {
    fc.assert(
      fc.property(scoreRules, candidate, (r, c) => {
        const queries = memberQueries(r, c.today, zones);
        // a range covering every score or ten reads the rosters: no fewer items, and the unscored
        // stay out by the rule
        if (queries[0]?.index === 'gsi5') {
          expect(r.nps ? npsShare(r.nps) : healthShare(r.health!)).toBe(1);
          return;
        }
        const read = queries.some((q) => {
          const [pk, sk] = scoreKeysOf(r, c, c.timeZone);
          return q.partition === pk && (!q.between || (sk >= q.between[0] && sk <= q.between[1]));
        });
        expect(read).toBe(scoreCovered(r, c));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the NPS and health indexes by zone', () => {
  it('read, for an NPS or health rule with zones, a profile iff its score is in range and its zone named', () => {
    // zones that are each other's prefix up to the separator stay apart
    const tzs = [
      'America/Indiana',
      'America/Indiana/Indianapolis',
      'Asia/Shanghai',
      'Europe/London',
    ] as const;
    fc.assert(
      fc.property(
        fc.oneof(
          range(0, 10).map((nps): SegmentRules => ({ nps })),
          range(0, 100).map((health): SegmentRules => ({ health })),
        ),
        fc.uniqueArray(fc.constantFrom(...tzs), { minLength: 1, maxLength: 2 }),
        candidate,
        fc.constantFrom(...tzs),
        (scoreRule, named, c, zone) => {
          const r = { ...scoreRule, timeZones: named } as SegmentRules;
          const queries = memberQueries(r, c.today, tzs, undefined, true);
          if (queries[0]?.index === 'gsi5') return;
          const [pk, sk] = scoreKeysOf(r, c, zone);
          const read = queries.some(
            (q) => q.partition === pk && !!q.between && sk >= q.between[0] && sk <= q.between[1],
          );
          expect(read).toBe(scoreCovered(r, c) && named.includes(zone));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('policy facts on the profile', () => {
  it('hold the in-force products, their premiums summed to the fen, and the first start', () => {
    const facts = policyFacts([
      {
        policyNumber: 'P1',
        product: 'medical',
        startDate: '2019-03-01',
        premiumAmount: 0.1,
        status: 'in-force',
      },
      {
        policyNumber: 'P2',
        product: 'annuity',
        startDate: '2012-07-01',
        premiumAmount: 0.2,
        status: 'in-force',
      },
      {
        policyNumber: 'P3',
        product: 'term-life',
        startDate: '2008-01-01',
        premiumAmount: 900,
        status: 'lapsed',
      },
      { policyNumber: 'P4', product: 'medical', startDate: '2021-01-01', status: 'in-force' },
    ]);
    expect(facts).toEqual({
      products: ['annuity', 'medical'],
      annualPremium: 0.3,
      customerSince: '2008-01-01',
    });
    expect(policyFacts([])).toEqual({ products: [], annualPremium: 0, customerSince: undefined });
  });

  it('sort premiums in the index as numbers sort', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: 4e12 }), (a, b) => {
        const [pa, pb] = [premiumSortPrefix(a / 100), premiumSortPrefix(b / 100)];
        expect(Math.sign(pa.localeCompare(pb))).toBe(Math.sign(a - b));
      }),
    );
  });
});
