/**
 * Care campaigns on the local cloud, driven by /dev/clock: at 09:00 in Shanghai the hourly planner
 * greets the customer whose birthday it is exactly once (a rerun plans only a newly imported one), holds the greeting
 * for an opted-out customer and one with an open complaint and counts why in the run record, still
 * reminds the customer with the open complaint of a premium due, and greets a London customer at
 * London's 09:00. Each decision marker expires 365 days after the decision. The admin API shows the
 * runs and previews without writing, counting no follow-up past its retention period and no
 * customer whose records have expired.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '#shared/aws/clients';
import { ImportedCustomer } from '#shared/contracts/customer-import';
import { decisionPartition, followUpKey, runKey } from '#shared/tables/campaigns';
import { customerProfileKey } from '#shared/tables/customers';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, partition, startTestCloud } from '../../../test/support/local-cloud';
import { dynamoCustomerStore } from '../adapters/dynamo-customer-store';

let cloud: LocalCloud;

/** As an import does: the customer's zone is listed for the planner, then the customer written. */
async function importCustomer(customer: ImportedCustomer) {
  await dynamoCustomerStore.registerTimeZones(new Set([customer.timeZone]));
  return dynamoCustomerStore.upsert(customer);
}
beforeAll(async () => {
  cloud = await startTestCloud(topology);
  const customer = (c: Record<string, unknown>) =>
    ImportedCustomer.parse({
      name: '王芳',
      birthDate: '1980-06-15',
      timeZone: 'Asia/Shanghai',
      consent: { service: true, marketing: true },
      ...c,
    });
  await importCustomer(customer({ customerId: 'CMP-GREET', phone: '13900000001' }));
  await importCustomer(
    customer({
      customerId: 'CMP-OPTOUT',
      phone: '13900000002',
      consent: { service: true, marketing: false },
    }),
  );
  await importCustomer(
    customer({
      customerId: 'CMP-OPEN',
      phone: '13900000003',
      policies: [
        {
          policyNumber: 'P2025000777',
          product: 'medical',
          startDate: '2025-03-01',
          premiumDueDate: '2026-06-22',
          premiumAmount: 1280,
          status: 'in-force',
        },
      ],
    }),
  );
  await importCustomer(
    customer({ customerId: 'CMP-LONDON', name: 'Alice Smith', language: 'en', timeZone: 'Europe/London' }),
  );
  // the care service keeps a customer's open complaints on the profile
  await dynamo().send(
    new UpdateCommand({
      TableName: cloud.tableNames.Customers,
      Key: customerProfileKey('CMP-OPEN'),
      UpdateExpression: 'ADD openComplaints :c',
      ExpressionAttributeValues: { ':c': new Set(['01JOPENCOMPLAINT0000000000']) },
    }),
  );
});
afterAll(async () => {
  await cloud?.stop();
});

type CareEvent = { detail: { data: Record<string, string> } };
const careMessages = async (customerId: string) =>
  (
    (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body.events as CareEvent[]
  ).filter((e) => e.detail.data.customerId === customerId);

const DAY = 86_400;
const epochSeconds = (instant: string) => Math.floor(Date.parse(instant) / 1000);

const clockTo = (set: string) => api(cloud, '/dev/clock', { method: 'POST', json: { set } });
const advance = (by: string) => api(cloud, '/dev/clock', { method: 'POST', json: { advance: by } });

async function runRecord(campaignId: string, runId: string) {
  const rows = await partition(cloud, 'Campaigns', runKey(campaignId, runId).pk);
  return rows.find((r) => r.sk === runKey(campaignId, runId).sk);
}

async function adminToken(role = 'admin') {
  const res = await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-1', role } });
  return { authorization: `Bearer ${res.body.token as string}` };
}

describe('care campaign planner', () => {
  it('greets at 09:00 Shanghai exactly once, holds the greeting for opt-out and open complaint', async () => {
    // 08:30 in Shanghai: the clock runs on in real time while the cloud settles, a minute or more
    // on a busy machine, so "just before" leaves half an hour
    await clockTo('2026-06-15T00:30:00Z');
    expect(await careMessages('CMP-GREET')).toHaveLength(0);
    await advance('PT31M');

    const greeted = await careMessages('CMP-GREET');
    expect(greeted).toHaveLength(1);
    expect(greeted[0]!.detail.data).toMatchObject({
      campaignId: 'birthday',
      dedupeKey: 'birthday#2026-06-15#CMP-GREET',
      occasionDate: '2026-06-15',
      runId: '2026-06-15#Asia/Shanghai',
      consent: 'marketing',
    });
    expect(await careMessages('CMP-OPTOUT')).toHaveLength(0);
    expect((await careMessages('CMP-OPEN')).map((e) => e.detail.data.campaignId)).toEqual(['premium-due']);
    expect(await careMessages('CMP-LONDON')).toHaveLength(0);
  });

  it('counts the audience, the planned message and each suppression reason in the run record', async () => {
    const runs = await api(cloud, '/v1/campaigns/birthday/runs', { headers: await adminToken() });
    expect(runs.status).toBe(200);
    const run = (
      runs.body.runs as { runId: string; audience: number; counts: Record<string, number> }[]
    ).find((r) => r.runId === '2026-06-15#Asia/Shanghai');
    expect(run).toMatchObject({
      audience: 3,
      counts: { planned: 1, 'suppressed_no-consent': 1, 'suppressed_open-complaint': 1 },
    });
  });

  it('keeps each decision marker, planned or suppressed, 365 days from its decision', async () => {
    for (const [customerId, sk] of [
      ['CMP-GREET', 'PLANNED'],
      ['CMP-OPTOUT', 'SUPPRESSED'],
      ['CMP-OPEN', 'SUPPRESSED'],
    ] as const) {
      const [marker] = await partition(
        cloud,
        'Campaigns',
        decisionPartition(`birthday#2026-06-15#${customerId}`),
      );
      expect(marker).toMatchObject({ sk, decidedAt: expect.stringMatching(/^2026-06-15T/) });
      expect(marker!.expiresAt).toBe(epochSeconds(String(marker!.decidedAt)) + 365 * DAY);
    }
  });

  it('plans and counts only what is new when the schedule runs again the same hour', async () => {
    // a customer imported after the first run is planned by the rerun; nobody is planned twice
    await importCustomer(
      ImportedCustomer.parse({
        customerId: 'CMP-LATE',
        name: '赵磊',
        birthDate: '1975-06-15',
        consent: { service: true, marketing: true },
      }),
    );
    const res = await api(cloud, '/dev/schedules/care-campaign-planner/run', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await careMessages('CMP-GREET')).toHaveLength(1);
    expect(await careMessages('CMP-OPEN')).toHaveLength(1);
    expect(await careMessages('CMP-LATE')).toHaveLength(1);
    const runs = (await api(cloud, '/v1/campaigns/birthday/runs', { headers: await adminToken() })).body
      .runs as {
      audience: number;
      counts: Record<string, number>;
    }[];
    expect(runs[0]).toMatchObject({ audience: 4 });
    // notify's outcomes (sent, …) are counted into the same record as they arrive
    expect(runs[0]!.counts).toMatchObject({
      planned: 2,
      'suppressed_no-consent': 1,
      'suppressed_open-complaint': 1,
    });
  });

  it("greets a customer in another time zone at their own 09:00, not Shanghai's", async () => {
    await clockTo('2026-06-15T07:30:00Z'); // 08:30 in London (BST)
    expect(await careMessages('CMP-LONDON')).toHaveLength(0);
    await advance('PT31M');
    const greeted = await careMessages('CMP-LONDON');
    expect(greeted).toHaveLength(1);
    expect(greeted[0]!.detail.data).toMatchObject({
      runId: '2026-06-15#Europe/London',
      occasionDate: '2026-06-15',
    });
    expect(greeted[0]!.detail.data.content).toMatchObject({ en: { headline: 'Happy birthday' } });
  });
});

describe('campaign admin API', () => {
  it('lists the definitions with their version and enabled flag, to admins only', async () => {
    const res = await api(cloud, '/v1/campaigns', { headers: await adminToken() });
    expect(res.status).toBe(200);
    expect(res.body.version).toEqual(expect.any(String));
    expect(res.body.campaigns).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'birthday', enabled: true, consent: 'marketing' }),
      ]),
    );
    expect((await api(cloud, '/v1/campaigns', { headers: await adminToken('agent') })).status).toBe(403);
  });

  it('previews a day by outcome with a masked sample, writing nothing', async () => {
    const res = await api(cloud, '/v1/campaigns/birthday/preview?date=2027-06-15&timeZone=Asia/Shanghai', {
      headers: await adminToken(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      audience: 4,
      wouldSend: 2,
      suppressed: { 'no-consent': 1, 'open-complaint': 1 },
    });
    const sample = res.body.sample as { name: string; customerId: string }[];
    expect(sample).toHaveLength(4);
    expect(sample.map((s) => s.name).sort()).toEqual(['王*', '王*', '王*', '赵*']);
    expect(JSON.stringify(sample)).not.toContain('CMP-GREET');
    expect(await runRecord('birthday', '2027-06-15#Asia/Shanghai')).toBeUndefined();
    expect(await partition(cloud, 'Campaigns', decisionPartition('birthday#2027-06-15#CMP-GREET'))).toEqual(
      [],
    );
  });

  it('previews a festival from the zone roster, the age limit read as a range of birth dates', async () => {
    for (const [customerId, birthDate] of [
      ['CMP-ELDER', '1950-03-01'],
      ['CMP-SIXTY', '1966-10-18'],
      ['CMP-FIFTYNINE', '1966-10-19'],
    ] as const) {
      await importCustomer(
        ImportedCustomer.parse({
          customerId,
          name: '刘洋',
          birthDate,
          consent: { service: true, marketing: true },
        }),
      );
    }
    const headers = await adminToken();
    const ninth = await api(
      cloud,
      '/v1/campaigns/festival-double-ninth/preview?date=2026-10-18&timeZone=Asia/Shanghai',
      {
        headers,
      },
    );
    expect(ninth.status).toBe(200);
    // 60 and over on 2026-10-18: born on or before 1966-10-18
    expect(ninth.body).toMatchObject({ audience: 2, wouldSend: 2 });
    const autumn = await api(
      cloud,
      '/v1/campaigns/festival-mid-autumn/preview?date=2026-09-25&timeZone=Asia/Shanghai',
      {
        headers,
      },
    );
    // everyone in Shanghai so far: 4 birthday customers and the 3 above
    expect(autumn.body).toMatchObject({
      audience: 7,
      wouldSend: 5,
      suppressed: { 'no-consent': 1, 'open-complaint': 1 },
    });
    const noFestival = await api(cloud, '/v1/campaigns/festival-mid-autumn/preview?date=2026-09-24', {
      headers,
    });
    expect(noFestival.body).toMatchObject({ audience: 0 });
  });

  it('answers 400 problem+json for a bad date and 404 for an unknown campaign', async () => {
    const headers = await adminToken();
    const bad = await api(cloud, '/v1/campaigns/birthday/preview?date=2026-02-30', { headers });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'query.date' })]);
    expect(
      (await api(cloud, '/v1/campaigns/festival-spring/preview?date=2060-01-01', { headers })).status,
    ).toBe(400);
    expect((await api(cloud, '/v1/campaigns/Bad_Id!/runs', { headers })).status).toBe(400);
    const unknown = await api(cloud, '/v1/campaigns/no-such-campaign/runs', { headers });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('reminders from the other audiences', () => {
  it('plans the satisfaction survey from follow-up items, the dormant check-in and the anniversary review', async () => {
    const customer = (c: Record<string, unknown>) =>
      importCustomer(
        ImportedCustomer.parse({
          name: '陈静',
          birthDate: '1970-01-05',
          consent: { service: true, marketing: true },
          ...c,
        }),
      );
    await customer({ customerId: 'CMP-SURVEY' });
    await customer({ customerId: 'CMP-REOPENED' });
    // last contacted 180 days before 2026-05-20 (10:00 in Shanghai on 2025-11-21)
    await customer({ customerId: 'CMP-DORMANT', lastContactAt: '2025-11-21T02:00:00Z' });
    await customer({
      customerId: 'CMP-REVIEW',
      policies: [
        { policyNumber: 'P2020000456', product: 'whole-life', startDate: '2020-06-19', status: 'in-force' },
      ],
    });
    await dynamo().send(
      new UpdateCommand({
        TableName: cloud.tableNames.Customers,
        Key: customerProfileKey('CMP-REOPENED'),
        UpdateExpression: 'ADD openComplaints :c',
        ExpressionAttributeValues: { ':c': new Set(['01JREOPENED000000000000000']) },
      }),
    );
    // follow-up items as the complaint side files them: under the local date of resolution
    for (const [customerId, complaintId] of [
      ['CMP-SURVEY', '01JRESOLVED000000000000000'],
      ['CMP-REOPENED', '01JREOPENED000000000000000'],
    ] as const) {
      await dynamo().send(
        new PutCommand({
          TableName: cloud.tableNames.Campaigns,
          Item: {
            ...followUpKey('2026-05-17', 'Asia/Shanghai', customerId, complaintId),
            complaintId,
            reference: `CC-${complaintId.slice(-6)}`,
            customerId,
            resolvedAt: '2026-05-17T02:00:00Z',
          },
        }),
      );
    }

    await clockTo('2026-05-20T00:59:00Z');
    await advance('PT2M');

    const [survey] = await careMessages('CMP-SURVEY');
    expect(survey?.detail.data).toMatchObject({
      campaignId: 'complaint-follow-up',
      dedupeKey: 'complaint-follow-up#2026-05-20.01JRESOLVED000000000000000#CMP-SURVEY',
      consent: 'service',
    });
    expect(await careMessages('CMP-SURVEY')).toHaveLength(1);
    expect(await careMessages('CMP-REOPENED')).toHaveLength(0);
    expect((await careMessages('CMP-DORMANT')).map((e) => e.detail.data.campaignId)).toEqual([
      'dormant-check-in',
    ]);
    const review = await careMessages('CMP-REVIEW');
    expect(review.map((e) => e.detail.data.campaignId)).toEqual(['policy-review']);
    expect(review[0]!.detail.data.content).toMatchObject({ 'zh-CN': { headline: '终身寿险保单周年检视' } });

    const followUpRun = await runRecord('complaint-follow-up', '2026-05-20#Asia/Shanghai');
    expect(followUpRun).toBeDefined();
    const runs = (await api(cloud, '/v1/campaigns/complaint-follow-up/runs', { headers: await adminToken() }))
      .body.runs as { counts: Record<string, number> }[];
    expect(runs[0]!.counts).toMatchObject({ planned: 1, 'suppressed_complaint-reopened': 1 });
  });

  it('counts no follow-up past its 30 days in a preview, purged by DynamoDB or not yet', async () => {
    // filed as the complaint side writes them: under the due date, three local days after the
    // resolution, expiring 30 days after that date (the local cloud purges nothing)
    const followUp = (dueDate: string, resolvedAt: string, complaintId: string) =>
      dynamo().send(
        new PutCommand({
          TableName: cloud.tableNames.Campaigns,
          Item: {
            ...followUpKey(dueDate, 'Asia/Shanghai', 'CMP-SURVEY', complaintId),
            kind: 'follow-up',
            dueDate,
            timeZone: 'Asia/Shanghai',
            complaintId,
            reference: `CC-${complaintId.slice(-6)}`,
            customerId: 'CMP-SURVEY',
            resolvedAt,
            expiresAt: epochSeconds(dueDate) + 30 * DAY,
          },
        }),
      );
    // the clock is at 2026-05-20: the first expired on 2026-03-31, the second keeps until 2026-06-09
    await followUp('2026-03-01', '2026-02-26T02:00:00Z', '01JEXPIRED0000000000000000');
    await followUp('2026-05-10', '2026-05-07T02:00:00Z', '01JKEPT000000000000000000');
    const headers = await adminToken();
    const preview = async (date: string) =>
      (
        await api(cloud, `/v1/campaigns/complaint-follow-up/preview?date=${date}&timeZone=Asia/Shanghai`, {
          headers,
        })
      ).body;
    expect(await preview('2026-05-10')).toMatchObject({ audience: 1 });
    expect(await preview('2026-03-01')).toMatchObject({ audience: 0 });
  });

  it('counts no customer whose records have expired, by their profile or by their follow-up', async () => {
    // born the same day; one's every policy ended in June 2010, so the import ended their
    // profile's retention 10 years later, and the local cloud, like DynamoDB for days after,
    // still holds it
    const customer = (customerId: string, name: string, policies: unknown[] = []) =>
      importCustomer(
        ImportedCustomer.parse({
          customerId,
          name,
          birthDate: '1975-08-08',
          timeZone: 'Asia/Shanghai',
          consent: { service: true, marketing: true },
          policies,
        }),
      );
    await customer('CMP-ENDED', '孙丽', [
      {
        policyNumber: 'P2005000888',
        product: 'medical',
        startDate: '2005-03-01',
        status: 'lapsed',
        endDate: '2010-06-30',
      },
    ]);
    await customer('CMP-KEPT', '钱军');
    const headers = await adminToken();
    const preview = async (campaignId: string, date: string) =>
      (
        await api(cloud, `/v1/campaigns/${campaignId}/preview?date=${date}&timeZone=Asia/Shanghai`, {
          headers,
        })
      ).body;
    // the birthday audience comes from the birthday index, the profiles themselves
    const birthday = await preview('birthday', '2026-08-08');
    expect(birthday).toMatchObject({ audience: 1 });
    expect((birthday.sample as { name: string }[]).map((s) => s.name)).toEqual(['钱*']);

    // a follow-up's audience reads each customer's profile by its id: a follow-up of its own
    // still within its 30 days does not bring the expired profile back
    await clockTo('2026-05-20T01:30:00Z');
    for (const [customerId, complaintId] of [
      ['CMP-ENDED', '01JENDEDFOLLOWUP0000000000'],
      ['CMP-KEPT', '01JKEPTFOLLOWUP00000000000'],
    ] as const)
      await dynamo().send(
        new PutCommand({
          TableName: cloud.tableNames.Campaigns,
          Item: {
            ...followUpKey('2026-05-18', 'Asia/Shanghai', customerId, complaintId),
            kind: 'follow-up',
            dueDate: '2026-05-18',
            timeZone: 'Asia/Shanghai',
            complaintId,
            reference: `CC-${complaintId.slice(-6)}`,
            customerId,
            resolvedAt: '2026-05-15T02:00:00Z',
            expiresAt: epochSeconds('2026-05-18') + 30 * DAY,
          },
        }),
      );
    expect(await preview('complaint-follow-up', '2026-05-18')).toMatchObject({ audience: 1 });
  });
});
