/**
 * The planner's decisions, pure: who is in each campaign's audience on a local date, who is
 * suppressed and why, the dedupe keys and the rendered content.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerProfileItem } from '#shared/contracts/customer-profile';
import {
  birthdayPartition,
  lastContactPartition,
  premiumDuePartition,
  rosterPartition,
} from '#shared/tables/customers';
import {
  type CampaignDefinition,
  campaignById,
  campaignCatalog,
  loadCampaignCatalog,
} from './campaign-definitions';
import {
  type AudienceQuery,
  audienceQueries,
  type Candidate,
  type Decision,
  decide,
  type PolicyItem,
} from './campaign-planner';
import { occasionsAt } from './plan-campaigns';

const SH = 'Asia/Shanghai';
const partitionOf = (q: AudienceQuery) => ('partition' in q ? q.partition : undefined);
const campaign = (id: string): CampaignDefinition => campaignById(campaignCatalog, id)!;

const profile = (overrides: Partial<CustomerProfileItem> = {}): CustomerProfileItem => ({
  customerId: 'C0001',
  name: '李四',
  birthDate: '1958-03-02',
  language: 'zh-CN',
  timeZone: SH,
  preferredChannel: 'sms',
  tier: 'gold',
  consent: { service: true, marketing: true },
  ...overrides,
});

const policy = (overrides: Partial<PolicyItem> = {}): PolicyItem => ({
  customerId: 'C0001',
  timeZone: SH,
  policyNumber: 'P2024000123',
  product: 'critical-illness',
  startDate: '2021-05-10',
  premiumDueDate: '2026-12-05',
  premiumAmount: 3600,
  status: 'in-force',
  ...overrides,
});

const run = (id: string, date: string, candidates: Candidate[], timeZone = SH): Decision[] =>
  decide(campaignCatalog, campaign(id), { date, timeZone }, candidates);
const outcomes = (decisions: Decision[]) =>
  decisions.map((d) => (d.outcome === 'planned' ? 'planned' : d.reason));

describe('birthday greeting', () => {
  it('greets on the birthday with a dedupe key of campaign, occasion and customer', () => {
    const [decision] = run('birthday', '2027-03-02', [{ profile: profile() }]);
    expect(decision).toMatchObject({ outcome: 'planned', dedupeKey: 'birthday#2027-03-02#C0001' });
    if (decision?.outcome !== 'planned') throw new Error('not planned');
    expect(decision.message).toMatchObject({
      campaignId: 'birthday',
      campaignVersion: campaignCatalog.version,
      runId: `2027-03-02#${SH}`,
      consent: 'marketing',
      occasionDate: '2027-03-02',
      holdWhileComplaintOpen: true,
    });
    // only the complaint follow-up links to a rating page
    expect(decision.message.ratingReference).toBeUndefined();
    // notify's care template greets the customer by name, so the content does not repeat it
    expect(decision.message.content['zh-CN']).toEqual({
      headline: '生日快乐',
      body: '祝您生日快乐，身体健康，万事如意！',
    });
    expect(decision.message.content.en?.headline).toBe('Happy birthday');
    expect(run('birthday', '2027-03-03', [{ profile: profile() }])).toEqual([]);
  });

  it('greets 29 February birthdays on 28 February in common years, reading both partitions', () => {
    const leapling = { profile: profile({ birthDate: '1988-02-29' }) };
    expect(outcomes(run('birthday', '2027-02-28', [leapling]))).toEqual(['planned']);
    expect(run('birthday', '2027-03-01', [leapling])).toEqual([]);
    expect(outcomes(run('birthday', '2028-02-29', [leapling]))).toEqual(['planned']);
    expect(run('birthday', '2028-02-28', [leapling])).toEqual([]);
    expect(
      audienceQueries(campaign('birthday'), { date: '2027-02-28', timeZone: SH }).map(partitionOf),
    ).toEqual([birthdayPartition('02-28'), birthdayPartition('02-29')]);
  });

  it('suppresses with a reason: no marketing consent, open complaint, deceased, blocked', () => {
    const date = '2027-03-02';
    expect(
      outcomes(
        run('birthday', date, [{ profile: profile({ consent: { service: true, marketing: false } }) }]),
      ),
    ).toEqual(['no-consent']);
    // the customer's own preference wins over the imported consent
    expect(
      outcomes(
        run('birthday', date, [{ profile: profile({ preferences: { consent: { marketing: false } } }) }]),
      ),
    ).toEqual(['no-consent']);
    expect(
      outcomes(run('birthday', date, [{ profile: profile({ openComplaints: new Set(['01J']) }) }])),
    ).toEqual(['open-complaint']);
    expect(outcomes(run('birthday', date, [{ profile: profile({ flags: { deceased: true } }) }]))).toEqual([
      'deceased',
    ]);
    expect(outcomes(run('birthday', date, [{ profile: profile({ flags: { blocked: true } }) }]))).toEqual([
      'blocked',
    ]);
  });

  it('leaves a customer who moved to another zone to that zone’s run', () => {
    const moved = { profile: profile({ preferences: { timeZone: 'Europe/London' } }) };
    expect(run('birthday', '2027-03-02', [moved])).toEqual([]);
    expect(outcomes(run('birthday', '2027-03-02', [moved], 'Europe/London'))).toEqual(['planned']);
  });
});

describe('premium-due reminders and the grace-period warning', () => {
  it('remind 30, 7 and 1 days before the due date, and no other day', () => {
    const candidate = { profile: profile(), policy: policy({ premiumDueDate: '2027-01-05' }) };
    const planned = (date: string) => run('premium-due', date, [candidate]).length === 1;
    expect(planned('2026-12-06')).toBe(true);
    expect(planned('2026-12-29')).toBe(true);
    expect(planned('2027-01-04')).toBe(true);
    expect(planned('2027-01-03')).toBe(false);
    expect(planned('2027-01-05')).toBe(false);
    expect(
      audienceQueries(campaign('premium-due'), { date: '2026-12-06', timeZone: SH }).map(partitionOf),
    ).toEqual([
      premiumDuePartition('2027-01-05'),
      premiumDuePartition('2026-12-13'),
      premiumDuePartition('2026-12-07'),
    ]);
  });

  it('still go to a customer with an open complaint (service, not held) and name the policy', () => {
    const [decision] = run('premium-due', '2026-11-05', [
      { profile: profile({ openComplaints: ['01J'] }), policy: policy() },
    ]);
    if (decision?.outcome !== 'planned') throw new Error(`expected planned, got ${JSON.stringify(decision)}`);
    expect(decision.dedupeKey).toBe('premium-due#2026-11-05.P2024000123#C0001');
    expect(decision.message.content['zh-CN']?.body).toBe(
      '您的重疾险保单P2024000123续期保费3600.00元将于2026-12-05到期，请按时缴纳以保障权益。',
    );
  });

  it('skip policies that are not in force, and need service consent', () => {
    expect(
      run('premium-due', '2026-11-05', [{ profile: profile(), policy: policy({ status: 'lapsed' }) }]),
    ).toEqual([]);
    expect(
      outcomes(
        run('premium-due', '2026-11-05', [
          { profile: profile({ consent: { service: false, marketing: true } }), policy: policy() },
        ]),
      ),
    ).toEqual(['no-consent']);
  });

  it('warn on day 15 past the due date with the lapse date at the end of the 30-day grace period', () => {
    const [decision] = run('premium-grace', '2026-12-20', [{ profile: profile(), policy: policy() }]);
    if (decision?.outcome !== 'planned') throw new Error('not planned');
    expect(decision.message.content.en?.body).toContain('Cover lapses after 2027-01-04');
    expect(run('premium-grace', '2026-12-19', [{ profile: profile(), policy: policy() }])).toEqual([]);
  });
});

describe('policy anniversary review', () => {
  it('goes 30 days before the anniversary with the product’s content, never in the policy’s first year', () => {
    const [decision] = run('policy-review', '2027-04-10', [{ profile: profile(), policy: policy() }]);
    if (decision?.outcome !== 'planned') throw new Error('not planned');
    expect(decision.message.content['zh-CN']?.headline).toBe('重疾险保单周年检视');
    expect(decision.message.content['zh-CN']?.body).toContain('2027-05-10');
    expect(
      run('policy-review', '2027-04-10', [
        { profile: profile(), policy: policy({ startDate: '2027-05-10' }) },
      ]),
    ).toEqual([]);
    const other = run('policy-review', '2027-04-10', [
      { profile: profile(), policy: policy({ product: 'medical' }) },
    ]);
    expect(other[0]?.outcome === 'planned' && other[0].message.content.en?.headline).toBe(
      'Your policy anniversary review',
    );
  });
});

describe('dormant check-in', () => {
  it('goes exactly 180 days after the last contact, by the local date of that contact', () => {
    // 2026-01-14T20:00Z is already 15 January in Shanghai
    const candidate = { profile: profile({ lastContactAt: '2026-01-14T20:00:00Z' }) };
    expect(outcomes(run('dormant-check-in', '2026-07-14', [candidate]))).toEqual(['planned']);
    expect(run('dormant-check-in', '2026-07-13', [candidate])).toEqual([]);
    expect(
      audienceQueries(campaign('dormant-check-in'), { date: '2026-07-14', timeZone: SH }).map(partitionOf)[0],
    ).toBe(lastContactPartition('2026-01-15'));
  });
});

describe('post-complaint follow-up', () => {
  const followUp = {
    complaintId: '01JCOMPLAINT',
    reference: 'CC-2026-000123',
    customerId: 'C0001',
    resolvedAt: '2026-06-01T03:00:00Z',
  };

  it('asks for satisfaction 3 days after resolution, even with another complaint open', () => {
    const [decision] = run('complaint-follow-up', '2026-06-04', [
      { profile: profile({ openComplaints: ['01JOTHER'] }), followUp },
    ]);
    if (decision?.outcome !== 'planned') throw new Error('not planned');
    expect(decision.dedupeKey).toBe('complaint-follow-up#2026-06-04.01JCOMPLAINT#C0001');
    expect(decision.message.content['zh-CN']?.body).toContain('CC-2026-000123');
    // notify links the message to the rating page of this complaint
    expect(decision.message.ratingReference).toBe('CC-2026-000123');
    expect(run('complaint-follow-up', '2026-06-05', [{ profile: profile(), followUp }])).toEqual([]);
  });

  it('skips a complaint that is open again', () => {
    expect(
      outcomes(
        run('complaint-follow-up', '2026-06-04', [
          { profile: profile({ openComplaints: ['01JCOMPLAINT'] }), followUp },
        ]),
      ),
    ).toEqual(['complaint-reopened']);
  });
});

describe('festivals and VIP outreach', () => {
  it('greet everyone on the festival, and only customers aged 60+ on Double Ninth', () => {
    expect(
      outcomes(run('festival-mid-autumn', '2026-09-25', [{ profile: profile({ birthDate: '1990-01-01' }) }])),
    ).toEqual(['planned']);
    expect(run('festival-mid-autumn', '2026-09-24', [{ profile: profile() }])).toEqual([]);
    expect(audienceQueries(campaign('festival-mid-autumn'), { date: '2026-09-24', timeZone: SH })).toEqual(
      [],
    );
    const ninth = '2026-10-18';
    expect(run('festival-double-ninth', ninth, [{ profile: profile({ birthDate: '1966-10-19' }) }])).toEqual(
      [],
    );
    expect(
      outcomes(run('festival-double-ninth', ninth, [{ profile: profile({ birthDate: '1966-10-18' }) }])),
    ).toEqual(['planned']);
    expect(audienceQueries(campaign('festival-double-ninth'), { date: ninth, timeZone: SH })).toEqual([
      {
        source: 'customers',
        index: 'gsi5',
        partition: rosterPartition(SH),
        sortKey: { atMost: '1966-10-18#\uffff' },
      },
    ]);
  });

  it('reach the configured tiers on the first day of the quarter', () => {
    expect(outcomes(run('vip-outreach', '2027-04-01', [{ profile: profile({ tier: 'platinum' }) }]))).toEqual(
      ['planned'],
    );
    expect(run('vip-outreach', '2027-04-01', [{ profile: profile({ tier: 'silver' }) }])).toEqual([]);
    expect(run('vip-outreach', '2027-04-02', [{ profile: profile({ tier: 'platinum' }) }])).toEqual([]);
  });
});

describe('every audience', () => {
  it('reads only its own zone’s slice of an index (or its own roster), never a scan', () => {
    const dates = fc
      .integer({ min: 0, max: 365 * 10 })
      .map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        dates,
        fc.constantFrom(...campaignCatalog.campaigns),
        fc.constantFrom(SH, 'Europe/London'),
        (date, def, tz) => {
          for (const q of audienceQueries(def, { date, timeZone: tz })) {
            if (q.source === 'customers' && q.index === 'gsi5') expect(q.partition).toBe(rosterPartition(tz));
            else if (q.source === 'customers') expect(q.sortKey).toEqual({ beginsWith: `${tz}#` });
            else if (q.source !== 'segment') expect(q.beginsWith).toBe(`${tz}#`);
          }
        },
      ),
    );
  });
});

describe('planning hour', () => {
  it('picks the zones where it is 09:00 at the scheduled instant, each with its local date', () => {
    const zones = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'Asia/Kolkata'];
    expect(occasionsAt(new Date('2027-03-02T01:00:00Z'), zones)).toEqual([
      { timeZone: SH, date: '2027-03-02' },
    ]);
    expect(occasionsAt(new Date('2027-03-02T09:00:00Z'), zones)).toEqual([
      { timeZone: 'Europe/London', date: '2027-03-02' },
    ]);
    // New York on daylight time from 14 March 2027: 09:00 is 13:00Z, before it 14:00Z
    expect(occasionsAt(new Date('2027-03-15T13:00:00Z'), zones)).toEqual([
      { timeZone: 'America/New_York', date: '2027-03-15' },
    ]);
    expect(occasionsAt(new Date('2027-03-12T14:00:00Z'), zones)).toEqual([
      { timeZone: 'America/New_York', date: '2027-03-12' },
    ]);
    // a half-hour zone is planned in the hour that contains its 09:00 (09:30 IST)
    expect(occasionsAt(new Date('2027-03-02T04:00:00Z'), zones)).toEqual([
      { timeZone: 'Asia/Kolkata', date: '2027-03-02' },
    ]);
  });

  it('plans every zone exactly once per local day over any day of hourly runs', () => {
    const zones = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), (n) => {
        const day = new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
        const seen: string[] = [];
        for (let h = -24; h < 48; h++) {
          for (const o of occasionsAt(new Date(day.getTime() + h * 3_600_000), zones))
            seen.push(`${o.timeZone} ${o.date}`);
        }
        expect(new Set(seen).size).toBe(seen.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('campaign catalog', () => {
  const base = structuredClone(campaignCatalog) as unknown as { campaigns: Record<string, unknown>[] };
  it('loads the shipped definitions', () => {
    expect(campaignCatalog.campaigns.map((c) => c.id)).toContain('birthday');
  });
  it('refuses duplicate ids and marketing campaigns not held for open complaints, naming the path', () => {
    const bad = structuredClone(base);
    bad.campaigns.push({ ...bad.campaigns[0] });
    bad.campaigns[1] = { ...bad.campaigns[1], holdWhileComplaintOpen: false };
    expect(() => loadCampaignCatalog(bad)).toThrow(/campaigns\.\d+\.id: Duplicate campaign id birthday/);
    expect(() => loadCampaignCatalog(bad)).toThrow(/campaigns\.1\.holdWhileComplaintOpen/);
  });
  it('refuses content missing a language', () => {
    const bad = structuredClone(base);
    bad.campaigns[2] = { ...bad.campaigns[2], content: { 'zh-CN': { headline: 'x', body: 'y' } } };
    expect(() => loadCampaignCatalog(bad)).toThrow(/campaigns\.2\.content\.en/);
  });
});
