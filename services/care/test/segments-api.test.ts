/**
 * Segments on the local cloud: ten hand-made customers and, for each kind of rule, the members
 * counted by hand (the comments say why each one is in or out); the preview's masked sample and
 * items read; no member whose records have expired; `listMembers` as the port other parts of care
 * call; every route's bad input (every field error), 404, If-Match and roles.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customerProfileKey,
  healthPartition,
  npsPartition,
  SCORE_KEYS_ZONED,
  timeZonesKey,
} from '#shared/tables/customers';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud } from '../../../test/support/local-cloud';
import { storeHealth } from '../../relationship/adapters/health-inputs';
import { backfillContactMonths } from '../adapters/backfill-contact-months';
import { backfillScoreIndexes } from '../adapters/backfill-score-indexes';
import { dynamoSegmentMembers } from '../adapters/dynamo-segment-members';
import { customerLine } from './care-fixtures';

/** Monday 7 December 2026: 10:00 in Shanghai, 02:00 in London, 13:00 in Sydney. */
const NOW = new Date('2026-12-07T02:00:00Z');

const policy = (
  n: string,
  product: string,
  startDate: string,
  premiumAmount: number,
  status = 'in-force',
) => ({
  policyNumber: `P20260${n}`,
  product,
  startDate,
  premiumAmount,
  status,
});

const customers = [
  // 66, 8,000 a year (two products), a customer for 16 years, contacted 7 days ago, NPS 9, health 80
  customerLine({
    customerId: 'S01',
    tier: 'gold',
    birthDate: '1960-01-10',
    phone: '13900000001',
    policies: [
      policy('00001', 'critical-illness', '2010-03-01', 5000),
      policy('00002', 'medical', '2015-04-01', 3000),
    ],
    lastContactAt: '2026-11-30T02:00:00Z',
  }),
  // 36, medical 1,200, two years, contacted in 2025; NPS 3, health 30, a complaint open
  customerLine({
    customerId: 'S02',
    tier: 'gold',
    birthDate: '1990-06-01',
    phone: '13900000002',
    policies: [policy('00003', 'medical', '2024-01-01', 1200)],
    lastContactAt: '2025-06-01T02:00:00Z',
  }),
  // London; 70 today (71 tomorrow), annuity 60,000 since 2000, never contacted, no NPS, health 90
  customerLine({
    customerId: 'S03',
    tier: 'platinum',
    birthDate: '1955-12-08',
    phone: '13900000003',
    timeZone: 'Europe/London',
    policies: [policy('00004', 'annuity', '2000-01-01', 60000)],
    lastContactAt: undefined,
  }),
  // 60 today; the lapsed policy counts for tenure (2019) but neither product nor premium; NPS 10
  customerLine({
    customerId: 'S04',
    tier: 'platinum',
    birthDate: '1966-12-07',
    phone: '13900000004',
    policies: [
      policy('00005', 'annuity', '2020-02-02', 20000),
      policy('00006', 'critical-illness', '2019-02-02', 9000, 'lapsed'),
    ],
    lastContactAt: undefined,
  }),
  // 60 tomorrow (59 today); NPS 7
  customerLine({
    customerId: 'S05',
    tier: 'silver',
    birthDate: '1966-12-08',
    phone: '13900000005',
    policies: [policy('00007', 'critical-illness', '2022-01-01', 2500)],
    lastContactAt: undefined,
  }),
  // Sydney; no birth date, no policy
  customerLine({
    customerId: 'S06',
    tier: 'standard',
    birthDate: undefined,
    phone: '13900000006',
    timeZone: 'Australia/Sydney',
    policies: [],
    lastContactAt: undefined,
  }),
  // Sydney; contacted at 07:00 today Sydney time (still 6 December in UTC): 0 days ago
  customerLine({
    customerId: 'S07',
    tier: 'standard',
    birthDate: '1980-05-05',
    phone: '13900000007',
    timeZone: 'Australia/Sydney',
    policies: [policy('00008', 'medical', '2023-01-01', 800)],
    lastContactAt: '2026-12-06T20:00:00Z',
  }),
  // deceased: in no segment, whatever the rules
  customerLine({
    customerId: 'S08',
    tier: 'gold',
    birthDate: '1950-01-01',
    phone: '13900000008',
    flags: { deceased: true },
    policies: [policy('00009', 'critical-illness', '2000-01-01', 6000)],
    lastContactAt: '2026-12-01T02:00:00Z',
  }),
  // London, 81, medical since 2005; a complaint open, NPS 8, health 55
  customerLine({
    customerId: 'S09',
    tier: 'silver',
    birthDate: '1945-03-03',
    phone: '13900000009',
    timeZone: 'Europe/London',
    policies: [policy('00010', 'medical', '2005-01-01', 1500)],
    lastContactAt: undefined,
  }),
  // 64; the only policy lapsed: no product, no premium, tenure 8
  customerLine({
    customerId: 'S10',
    tier: 'gold',
    birthDate: '1962-07-07',
    phone: '13900000010',
    policies: [policy('00011', 'medical', '2018-09-09', 4000, 'lapsed')],
    lastContactAt: undefined,
  }),
];

/**
 * What the relationship programme and the complaint consumer write on the profile: health through
 * relationship's own writer (it moves gsi10's partition), NPS as its answer store does (gsi9's
 * partition only: the sort key, <tz>#<customerId>, is the import's; the store itself is covered
 * in services/relationship/test/feedback-nps.test.ts).
 */
const written: Record<string, { npsScore?: number; healthScore?: number; openComplaint?: string }> = {
  S01: { npsScore: 9, healthScore: 80 },
  S02: { npsScore: 3, healthScore: 30, openComplaint: '01JOPEN00000000000000000S2' },
  S03: { healthScore: 90 },
  S04: { npsScore: 10 },
  S05: { npsScore: 7 },
  S09: { npsScore: 8, healthScore: 55, openComplaint: '01JOPEN00000000000000000S9' },
};

let cloud: LocalCloud;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  cloud = await startTestCloud(topology);
  cloud.clock.freeze(NOW);
  for (const [role, team] of [
    ['admin', undefined],
    ['lead', 'claims'],
    ['agent', 'claims'],
  ] as const) {
    const res = await api(cloud, '/dev/token', {
      method: 'POST',
      json: { sub: `${role}-seg`, role, ...(team ? { team } : {}) },
    });
    tokens[role] = res.body.token as string;
  }
  const imported = await importLines(customers.join('\n'));
  expect(imported.body).toMatchObject({ created: customers.length, rejected: [] });
  for (const [customerId, facts] of Object.entries(written)) {
    const key = customerProfileKey(customerId);
    const nps = facts.npsScore === undefined ? undefined : npsPartition(facts.npsScore);
    const sets = nps ? ['npsScore = :nps, gsi9pk = :npk'] : [];
    if (sets.length || facts.openComplaint)
      await cloud.dynamo.send(
        new UpdateItemCommand({
          TableName: cloud.tableNames.Customers,
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
          UpdateExpression: `${sets.length ? `SET ${sets.join(', ')}` : ''}${facts.openComplaint ? ' ADD openComplaints :open' : ''}`,
          ExpressionAttributeValues: {
            ...(nps
              ? {
                  ':nps': { N: String(facts.npsScore) },
                  ':npk': { S: nps },
                }
              : {}),
            ...(facts.openComplaint ? { ':open': { SS: [facts.openComplaint] } } : {}),
          },
        }),
      );
    if (facts.healthScore !== undefined)
      expect(
        await storeHealth(
          customerId,
          { score: facts.healthScore, band: 'watch', reasons: [] },
          NOW.toISOString(),
        ),
      ).toBe(true);
  }
});
afterAll(async () => {
  await cloud?.stop();
});

const as = (role: string) => ({ authorization: `Bearer ${tokens[role]}` });
/** Imports NDJSON lines as an admin. */
const importLines = (body: string) =>
  api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...as('admin') },
    body,
  });

async function define(rules: unknown, role = 'admin') {
  const res = await api(cloud, '/v1/segments', {
    method: 'POST',
    headers: as(role),
    json: { name: 'test', rules },
  });
  expect(res.status).toBe(201);
  return res.body.segmentId as string;
}

async function members(segmentId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const id of dynamoSegmentMembers(cloud.clock).listMembers(segmentId)) ids.push(id);
  return ids.sort();
}

function expectProblem(
  res: { status: number; headers: Headers; body: Record<string, unknown> },
  status: number,
) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

describe('segment membership (hand-counted)', () => {
  const cases: [string, unknown, string[]][] = [
    // gold/platinum: S02 is 36, S08 deceased
    [
      'gold or platinum, 60 or older',
      { tiers: ['gold', 'platinum'], ageBand: { min: 60 } },
      ['S01', 'S03', 'S04', 'S10'],
    ],
    // in-force premiums: S08 (6,000) is deceased, S04's lapsed 9,000 does not count
    ['annual premium 5,000 or more', { annualPremium: { min: 5000 } }, ['S01', 'S03', 'S04']],
    // in-force medical: S07 is in Sydney, S10's medical policy lapsed
    [
      'holding medical, in Shanghai or London',
      { productsHeld: ['medical'], timeZones: ['Asia/Shanghai', 'Europe/London'] },
      ['S01', 'S02', 'S09'],
    ],
    // S03 has not answered: unknown does not match
    ['NPS 7 or more', { nps: { min: 7 } }, ['S01', 'S04', 'S05', 'S09']],
    ['health 50 or less', { health: { max: 50 } }, ['S02']],
    ['health 70 or more', { health: { min: 70 } }, ['S01', 'S03']],
    // S04 is a promoter without a health score
    ['NPS 9 or more and health 70 or more', { nps: { min: 9 }, health: { min: 70 } }, ['S01']],
    ['a complaint open', { openComplaints: { min: 1 } }, ['S02', 'S09']],
    // days on each customer's local date: S07 was contacted "today" in Sydney
    ['contacted in the last 7 days', { daysSinceLastContact: { max: 7 } }, ['S01', 'S07']],
    // never contacted is unknown, not "long ago": only S02 (June 2025)
    ['not contacted for a year', { daysSinceLastContact: { min: 365 } }, ['S02']],
    // S03 is 70 until tomorrow, S04 60 since today, S05 60 only tomorrow, S09 81
    ['aged 60 to 70', { ageBand: { min: 60, max: 70 } }, ['S01', 'S03', 'S04', 'S10']],
    // from the first policy, lapsed ones included: S04 since 2019, S10 since 2018
    ['customers for 10 years or more', { tenureYears: { min: 10 } }, ['S01', 'S03', 'S09']],
  ];
  for (const [name, rules, expected] of cases) {
    it(`${name}: ${expected.join(', ')}`, async () => {
      const segmentId = await define(rules);
      expect(await members(segmentId)).toEqual(expected);
      const preview = await api(cloud, `/v1/segments/${segmentId}/preview`, { headers: as('lead') });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({
        segmentId,
        version: 1,
        count: expected.length,
        asOf: NOW.toISOString(),
      });
    });
  }

  it('previews with masked customers and reads one item per candidate of the index it picks', async () => {
    const segmentId = await define({ tiers: ['gold', 'platinum'], ageBand: { min: 60 } });
    const preview = await api(cloud, `/v1/segments/${segmentId}/preview`, { headers: as('admin') });
    // the gold and platinum partitions hold S01, S02, S03, S04, S08, S10: six items for four members
    expect(preview.body.itemsRead).toBe(6);
    const sample = preview.body.sample as { customerId: string; name: string; tier: string }[];
    expect(sample).toHaveLength(4);
    for (const member of sample) {
      expect(member.customerId).toMatch(/^\*\*\*$/);
      expect(member.name).toBe('李*');
      expect(['gold', 'platinum']).toContain(member.tier);
    }
  });

  it('reads only the last-contact months a "days since last contact" rule covers', async () => {
    // November and December 2026 hold S01 (30 Nov), S07 (7 Dec in Sydney) and S08 (deceased, 1 Dec)
    const recent = await define({ daysSinceLastContact: { max: 7 } });
    const preview = await api(cloud, `/v1/segments/${recent}/preview`, { headers: as('admin') });
    expect(preview.body).toMatchObject({ count: 2, itemsRead: 3 });
    // from the month before the earliest the import registered (June 2025) to a year ago: S02 alone
    const lapsed = await define({ daysSinceLastContact: { min: 365 } });
    const old = await api(cloud, `/v1/segments/${lapsed}/preview`, { headers: as('admin') });
    expect(old.body).toMatchObject({ count: 1, itemsRead: 1 });
  });

  it('reads only the NPS scores or health tens an NPS or health rule covers', async () => {
    // [rules, members, items read]: every customer's roster would be 10 items each
    const cases: [unknown, number, number][] = [
      // NPS 7, 8, 9, 10: S05, S09, S01, S04, all members
      [{ nps: { min: 7 } }, 4, 4],
      // the tens 0–50: S02 (30) and S09 (55, in the fifties, out by the rule)
      [{ health: { max: 50 } }, 1, 2],
      // 70–100: S01 (80), S03 (90)
      [{ health: { min: 70 } }, 2, 2],
      // NPS 9–10 (2 of 11 scores) is narrower than health's three tens: S01 and S04 (no health)
      [{ nps: { min: 9 }, health: { min: 70 } }, 1, 2],
      // promoters in London: London's range of scores 9 and 10 holds no one (S01 and S04 are in
      // Shanghai); the first import of this stage marked every sort key zoned
      [{ nps: { min: 9 }, timeZones: ['Europe/London'] }, 0, 0],
      // NPS 8–10 in London: S09 (8) alone is read
      [{ nps: { min: 8 }, timeZones: ['Europe/London'] }, 1, 1],
    ];
    for (const [rules, count, itemsRead] of cases) {
      const segmentId = await define(rules);
      const preview = await api(cloud, `/v1/segments/${segmentId}/preview`, { headers: as('admin') });
      expect({ rules, ...preview.body }).toMatchObject({ rules, count, itemsRead });
    }
  });

  it('backfills the NPS and health keys of profiles written before those indexes or before zones, once', async () => {
    const promoters = await define({ nps: { min: 9 } });
    const healthy = await define({ health: { min: 70 } });
    const londonNps = await define({ nps: { min: 8 }, timeZones: ['Europe/London'] });
    const preferences = (customerId: string, timeZone: string) =>
      api(cloud, `/v1/customers/${customerId}/preferences`, {
        method: 'PUT',
        headers: as('admin'),
        json: { timeZone },
      });
    // S01 moves to London by their own preferences: the effective zone is what keys them
    expect((await preferences('S01', 'Europe/London')).status).toBe(200);
    // a stage as before: every other profile written before the indexes (scores, no keys), the
    // rest keyed before zones (sort keys the customer id alone), and no mark that all are zoned
    await cloud.dynamo.send(
      new UpdateItemCommand({
        TableName: cloud.tableNames.Customers,
        Key: { pk: { S: timeZonesKey.pk }, sk: { S: timeZonesKey.sk } },
        UpdateExpression: 'REMOVE #zoned',
        ExpressionAttributeNames: { '#zoned': SCORE_KEYS_ZONED },
      }),
    );
    const ids = customers.map((line) => JSON.parse(line).customerId as string);
    for (const [i, customerId] of ids.entries()) {
      const key = customerProfileKey(customerId);
      await cloud.dynamo.send(
        new UpdateItemCommand({
          TableName: cloud.tableNames.Customers,
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
          ...(i % 2 === 0
            ? { UpdateExpression: 'REMOVE gsi9pk, gsi9sk, gsi10pk, gsi10sk' }
            : {
                UpdateExpression: 'SET gsi9sk = :id, gsi10sk = :id',
                ExpressionAttributeValues: { ':id': { S: customerId } },
              }),
        }),
      );
    }
    // unkeyed S01 and S03 are missed; S04's old key is in its score's partition, read whole
    expect(await members(promoters)).toEqual(['S04']);
    expect(await members(healthy)).toEqual([]);
    expect(await members(londonNps)).toEqual([]);

    // two partitions per unkeyed profile (the unscored under the sentinel), two sort keys each
    expect(await backfillScoreIndexes()).toEqual({
      keyed: 2 * 5,
      zoned: 2 * customers.length,
      raced: 0,
      scoreKeysZoned: true,
    });
    expect(await backfillScoreIndexes()).toEqual({ keyed: 0, zoned: 0, raced: 0, scoreKeysZoned: true });
    expect(await members(promoters)).toEqual(['S01', 'S04']);
    expect(await members(healthy)).toEqual(['S01', 'S03']);
    // marked zoned: London's range of each score only, one item per member
    const preview = await api(cloud, `/v1/segments/${londonNps}/preview`, { headers: as('admin') });
    expect(preview.body).toMatchObject({ count: 2, itemsRead: 2 });
    expect(await members(londonNps)).toEqual(['S01', 'S09']);
    const keysOf = async (customerId: string) => {
      const { Item } = await cloud.dynamo.send(
        new GetItemCommand({
          TableName: cloud.tableNames.Customers,
          Key: { pk: { S: customerProfileKey(customerId).pk }, sk: { S: 'PROFILE' } },
        }),
      );
      return [Item?.gsi9pk?.S, Item?.gsi9sk?.S, Item?.gsi10pk?.S, Item?.gsi10sk?.S];
    };
    expect(await keysOf('S06')).toEqual([
      npsPartition(),
      'Australia/Sydney#S06',
      healthPartition(),
      'Australia/Sydney#S06',
    ]);
    expect(await keysOf('S01')).toEqual([
      npsPartition(9),
      'Europe/London#S01',
      healthPartition(80),
      'Europe/London#S01',
    ]);

    // back to Shanghai: the preferences change moves both sort keys, the scores' partitions stay
    expect((await preferences('S01', 'Asia/Shanghai')).status).toBe(200);
    expect(await keysOf('S01')).toEqual([
      npsPartition(9),
      'Asia/Shanghai#S01',
      healthPartition(80),
      'Asia/Shanghai#S01',
    ]);
    const after = await api(cloud, `/v1/segments/${londonNps}/preview`, { headers: as('admin') });
    expect(after.body).toMatchObject({ count: 1, itemsRead: 1 });
  });

  it('backfills the last-contact keys of profiles written before the index, once', async () => {
    const lapsed = await define({ daysSinceLastContact: { min: 365 } });
    const recent = await define({ daysSinceLastContact: { max: 7 } });
    // profiles as an import before the index wrote them: no gsi8 keys, no months listed
    for (const line of customers) {
      const key = customerProfileKey(JSON.parse(line).customerId);
      await cloud.dynamo.send(
        new UpdateItemCommand({
          TableName: cloud.tableNames.Customers,
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
          UpdateExpression: 'REMOVE gsi8pk, gsi8sk',
        }),
      );
    }
    await cloud.dynamo.send(
      new UpdateItemCommand({
        TableName: cloud.tableNames.Customers,
        Key: { pk: { S: timeZonesKey.pk }, sk: { S: timeZonesKey.sk } },
        UpdateExpression: 'REMOVE contactMonths',
      }),
    );
    // without the months an open-ended rule still finds its members (through the rosters)
    expect(await members(lapsed)).toEqual(['S02']);
    expect(await members(recent)).toEqual([]);

    expect(await backfillContactMonths()).toEqual({ keyed: customers.length, raced: 0 });
    expect(await backfillContactMonths()).toEqual({ keyed: 0, raced: 0 });
    expect(await members(recent)).toEqual(['S01', 'S07']);
    const old = await api(cloud, `/v1/segments/${lapsed}/preview`, { headers: as('admin') });
    expect(old.body).toMatchObject({ count: 1, itemsRead: 1 });
  });

  it('follows a customer whose import changes tier and premium', async () => {
    const segmentId = await define({ tiers: ['platinum'], annualPremium: { min: 1000 } });
    expect(await members(segmentId)).toEqual(['S03', 'S04']);
    // S05 as platinum with 2,500 a year (other fields as given)
    const s05 = (fields: Record<string, unknown> = {}) =>
      customerLine({
        customerId: 'S05',
        tier: 'platinum',
        birthDate: '1966-12-08',
        phone: '13900000005',
        policies: [policy('00007', 'critical-illness', '2022-01-01', 2500)],
        lastContactAt: undefined,
        ...fields,
      });
    const res = await importLines(s05());
    expect(res.body).toMatchObject({ updated: 1 });
    expect(await members(segmentId)).toEqual(['S03', 'S04', 'S05']);
    // an import moving a customer to another zone moves their NPS and health sort keys (the
    // backfill above marked every key zoned, so this reads London's range of NPS 7 only)
    const passivesInLondon = await define({ nps: { min: 7, max: 7 }, timeZones: ['Europe/London'] });
    expect(await members(passivesInLondon)).toEqual([]);
    await importLines(s05({ timeZone: 'Europe/London' }));
    const moved = await api(cloud, `/v1/segments/${passivesInLondon}/preview`, { headers: as('admin') });
    expect(moved.body).toMatchObject({ count: 1, itemsRead: 1 });
    // back as it was, for the other cases
    await importLines(customers[4]!);
    expect(await members(passivesInLondon)).toEqual([]);
  });

  it('counts no customer whose records have expired, though the index still reads them', async () => {
    // gold, 66, and every policy ended in June 2010: the import ends the profile's retention 10
    // years later, and the local cloud, like DynamoDB for days after, still holds it
    const ended = await importLines(
      customerLine({
        customerId: 'S11',
        tier: 'gold',
        birthDate: '1960-02-02',
        phone: '13900000011',
        policies: [{ ...policy('00012', 'medical', '2001-01-01', 3000, 'lapsed'), endDate: '2010-06-30' }],
        lastContactAt: undefined,
      }),
    );
    expect(ended.body).toMatchObject({ created: 1, rejected: [] });
    const segmentId = await define({ tiers: ['gold', 'platinum'], ageBand: { min: 60 } });
    expect(await members(segmentId)).toEqual(['S01', 'S03', 'S04', 'S10']);
    const preview = await api(cloud, `/v1/segments/${segmentId}/preview`, { headers: as('admin') });
    // the filter costs no read: S11 is read (and paid for) as before, one item more than above
    expect(preview.body).toMatchObject({ count: 4, itemsRead: 7 });
  });
});

describe('the segments routes', () => {
  it('create, read, list and replace a segment, with its version as the ETag and If-Match checked', async () => {
    const created = await api(cloud, '/v1/segments', {
      method: 'POST',
      headers: as('lead'),
      json: { name: ' 长者 ', description: 'Seniors', rules: { ageBand: { min: 60 } } },
    });
    expect(created.status).toBe(201);
    const segmentId = created.body.segmentId as string;
    expect(created.headers.get('location')).toBe(`/v1/segments/${segmentId}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      name: '长者',
      version: 1,
      createdBy: 'lead-seg',
      createdAt: NOW.toISOString(),
    });

    const read = await api(cloud, `/v1/segments/${segmentId}`, { headers: as('admin') });
    expect(read.body).toEqual(created.body);
    const listed = await api(cloud, '/v1/segments', { headers: as('admin') });
    expect((listed.body.segments as { segmentId: string }[]).map((s) => s.segmentId)).toContain(segmentId);

    const replaced = await api(cloud, `/v1/segments/${segmentId}`, {
      method: 'PUT',
      headers: { ...as('admin'), 'if-match': '"1"' },
      json: { name: '长者', rules: { ageBand: { min: 65 } } },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('etag')).toBe('"2"');
    expect(replaced.body).toMatchObject({
      version: 2,
      updatedBy: 'admin-seg',
      createdBy: 'lead-seg',
      rules: { ageBand: { min: 65 } },
    });
    expect(replaced.body).not.toHaveProperty('description');

    const stale = await api(cloud, `/v1/segments/${segmentId}`, {
      method: 'PUT',
      headers: { ...as('admin'), 'if-match': '"1"' },
      json: { name: '长者', rules: { ageBand: { min: 70 } } },
    });
    expectProblem(stale, 412);
    expect((await api(cloud, `/v1/segments/${segmentId}`, { headers: as('admin') })).body).toMatchObject({
      version: 2,
    });
  });

  it('answers 400 with every field error, and 404 for a segment that does not exist', async () => {
    const bad = await api(cloud, '/v1/segments', {
      method: 'POST',
      headers: as('admin'),
      json: {
        name: '',
        rules: { tiers: ['diamond'], nps: { min: 9, max: 2 }, timeZones: ['Mars/Olympus'], colour: 'red' },
      },
    });
    expectProblem(bad, 400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'body.name',
      'body.rules.colour',
      'body.rules.nps.min',
      'body.rules.tiers.0',
      'body.rules.timeZones.0',
    ]);
    const empty = await api(cloud, '/v1/segments', {
      method: 'POST',
      headers: as('admin'),
      json: { name: 'x', rules: {} },
    });
    expectProblem(empty, 400);

    const unknown = '01J0000000000000000000000Z';
    for (const path of [`/v1/segments/${unknown}`, `/v1/segments/${unknown}/preview`])
      expectProblem(await api(cloud, path, { headers: as('admin') }), 404);
    expectProblem(
      await api(cloud, `/v1/segments/${unknown}`, {
        method: 'PUT',
        headers: as('admin'),
        json: { name: 'x', rules: { nps: { min: 1 } } },
      }),
      404,
    );
    expectProblem(await api(cloud, '/v1/segments/not-an-id', { headers: as('admin') }), 400);
    await expect(members(unknown)).rejects.toThrow(/no segment/);
  });

  it('refuses agents (403) and callers without a token (401)', async () => {
    expectProblem(await api(cloud, '/v1/segments', { headers: as('agent') }), 403);
    expectProblem(
      await api(cloud, '/v1/segments', {
        method: 'POST',
        headers: as('agent'),
        json: { name: 'x', rules: { nps: { min: 1 } } },
      }),
      403,
    );
    expectProblem(await api(cloud, '/v1/segments'), 401);
  });
});
