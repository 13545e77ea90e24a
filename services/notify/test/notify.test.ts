/**
 * Notify on the local cloud: one acknowledgement per complaint, in the customer's language, by
 * email or SMS; exactly once under redelivery, concurrency and a crash after sending; non-urgent
 * messages wait for the end of quiet hours; a sent message's log item keeps what renders it again,
 * never the address or a link's token.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBridge } from '#shared/aws/clients';
import type { CatalogEvent, EventEnvelope } from '#shared/contracts/events/index';
import { deferredPartition, messageKey } from '#shared/tables/messages';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, partition, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { loadComplaintContext } from '../adapters/complaint-context';
import { deliveryDeps } from '../adapters/deps';
import { dynamoMessageLog } from '../adapters/dynamo-message-log';
import { customerNotifications } from '../domain/compose';
import { deliver } from '../domain/deliver';
import { mailTo, smsTo } from './mailbox';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

/** The message's log item as stored (maps included). */
async function logged(key: string): Promise<Record<string, unknown>> {
  const found = await cloud.dynamo.send(
    new GetItemCommand({
      TableName: cloud.tableNames.Messages,
      Key: { pk: { S: messageKey(key).pk }, sk: { S: messageKey(key).sk } },
      ConsistentRead: true,
    }),
  );
  return unmarshall(found.Item!);
}

async function file(body: Record<string, unknown>) {
  const res = await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: { consent: { dataProcessing: true }, ...body },
  });
  expect(res.status).toBe(201);
  return res.body as { complaintId: string; reference: string };
}

describe('notify', () => {
  it('acknowledges a complaint once, by email in the customer language, with the reference', async () => {
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-01T02:00:00Z' } });
    const filed = await file({
      customer: { name: 'Grace Ho', email: 'grace.ho@example.com' },
      description: 'My claim for physiotherapy has not been answered for six weeks.',
      language: 'en',
    });
    const [mail] = await waitFor(async () => {
      const found = await mailTo(cloud, 'grace.ho@example.com');
      return found.length ? found : undefined;
    }, 'acknowledgement email');
    await cloud.settle();
    expect(await mailTo(cloud, 'grace.ho@example.com')).toHaveLength(1);
    expect(mail!.subject).toContain(filed.reference);
    expect(mail!.body.text).toMatch(/received/i);
    // the SLA acknowledge clock stops when the acknowledgement is sent
    const sent = (await api(cloud, '/dev/events?type=notification.sent&limit=100')).body.events as {
      detail: { data: Record<string, unknown> };
    }[];
    const ack = sent.find(
      (e) => e.detail.data.complaintId === filed.complaintId && e.detail.data.purpose === 'acknowledgement',
    );
    expect(ack).toBeDefined();
    // the log keeps what renders it again: its template data, the status link without its token
    // (a bearer credential), and neither the address nor the request it was sent from
    expect(mail!.body.text).toMatch(/\/status\?t=[^\s]+/);
    const item = await logged(String(ack!.detail.data.key));
    expect(item).toMatchObject({
      state: 'sent',
      renderedFrom: {
        type: 'acknowledgement',
        channel: 'email',
        language: 'en',
        timeZone: 'Asia/Shanghai',
        data: {
          name: 'Grace Ho',
          reference: filed.reference,
          receivedAt: expect.any(String),
          nextDeadline: expect.any(String),
          statusUrl: expect.stringMatching(/^https?:\/\/[^?#]+\/status$/),
        },
      },
    });
    expect(item.request).toBeUndefined();
    expect(JSON.stringify(item)).not.toContain('grace.ho@example.com');
  });

  it('sends it by SMS when the customer prefers SMS', async () => {
    const filed = await file({
      customer: { name: '王芳', phone: '13712345678', email: 'wangfang@example.com' },
      description: '退保申请提交后两周没有到账，请尽快处理。',
      preferredChannel: 'sms',
    });
    await waitFor(async () => (smsTo(cloud, '13712345678').length ? true : undefined), 'acknowledgement SMS');
    await cloud.settle();
    expect(smsTo(cloud, '13712345678')).toHaveLength(1);
    expect(smsTo(cloud, '13712345678')[0]!.messageBody).toContain(filed.reference);
    expect(await mailTo(cloud, 'wangfang@example.com')).toHaveLength(0);
  });

  it('sends one message whatever the redeliveries, concurrent or not, and after a crash before or after the provider took it', async () => {
    const filed = await file({
      customer: { name: 'Ivy Chan', email: 'ivy.chan@example.com' },
      description: 'Premium was charged twice this month on my direct debit.',
      language: 'en',
    });
    await waitFor(
      async () => ((await mailTo(cloud, 'ivy.chan@example.com')).length ? true : undefined),
      'acknowledgement',
    );
    const received = (
      (await api(cloud, '/dev/events?type=complaint.received&limit=200')).body.events as {
        detail: EventEnvelope;
      }[]
    ).find((e) => e.detail.data.complaintId === filed.complaintId)!.detail;
    const redeliver = () =>
      eventBridge().send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: process.env.EVENT_BUS_NAME,
              Source: received.source,
              DetailType: received.type,
              Detail: JSON.stringify(received),
            },
          ],
        }),
      );
    await Promise.all([redeliver(), redeliver(), redeliver()]);
    await redeliver();
    await redeliver();
    await cloud.settle();
    expect(await mailTo(cloud, 'ivy.chan@example.com')).toHaveLength(1);

    // a fresh event for another customer; the process "dies" after the provider took the message
    const second = await file({
      customer: { name: 'Jo Lam', email: 'jo.lam@example.com' },
      description: 'My claim has been pending for a month now.',
      language: 'en',
    });
    await waitFor(
      async () => ((await mailTo(cloud, 'jo.lam@example.com')).length ? true : undefined),
      'acknowledgement',
    );
    const context = (await loadComplaintContext(second.complaintId))!;
    const fakeEvent = {
      ...received,
      id: `crash-test-${second.complaintId}`,
      // a complete acknowledgement (an incomplete one would fail before it is claimed)
      data: { complaintId: second.complaintId, decisionDueAt: received.data.decisionDueAt },
    } as CatalogEvent;
    const [request] = customerNotifications(fakeEvent, context);
    const crashing = {
      ...deliveryDeps,
      log: { ...deliveryDeps.log, complete: async () => Promise.reject(new Error('crash after send')) },
    };
    await expect(deliver(request!, crashing)).rejects.toThrow('crash after send');
    // whoever comes next finds the claim and sends nothing
    for (let i = 0; i < 5; i++) expect(await deliver(request!, deliveryDeps)).toBe('in-flight');
    // once the lease is over, the provider's receipt settles it: sent, and never a third
    const afterLease = {
      ...deliveryDeps,
      realNow: () => Date.now() + (deliveryDeps.claimLeaseSeconds! + 1) * 1000,
    };
    expect(await deliver(request!, afterLease)).toBe('sent');
    expect(await deliver(request!, afterLease)).toBe('duplicate');
    expect(await mailTo(cloud, 'jo.lam@example.com')).toHaveLength(2); // the original acknowledgement and the crashed one

    // the process "dies" after claiming, before the provider had it: after the lease it goes, once
    const claimedOnly = { ...request!, key: `${request!.key}#claimed-only` };
    const lease = deliveryDeps.claimLeaseSeconds!;
    await deliveryDeps.log.claim(claimedOnly, new Date(), Date.now() - (lease + 1) * 1000, lease);
    expect(await deliver(claimedOnly, { ...deliveryDeps, realNow: () => Date.now() - 2000 })).toBe(
      'in-flight',
    );
    expect(await mailTo(cloud, 'jo.lam@example.com')).toHaveLength(2);
    // the deferred sweep finds the lapsed claim and sends the message, once
    expect((await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' })).status).toBe(
      200,
    );
    expect(await mailTo(cloud, 'jo.lam@example.com')).toHaveLength(3);
    await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
    expect(await deliver(claimedOnly, afterLease)).toBe('duplicate');
    expect(await mailTo(cloud, 'jo.lam@example.com')).toHaveLength(3);
  });

  it('holds a non-urgent message until quiet hours end in the customer time zone', async () => {
    // 22:30 in Shanghai
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-02T14:30:00Z' } });
    const filed = await file({
      customer: { name: '李雷', phone: '13911112222' },
      description: '保单地址变更一直没有办理，请尽快处理。',
    });
    await waitFor(
      async () => (smsTo(cloud, '13911112222').length ? true : undefined),
      'acknowledgement (urgent, sent at night)',
    );
    const context = (await loadComplaintContext(filed.complaintId))!;
    const event = {
      id: `quiet-${filed.complaintId}`,
      type: 'complaint.reopened',
      version: 1,
      source: 'complaint-care',
      occurredAt: new Date().toISOString(),
      correlationId: 'test',
      data: { complaintId: filed.complaintId, reason: '客户补充材料' },
    } as CatalogEvent;
    const [reopened] = customerNotifications(event, context);
    expect(await deliver(reopened!, deliveryDeps)).toBe('deferred');
    expect(smsTo(cloud, '13911112222')).toHaveLength(1);
    // 08:05 the next morning: the deferred sweep sends it
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-03T00:05:00Z' } });
    await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
    await cloud.settle();
    expect(smsTo(cloud, '13911112222')).toHaveLength(2);
  });

  it('defers a held message again when the sweep only finds it in the next night, and sends it at 08:00', async () => {
    const phone = '13922223333';
    const request = {
      key: `late-sweep-${Date.now()}`,
      type: 'care',
      purpose: 'care:premium-grace',
      recipient: {
        kind: 'customer',
        channel: 'sms',
        address: phone,
        language: 'zh-CN',
        timeZone: 'Asia/Shanghai',
      },
      data: {
        name: '韩梅',
        headline: '保费宽限期提醒',
        body: '请在宽限期内缴费。',
        unsubscribeUrl: 'https://x.example/v1/unsubscribe?token=signed-late-sweep',
      },
      urgent: false,
      correlationId: 'late-sweep',
    } as const;
    // held on 3 June until 08:00, and no sweep got to it that day: the sweep runs at 01:00 on the 4th
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-03T17:00:00Z' } });
    expect(await dynamoMessageLog.defer(request, new Date('2026-06-03T00:00:00Z'))).toBe(true);
    await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
    await cloud.settle();
    expect(smsTo(cloud, phone)).toHaveLength(0);
    const held = (await partition(cloud, 'Messages', messageKey(request.key).pk))[0]!;
    expect(held).toMatchObject({ state: 'deferred', since: '2026-06-04T00:00:00.000Z' });
    expect(held.gsi2pk).toBe(deferredPartition('2026-06-04T00'));
    // 08:05 in Shanghai: the sweep sends it, once
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-04T00:05:00Z' } });
    await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
    await cloud.settle();
    expect(smsTo(cloud, phone)).toHaveLength(1);
    expect(smsTo(cloud, phone)[0]!.messageBody).toContain('token=signed-late-sweep');
    // sent: the care message's data stays to render it again, its unsubscribe link without the
    // token; the number it went to does not
    const sent = await logged(request.key);
    expect(sent).toMatchObject({
      state: 'sent',
      renderedFrom: {
        type: 'care',
        channel: 'sms',
        language: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        data: { ...request.data, unsubscribeUrl: 'https://x.example/v1/unsubscribe' },
      },
    });
    expect(sent.request).toBeUndefined();
    expect(JSON.stringify(sent)).not.toContain(phone);
    expect(JSON.stringify(sent)).not.toContain('signed-late-sweep');
  });
});
