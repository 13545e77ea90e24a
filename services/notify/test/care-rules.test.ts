/**
 * Care messages on the local cloud, end to end: `care.message-requested` on the bus → the
 * notify-care queue → the rules → SES / SMS, with outcomes as notification.* events the care
 * service counts per run. Each rule has a test that fails without it.
 */

import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBridge } from '#shared/aws/clients';
import type { CareMessageRequested } from '#shared/contracts/care-message';
import { ImportedCustomer } from '#shared/contracts/customer-import';
import { EVENT_SOURCE, type EventEnvelope } from '#shared/contracts/events/index';
import { newId } from '#shared/ids';
import { customerProfileKey } from '#shared/tables/customers';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { dynamoCustomerStore } from '../../care/adapters/dynamo-customer-store';
import { readEffectiveProfile } from '../adapters/customer-profiles';
import { deliveryDeps } from '../adapters/deps';
import { careNotification } from '../domain/care';
import { deliver } from '../domain/deliver';
import { mailTo, smsTo } from './mailbox';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

const setClock = (iso: string) => api(cloud, '/dev/clock', { method: 'POST', json: { set: iso } });

async function customer(fields: Record<string, unknown> & { customerId: string }) {
  await dynamoCustomerStore.upsert(
    ImportedCustomer.parse({ name: '李四', consent: { service: true, marketing: true }, ...fields }),
  );
}

/** Changes the stored profile the way the care service does (open complaints, preferences). */
async function updateProfile(customerId: string, update: string, values: Record<string, unknown>) {
  const key = customerProfileKey(customerId);
  await cloud.dynamo.send(
    new UpdateItemCommand({
      TableName: cloud.tableNames.Customers,
      Key: { pk: { S: key.pk }, sk: { S: key.sk } },
      UpdateExpression: update,
      ExpressionAttributeValues: values as never,
    }),
  );
}

let sequence = 0;
function careData(customerId: string, over: Partial<CareMessageRequested> = {}): CareMessageRequested {
  sequence += 1;
  return {
    campaignId: 'birthday',
    campaignVersion: '2026-01-01.1',
    runId: `run-${sequence}`,
    customerId,
    consent: 'marketing',
    dedupeKey: `birthday#2026-07-01#${customerId}#${sequence}`,
    occasionDate: '2026-07-01',
    content: {
      'zh-CN': { headline: '生日快乐', body: '祝您生日快乐，身体健康！' },
      en: { headline: 'Happy birthday', body: 'All the best for the year ahead.' },
    },
    holdWhileComplaintOpen: true,
    ...over,
  };
}

function careEvent(data: CareMessageRequested): EventEnvelope {
  return {
    id: newId(),
    type: 'care.message-requested',
    version: 1,
    source: EVENT_SOURCE,
    occurredAt: cloud.clock.now().toISOString(),
    correlationId: `care-test-${data.runId}`,
    data: data as unknown as Record<string, unknown>,
  };
}

async function publish(...events: EventEnvelope[]) {
  const result = await eventBridge().send(
    new PutEventsCommand({
      Entries: events.map((event) => ({
        EventBusName: process.env.EVENT_BUS_NAME,
        Source: EVENT_SOURCE,
        DetailType: event.type,
        Detail: JSON.stringify(event),
      })),
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
}

type Outcome = { type: string; data: Record<string, unknown> };
async function outcomesOf(dedupeKey: string): Promise<Outcome[]> {
  const found: Outcome[] = [];
  for (const type of ['notification.sent', 'notification.failed', 'notification.suppressed']) {
    const events = (await api(cloud, `/dev/events?type=${type}&limit=1000`)).body.events as {
      detail: Outcome;
    }[];
    found.push(...events.map((e) => e.detail).filter((e) => e.data.dedupeKey === dedupeKey));
  }
  return found;
}
const outcomeOf = (dedupeKey: string) =>
  waitFor(async () => (await outcomesOf(dedupeKey))[0], `outcome of ${dedupeKey}`);

const DAYTIME = '2026-07-01T02:00:00Z'; // 10:00 in Shanghai

describe('care messages', () => {
  it('sends once per dedupe key, in the customer language on their channel, with a signed unsubscribe link; a rerun with a new event id sends nothing', async () => {
    await setClock(DAYTIME);
    await customer({
      customerId: 'CARE-EN',
      name: 'Grace Ho',
      email: 'grace.care@example.com',
      phone: '13800000001',
      language: 'en',
      preferredChannel: 'email',
    });
    const data = careData('CARE-EN');
    await publish(careEvent(data));
    const outcome = await outcomeOf(data.dedupeKey);
    expect(outcome.type).toBe('notification.sent');
    expect(outcome.data).toMatchObject({
      customerId: 'CARE-EN',
      campaignId: 'birthday',
      runId: data.runId,
      dedupeKey: data.dedupeKey,
      channel: 'email',
    });
    const [mail] = await mailTo(cloud, 'grace.care@example.com');
    expect(mail!.subject).toBe('Happy birthday');
    expect(mail!.body.text).toContain('All the best');
    expect(mail!.body.text).toMatch(/\/v1\/unsubscribe\?token=[\w.-]+/);
    const header = (name: string) => mail!.headers?.find((h) => h.name === name)?.value;
    expect(header('List-Unsubscribe')).toMatch(/^<http.*\/v1\/unsubscribe\?token=.+>$/);
    expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    // its own queue: a burst of campaign messages never queues in front of an acknowledgement
    const requested = (await api(cloud, '/dev/events?type=care.message-requested&limit=1000')).body
      .events as {
      detail: EventEnvelope;
      deliveredTo: string[];
    }[];
    expect(requested.find((e) => e.detail.data.dedupeKey === data.dedupeKey)!.deliveredTo).toEqual([
      'notify-care',
    ]);

    // the planner runs again: same dedupe key, new event id (and a redelivery of the first)
    await publish(careEvent({ ...data, runId: 'rerun' }), careEvent(data));
    await cloud.settle();
    expect(await mailTo(cloud, 'grace.care@example.com')).toHaveLength(1);
    expect(await outcomesOf(data.dedupeKey)).toHaveLength(1);
  });

  it('falls back to the zh-CN content when the campaign has none in the customer language', async () => {
    await setClock(DAYTIME);
    await customer({ customerId: 'CARE-FALLBACK', phone: '13800000002', language: 'en' });
    const data = careData('CARE-FALLBACK', {
      content: { 'zh-CN': { headline: '中秋快乐', body: '中秋佳节，阖家幸福。' } },
    });
    await publish(careEvent(data));
    expect((await outcomeOf(data.dedupeKey)).type).toBe('notification.sent');
    expect(smsTo(cloud, '13800000002')[0]!.messageBody).toContain('中秋佳节');
  });

  it('needs the consent the message names: no marketing consent suppresses marketing care (no-consent), service care still goes', async () => {
    await setClock(DAYTIME);
    await customer({
      customerId: 'CARE-NOMKT',
      phone: '13800000003',
      consent: { service: true, marketing: false },
    });
    const marketing = careData('CARE-NOMKT', { consent: 'marketing' });
    const service = careData('CARE-NOMKT', { consent: 'service', campaignId: 'premium-due' });
    await publish(careEvent(marketing));
    const refused = await outcomeOf(marketing.dedupeKey);
    expect(refused.type).toBe('notification.suppressed');
    expect(refused.data).toMatchObject({
      reason: 'no-consent',
      customerId: 'CARE-NOMKT',
      runId: marketing.runId,
    });
    expect(smsTo(cloud, '13800000003')).toHaveLength(0);
    await publish(careEvent(service));
    expect((await outcomeOf(service.dedupeKey)).type).toBe('notification.sent');
    expect(smsTo(cloud, '13800000003')).toHaveLength(1);
  });

  it('never writes to a deceased or blocked customer', async () => {
    await setClock(DAYTIME);
    await customer({ customerId: 'CARE-DECEASED', phone: '13800000004', flags: { deceased: true } });
    await customer({ customerId: 'CARE-BLOCKED', phone: '13800000005', flags: { blocked: true } });
    const deceased = careData('CARE-DECEASED', { consent: 'service' });
    const blocked = careData('CARE-BLOCKED', { consent: 'service' });
    await publish(careEvent(deceased), careEvent(blocked));
    expect((await outcomeOf(deceased.dedupeKey)).data.reason).toBe('deceased');
    expect((await outcomeOf(blocked.dedupeKey)).data.reason).toBe('blocked');
    expect(smsTo(cloud, '13800000004')).toHaveLength(0);
    expect(smsTo(cloud, '13800000005')).toHaveLength(0);
  });

  it('never writes to a customer whose records have expired, though still stored (unknown-customer)', async () => {
    await setClock(DAYTIME);
    // every policy ended in June 2010: the import ends the profile's retention 10 years later,
    // and the local cloud, like DynamoDB for days after, still holds it
    await customer({
      customerId: 'CARE-ENDED',
      phone: '13800000031',
      policies: [
        {
          policyNumber: 'P2005000031',
          product: 'medical',
          startDate: '2005-01-01',
          status: 'lapsed',
          endDate: '2010-06-30',
        },
      ],
    });
    const data = careData('CARE-ENDED', { consent: 'service' });
    await publish(careEvent(data));
    expect(await outcomeOf(data.dedupeKey)).toMatchObject({
      type: 'notification.suppressed',
      data: { reason: 'unknown-customer', customerId: 'CARE-ENDED' },
    });
    expect(smsTo(cloud, '13800000031')).toHaveLength(0);
  });

  it('holds marketing-style care while a complaint is open (open-complaint); care not marked to hold still goes', async () => {
    await setClock(DAYTIME);
    await customer({ customerId: 'CARE-OPEN', phone: '13800000006' });
    await updateProfile('CARE-OPEN', 'ADD openComplaints :c', { ':c': { SS: ['CMP-OPEN-1'] } });
    const held = careData('CARE-OPEN', { holdWhileComplaintOpen: true });
    const reminder = careData('CARE-OPEN', {
      holdWhileComplaintOpen: false,
      consent: 'service',
      campaignId: 'premium-due',
    });
    await publish(careEvent(held));
    expect((await outcomeOf(held.dedupeKey)).data).toMatchObject({ reason: 'open-complaint' });
    await publish(careEvent(reminder));
    expect((await outcomeOf(reminder.dedupeKey)).type).toBe('notification.sent');
    expect(smsTo(cloud, '13800000006')).toHaveLength(1);
  });

  it("waits for the end of the customer's own quiet hours (19:00–09:00), not the default 08:00", async () => {
    await setClock('2026-07-01T12:00:00Z'); // 20:00 in Shanghai: quiet for this customer, not by default
    await customer({ customerId: 'CARE-QUIET', phone: '13800000007' });
    await updateProfile('CARE-QUIET', 'SET preferences = :p', {
      ':p': { M: { quietHours: { M: { start: { S: '19:00' }, end: { S: '09:00' } } } } },
    });
    const data = careData('CARE-QUIET', { consent: 'service' });
    await publish(careEvent(data));
    await cloud.settle();
    expect(smsTo(cloud, '13800000007')).toHaveLength(0);
    await setClock('2026-07-02T00:05:00Z'); // 08:05: the default quiet hours are over, the customer's are not
    await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
    expect(smsTo(cloud, '13800000007')).toHaveLength(0);
    await setClock('2026-07-02T01:05:00Z'); // 09:05
    await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
    await cloud.settle();
    expect(smsTo(cloud, '13800000007')).toHaveLength(1);
    expect((await outcomeOf(data.dedupeKey)).type).toBe('notification.sent');
  });

  it('keeps a held message quiet in the time zone the customer moved to overnight', async () => {
    await setClock('2026-07-03T14:00:00Z'); // 22:00 in Shanghai: held until 08:00 there
    await customer({ customerId: 'CARE-MOVED', phone: '13800000021', timeZone: 'Asia/Shanghai' });
    const data = careData('CARE-MOVED', { consent: 'service' });
    await publish(careEvent(data));
    await cloud.settle();
    expect(smsTo(cloud, '13800000021')).toHaveLength(0);
    await updateProfile('CARE-MOVED', 'SET preferences = :p', {
      ':p': { M: { timeZone: { S: 'Europe/London' } } },
    });
    await setClock('2026-07-04T00:05:00Z'); // 08:05 in Shanghai, 01:05 in London
    await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
    await cloud.settle();
    expect(smsTo(cloud, '13800000021')).toHaveLength(0);
    await setClock('2026-07-04T07:05:00Z'); // 08:05 in London
    await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
    await cloud.settle();
    expect(smsTo(cloud, '13800000021')).toHaveLength(1);
    expect((await outcomeOf(data.dedupeKey)).type).toBe('notification.sent');
  });

  it('caps care at 2 per customer in 7 days, also under concurrent deliveries (frequency-cap); complaint messages are not capped and carry the customerId', async () => {
    await setClock('2026-07-10T02:00:00Z');
    await customer({ customerId: 'CARE-CAP', phone: '13800000008' });
    const three = [1, 2, 3].map(() =>
      careData('CARE-CAP', { consent: 'service', holdWhileComplaintOpen: false }),
    );
    await publish(...three.map(careEvent));
    const outcomes = await Promise.all(three.map((d) => outcomeOf(d.dedupeKey)));
    expect(outcomes.filter((o) => o.type === 'notification.sent')).toHaveLength(2);
    expect(outcomes.filter((o) => o.data.reason === 'frequency-cap')).toHaveLength(1);
    expect(smsTo(cloud, '13800000008')).toHaveLength(2);

    // eight more deliveries racing for no free slot (another customer: two free slots, eight racers)
    await customer({ customerId: 'CARE-RACE', phone: '13800000009' });
    const profile = await readEffectiveProfile('CARE-RACE');
    const racers = Array.from({ length: 8 }, () =>
      careData('CARE-RACE', { consent: 'service', holdWhileComplaintOpen: false }),
    );
    const results = await Promise.all(
      racers.map((d) =>
        deliver(careNotification(careEvent(d), d, profile, 'https://x.example/u'), deliveryDeps),
      ),
    );
    expect(results.filter((r) => r === 'sent')).toHaveLength(2);
    expect(results.filter((r) => r === 'suppressed')).toHaveLength(6);
    expect(smsTo(cloud, '13800000009')).toHaveLength(2);

    // a complaint from the capped customer is acknowledged all the same, and its events name the customer
    const filed = await api(cloud, '/v1/complaints', {
      method: 'POST',
      json: {
        consent: { dataProcessing: true },
        customer: { name: '李四', phone: '13800000008' },
        description: '续期保费重复扣款，请尽快退还。',
        preferredChannel: 'sms',
      },
    });
    expect(filed.status).toBe(201);
    await waitFor(
      async () => (smsTo(cloud, '13800000008').length === 3 ? true : undefined),
      'acknowledgement',
    );
    const ack = await waitFor(async () => {
      const sent = (await api(cloud, '/dev/events?type=notification.sent&limit=1000')).body.events as {
        detail: Outcome;
      }[];
      return sent.find((e) => e.detail.data.complaintId === filed.body.complaintId)?.detail;
    }, 'notification.sent of the acknowledgement');
    expect(ack.data.customerId).toBe('CARE-CAP');

    // a week later there is room again
    await setClock('2026-07-17T02:00:01Z');
    const later = careData('CARE-CAP', { consent: 'service', holdWhileComplaintOpen: false });
    await publish(careEvent(later));
    expect((await outcomeOf(later.dedupeKey)).type).toBe('notification.sent');
  });

  it('refuses a request that breaks the contract: nothing is sent, and it waits in the DLQ of notify-care', async () => {
    await setClock(DAYTIME);
    await customer({ customerId: 'CARE-BAD', phone: '13800000010' });
    const bad = { ...careData('CARE-BAD'), consent: 'everything', occasionDate: '1 July' };
    await publish(careEvent(bad as unknown as CareMessageRequested));
    const queue = cloud.queues.find((q) => q.subscription.queue === 'notify-care')!;
    const dead = await waitFor(async () => {
      const received = await cloud.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queue.dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      return received.Messages?.find((m) => m.Body?.includes(bad.dedupeKey));
    }, 'the invalid request in the DLQ');
    expect(dead).toBeDefined();
    expect(smsTo(cloud, '13800000010')).toHaveLength(0);
    expect(await outcomesOf(bad.dedupeKey)).toEqual([]);
  });
});
