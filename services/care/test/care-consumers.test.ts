/**
 * The care consumers on the local cloud, fed by the real flow (intake → cases API → outbox →
 * bus → queue): a customer's open-complaint set follows the complaint's status, a resolution
 * records the satisfaction follow-up three local days later (kept 30 days after), and redelivered
 * or stale events change nothing. Care message outcomes are counted once per message into their
 * run (the marker kept 365 days from the counting), and the last contact only ever moves forward,
 * with its index key.
 */
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_SOURCE } from '#shared/contracts/events/index';
import { campaignPartition, followUpPartition, runKey, runMessageKey } from '#shared/tables/campaigns';
import { contactMonthPartition, customerProfileKey, lastContactPartition } from '#shared/tables/customers';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { publishEnvelope } from '../../../test/support/bus';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { setComplaintOpen } from '../adapters/dynamo-care-records';
import { customerLine } from './care-fixtures';

let cloud: LocalCloud;
let admin: string;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-01T01:00:00Z' } }); // Monday 09:00 Shanghai
  admin = await signIn();
  const imported = await api(cloud, '/v1/customers/import', {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' },
    body: [
      customerLine({ customerId: 'C0100', phone: '13900139100', policies: [] }),
      customerLine({
        customerId: 'C0200',
        phone: '13900139200',
        timeZone: 'America/New_York',
        policies: [],
        lastContactAt: '2026-01-15T02:00:00Z',
      }),
    ].join('\n'),
  });
  expect(imported.body).toMatchObject({ created: 2, rejected: [] });
});
afterAll(async () => {
  await cloud?.stop();
});

type Json = Record<string, unknown>;
const DAY = 86_400;
const epochSeconds = (instant: string) => Math.floor(Date.parse(instant) / 1000);
interface LoggedEvent {
  detail: { id: string; type: string; data: Json };
}

/** Tokens live 12 h on the local clock, which these tests move: sign in afresh when needed. */
async function signIn(): Promise<string> {
  return (await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-care', role: 'admin' } })).body
    .token as string;
}

async function profile(customerId: string) {
  const result = await cloud.dynamo.send(
    new GetItemCommand({
      TableName: cloud.tableNames.Customers,
      Key: { pk: { S: customerProfileKey(customerId).pk }, sk: { S: customerProfileKey(customerId).sk } },
      ConsistentRead: true,
    }),
  );
  return result.Item!;
}
const openComplaints = async (customerId: string) => (await profile(customerId)).openComplaints?.SS ?? [];

async function campaignsPartition(pk: string) {
  const result = await cloud.dynamo.send(
    new QueryCommand({
      TableName: cloud.tableNames.Campaigns,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: pk } },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

async function eventsOf(type: string, complaintId: string): Promise<LoggedEvent[]> {
  const res = await api(cloud, `/dev/events?type=${type}&limit=500`);
  return (res.body.events as LoggedEvent[]).filter((e) => e.detail.data.complaintId === complaintId);
}

/** Puts an envelope on the bus exactly as the outbox relay would (again, for a redelivery). */
const publish = (envelope: { id: string; type: string } & Json) => publishEnvelope(cloud, envelope);

async function act(complaintId: string, action: string, body?: Json) {
  admin = await signIn();
  const current = await api(cloud, `/v1/cases/${complaintId}`, {
    headers: { authorization: `Bearer ${admin}` },
  });
  const res = await api(cloud, `/v1/cases/${complaintId}/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'if-match': `"${current.body.version}"` },
    ...(body ? { json: body } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await cloud.settle();
}

describe('care-complaint-events', () => {
  let complaintId: string;

  it('adds a received complaint of a known customer to their open complaints', async () => {
    const posted = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '李四', phone: '13900139100' },
        description: '保单的续期保费扣款金额与合同约定不一致，请核实并退还多扣的部分。',
        consent: { dataProcessing: true },
      },
    });
    expect(posted.status).toBe(201);
    complaintId = posted.body.complaintId as string;
    await waitFor(
      async () => ((await eventsOf('complaint.triaged', complaintId)).length ? true : undefined),
      'triage',
    );
    await cloud.settle();
    expect(await openComplaints('C0100')).toEqual([complaintId]);
  });

  it('removes it on resolution and records the follow-up three local days later, once', async () => {
    await act(complaintId, 'assign', { assignee: 'agent-ann' });
    expect(await openComplaints('C0100')).toEqual([complaintId]);
    await act(complaintId, 'resolve', {
      outcome: 'upheld',
      remedy: '退还多扣保费',
      rootCause: 'premium-billing',
      responseToCustomer: '经核实，多扣的保费将于三个工作日内退还。',
    });
    expect(await openComplaints('C0100')).toEqual([]);
    // resolved 2026-06-01 (Shanghai) → due 2026-06-04
    const due = await campaignsPartition(followUpPartition('2026-06-04'));
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({
      sk: { S: `Asia/Shanghai#C0100#${complaintId}` },
      complaintId: { S: complaintId },
      customerId: { S: 'C0100' },
      reference: { S: expect.any(String) },
      resolvedAt: { S: expect.stringMatching(/^2026-06-01T/) },
      dueDate: { S: '2026-06-04' },
    });
    // kept 30 days after its due date
    expect(Number(due[0]!.expiresAt?.N)).toBe(epochSeconds(due[0]!.dueDate!.S!) + 30 * DAY);

    // redelivered, the received event does not reopen it (the complaint IS resolved), and the
    // resolved event records no second follow-up
    const [received] = await eventsOf('complaint.received', complaintId);
    const [resolved] = await eventsOf('complaint.resolved', complaintId);
    await publish(received!.detail);
    await publish(resolved!.detail);
    await cloud.settle();
    expect(await openComplaints('C0100')).toEqual([]);
    expect(await campaignsPartition(followUpPartition('2026-06-04'))).toHaveLength(1);
  });

  it('follows the status through close and reopen, whatever the order events arrive in', async () => {
    await act(complaintId, 'close');
    expect(await openComplaints('C0100')).toEqual([]);
    await act(complaintId, 'reopen', { reason: '客户对退款金额有异议' });
    expect(await openComplaints('C0100')).toEqual([complaintId]);

    // the old resolved and closed events arriving late do not close it again
    const [closed] = await eventsOf('complaint.closed', complaintId);
    const [resolved] = await eventsOf('complaint.resolved', complaintId);
    await publish(closed!.detail);
    await publish(resolved!.detail);
    await cloud.settle();
    expect(await openComplaints('C0100')).toEqual([complaintId]);
  });

  it('refuses a write from an older view of a complaint than one already applied', async () => {
    // two handlers racing: one read version 9 (closed), the other had read version 7 (open)
    expect(await setComplaintOpen('C0100', 'RACE-1', false, 9)).toBe(true);
    expect(await setComplaintOpen('C0100', 'RACE-1', true, 7)).toBe(false);
    expect(await openComplaints('C0100')).not.toContain('RACE-1');
    // the same version again (a redelivery) is applied, and changes nothing
    expect(await setComplaintOpen('C0100', 'RACE-1', false, 9)).toBe(true);
    expect(await setComplaintOpen('C0100', 'RACE-1', true, 10)).toBe(true);
    expect(await openComplaints('C0100')).toContain('RACE-1');
    expect(await setComplaintOpen('C0100', 'RACE-1', false, 11)).toBe(true);
    // no profile, nothing kept
    expect(await setComplaintOpen('NOBODY', 'RACE-2', true, 1)).toBe(false);
  });

  it('keeps nothing for a complaint no customer record matched', async () => {
    const posted = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        customer: { name: '王五', phone: '13711112222' },
        description: '客服电话一直打不通，等待了四十分钟也没有人接听。',
        consent: { dataProcessing: true },
      },
    });
    expect(posted.status).toBe(201);
    await waitFor(
      async () =>
        (await eventsOf('complaint.triaged', posted.body.complaintId as string)).length ? true : undefined,
      'triage',
    );
    await cloud.settle();
    expect(await openComplaints('C0100')).toEqual([complaintId]);
  });
});

describe('care-notification-outcomes', () => {
  let seq = 0;
  const outcome = (
    type: 'notification.sent' | 'notification.failed' | 'notification.suppressed',
    data: Json,
    occurredAt = '2026-05-20T03:00:00.000Z',
  ) => ({
    id: `evt-${++seq}`,
    type,
    version: 1,
    source: EVENT_SOURCE,
    occurredAt,
    correlationId: `corr-${seq}`,
    // the shape notify publishes (the catalog's notification outcome)
    data: {
      key: `care#${seq}`,
      type: 'care',
      purpose: 'care:birthday',
      channel: 'sms',
      recipientKind: 'customer',
      campaignId: 'birthday',
      runId: '2026-05-20#America/New_York',
      customerId: 'C0200',
      ...data,
    },
  });
  const counts = async () => {
    const [run] = await campaignsPartition(campaignPartition('birthday'));
    expect(run?.sk?.S).toBe(runKey('birthday', '2026-05-20#America/New_York').sk);
    return Object.fromEntries(Object.entries(run!.counts!.M!).map(([k, v]) => [k, Number(v.N)]));
  };
  const contactKeys = async (date: string) => {
    const result = await cloud.dynamo.send(
      new QueryCommand({
        TableName: cloud.tableNames.Customers,
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: lastContactPartition(date) } },
      }),
    );
    return (result.Items ?? []).map((i) => i.gsi4sk!.S);
  };

  it('counts each outcome once, even when delivered twice, and keeps its marker 365 days', async () => {
    const sent = outcome('notification.sent', { dedupeKey: 'birthday#2026-05-20#C0200' });
    const quiet = outcome('notification.suppressed', {
      dedupeKey: 'birthday#2026-05-20#C0201',
      reason: 'quiet-hours',
    });
    const failed = outcome('notification.failed', {
      dedupeKey: 'birthday#2026-05-20#C0202',
      reason: 'bounced',
    });
    // a marker's period counts from the moment it is counted, not from the outcome's instant
    const countedFrom = cloud.clock.now();
    for (const event of [sent, quiet, failed, sent, quiet, { ...failed, id: 'evt-redelivered' }])
      await publish(event);
    // a notification that is not a care message has no run to count into
    await publish({
      ...outcome('notification.sent', {}),
      data: {
        key: 'ack#1',
        complaintId: 'X',
        type: 'acknowledgement',
        purpose: 'acknowledgement',
        channel: 'sms',
        recipientKind: 'customer',
      },
    });
    await cloud.settle();
    const countedBy = cloud.clock.now();
    expect(await counts()).toEqual({ sent: 1, failed: 1, 'suppressed_quiet-hours': 1 });
    const marker = await campaignsPartition(runMessageKey('birthday#2026-05-20#C0200').pk);
    expect(marker[0]).toMatchObject({
      sk: { S: runMessageKey('birthday#2026-05-20#C0200').sk },
      counter: { S: 'sent' },
    });
    for (const customerId of ['C0200', 'C0201', 'C0202']) {
      const [counted] = await campaignsPartition(runMessageKey(`birthday#2026-05-20#${customerId}`).pk);
      const expiresAt = Number(counted?.expiresAt?.N);
      expect(expiresAt).toBeGreaterThanOrEqual(epochSeconds(countedFrom.toISOString()) + 365 * DAY);
      expect(expiresAt).toBeLessThanOrEqual(epochSeconds(countedBy.toISOString()) + 365 * DAY);
    }
  });

  it('moves the last contact forward with its index key, never back', async () => {
    // sent 2026-05-20T03:00Z is 2026-05-19 in New York
    expect((await profile('C0200')).lastContactAt?.S).toBe('2026-05-20T03:00:00.000Z');
    expect(await contactKeys('2026-05-19')).toContain('America/New_York#C0200');
    expect(await contactKeys('2026-01-14')).not.toContain('America/New_York#C0200');
    // and the segments' last-contact index with it
    expect((await profile('C0200')).gsi8pk?.S).toBe(contactMonthPartition('2026-05'));
    expect((await profile('C0200')).gsi8sk?.S).toBe('2026-05-19#C0200');

    await publish(
      outcome('notification.sent', { dedupeKey: 'birthday#2026-03-01#C0200' }, '2026-03-01T15:00:00.000Z'),
    );
    await cloud.settle();
    expect((await counts()).sent).toBe(2);
    expect((await profile('C0200')).lastContactAt?.S).toBe('2026-05-20T03:00:00.000Z');
    expect(await contactKeys('2026-05-19')).toContain('America/New_York#C0200');
    expect(await contactKeys('2026-03-01')).not.toContain('America/New_York#C0200');

    // a later import with an older contact does not move it back either
    admin = await signIn();
    await api(cloud, '/v1/customers/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' },
      body: customerLine({
        customerId: 'C0200',
        phone: '13900139200',
        timeZone: 'America/New_York',
        policies: [],
        tier: 'silver',
        lastContactAt: '2026-02-01T00:00:00Z',
      }),
    });
    expect((await profile('C0200')).lastContactAt?.S).toBe('2026-05-20T03:00:00.000Z');
  });

  it('sent nothing to either dead-letter queue', async () => {
    for (const name of ['care-complaint-events', 'care-notification-outcomes']) {
      const queue = cloud.queues.find((q) => q.subscription.queue === name)!;
      const attributes = await cloud.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queue.dlqUrl,
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );
      expect(attributes.Attributes?.ApproximateNumberOfMessages, name).toBe('0');
    }
  });
});
