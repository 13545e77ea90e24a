/**
 * The local cloud wires handlers the way AWS would: bus rules → queues, partial batch failures →
 * retries → DLQ, the outbox relay publishes each committed event once, schedules follow the clock.
 */

import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBridge } from '#shared/aws/clients';
import type { EventType } from '#shared/contracts/events/index';
import { isOutboxKey, outboxKey } from '#shared/outbox/outbox-keys';
import { complaintKey } from '#shared/tables/complaints';
import type { LocalCloud } from '../../infra/local/cloud';
import { deliveriesPartition, tickerPartition } from '../fixtures/fixture-items';
import { rawEvent } from '../fixtures/handlers/raw-events';
import { fixtureTopology } from '../fixtures/topology';
import { api, partition, startTestCloud, waitFor } from '../support/local-cloud';

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startTestCloud(fixtureTopology);
});
afterAll(async () => {
  await cloud?.stop();
});

async function publish(...events: { type: EventType; data: Record<string, unknown> }[]) {
  const envelopes = events.map((e) => rawEvent(e.type, e.data, 'test'));
  const result = await eventBridge().send(
    new PutEventsCommand({
      Entries: envelopes.map((e) => ({
        EventBusName: process.env.EVENT_BUS_NAME,
        Source: e.source,
        DetailType: e.type,
        Detail: JSON.stringify(e),
      })),
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
  return envelopes;
}

async function deliveries(kind: string, queue: string) {
  return partition(cloud, 'Messages', deliveriesPartition(kind, queue));
}

describe('event bus', () => {
  it('delivers an event to exactly the queues whose rules match', async () => {
    const [received, closed, warning] = await publish(
      { type: 'complaint.received', data: {} },
      { type: 'complaint.closed', data: {} },
      { type: 'sla.warning', data: {} },
    );
    await cloud.settle();
    const byQueue = async (queue: string, kind = 'handled') =>
      (await deliveries(kind, queue)).map((d) => d.sk);

    expect(await byQueue('recorder-received')).toContain(received!.id);
    expect(await byQueue('flaky-received')).toContain(received!.id);
    expect(await byQueue('recorder-closed')).toContain(closed!.id);
    expect(await byQueue('recorder-closed')).not.toContain(received!.id);
    expect(await byQueue('recorder-received')).not.toContain(closed!.id);
    for (const queue of ['recorder-received', 'recorder-closed', 'flaky-received']) {
      expect(await byQueue(queue)).not.toContain(warning!.id);
    }
    const log = await api(cloud, `/dev/events?type=sla.warning&limit=5`);
    const logged = (log.body.events as { detail: { id: string }; deliveredTo: string[] }[]).find(
      (e) => e.detail.id === warning!.id,
    );
    expect(logged?.deliveredTo).toEqual([]);
  });
});

describe('queue subscriptions', () => {
  it('retries a failing record until maxReceiveCount, then moves it to the DLQ; its batch-mates run once', async () => {
    const events = await publish(
      { type: 'complaint.received', data: { n: 1 } },
      { type: 'complaint.received', data: { fail: true } },
      { type: 'complaint.received', data: { n: 3 } },
    );
    const failing = events[1]!;
    const dlq = cloud.queues.find((q) => q.subscription.queue === 'flaky-received')!.dlqUrl;
    const dead = await waitFor(async () => {
      const r = await cloud.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      return r.Messages?.length ? r.Messages : undefined;
    }, 'the failing record in the DLQ');
    expect(dead.map((m) => JSON.parse(m.Body!).detail.id)).toEqual([failing.id]);

    const attempts = await deliveries('attempted', 'flaky-received');
    expect(attempts.find((a) => a.sk === failing.id)?.deliveries).toBe(3);
    const handled = await deliveries('handled', 'flaky-received');
    for (const ok of [events[0]!, events[2]!])
      expect(handled.find((h) => h.sk === ok.id)?.deliveries).toBe(1);
    expect(handled.find((h) => h.sk === failing.id)).toBeUndefined();
  });

  it('creates every queue with a DLQ redrive and a visibility timeout', async () => {
    for (const q of cloud.queues) {
      const { Attributes } = await cloud.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: q.url,
          AttributeNames: ['RedrivePolicy', 'VisibilityTimeout'],
        }),
      );
      expect(JSON.parse(Attributes!.RedrivePolicy!).maxReceiveCount).toBe(q.subscription.maxReceiveCount);
      expect(Number(Attributes!.VisibilityTimeout)).toBe(q.visibilityTimeoutSeconds);
    }
  });
});

describe('outbox relay', () => {
  async function relayed(ids: readonly string[]) {
    const log = await api(cloud, '/dev/events?type=complaint.received&limit=1000');
    const seen = (log.body.events as { detail: { id: string } }[]).map((e) => e.detail.id);
    return ids.map((id) => seen.filter((s) => s === id).length);
  }

  it('publishes every committed event exactly once', async () => {
    const res = await api(cloud, '/v1/echo', { method: 'POST', json: { events: 12 } });
    expect(res.status).toBe(201);
    const ids = res.body.eventIds as string[];
    await waitFor(
      async () => ((await relayed(ids)).every((n) => n >= 1) ? true : undefined),
      'relayed events',
    );
    await cloud.settle();
    expect(await relayed(ids)).toEqual(ids.map(() => 1));
  });

  it('still publishes each event once when the bus rejects some entries and the relay retries', async () => {
    const rejected = new Set<string>();
    cloud.bus.rejectEntry = (entry) => {
      const id = (JSON.parse(entry.Detail!) as { id: string }).id;
      // reject every third event on its first attempt only
      if (rejected.has(id)) return false;
      const index = Number((JSON.parse(entry.Detail!) as { data: { index: number } }).data.index);
      if (index % 3 === 1) {
        rejected.add(id);
        return true;
      }
      return false;
    };
    try {
      const res = await api(cloud, '/v1/echo', { method: 'POST', json: { events: 15 } });
      const ids = res.body.eventIds as string[];
      await waitFor(
        async () => ((await relayed(ids)).every((n) => n >= 1) ? true : undefined),
        'relayed events',
      );
      await cloud.settle();
      expect(rejected.size).toBe(5);
      expect(await relayed(ids)).toEqual(ids.map(() => 1));
    } finally {
      cloud.bus.rejectEntry = undefined;
    }
  });

  it("is invoked for new outbox items only: never for the table's other changes or its own markers", async () => {
    const invoke = cloud.invoker.invoke;
    const seen: { eventName?: string; pk?: string }[] = [];
    cloud.invoker.invoke = (name, event) => {
      if (name === 'outbox-relay')
        for (const r of (event as DynamoDBStreamEvent).Records)
          seen.push({ eventName: r.eventName, pk: r.dynamodb?.Keys?.pk?.S });
      return invoke.call(cloud.invoker, name, event);
    };
    try {
      const table = cloud.tableNames.Complaints!;
      const complaintPk = complaintKey(`stream-filter-${Date.now()}`).pk;
      const key = { pk: { S: complaintPk }, sk: { S: complaintKey('').sk } };
      await cloud.dynamo.send(
        new PutItemCommand({ TableName: table, Item: { ...key, kind: { S: 'complaint' } } }),
      );
      await cloud.dynamo.send(
        new UpdateItemCommand({
          TableName: table,
          Key: key,
          UpdateExpression: 'SET version = :v',
          ExpressionAttributeValues: { ':v': { N: '2' } },
        }),
      );
      // the first event's publishedAt marker is written before the second event: once the second is
      // relayed, the poller has read every change above and the marker
      const [first] = (await api(cloud, '/v1/echo', { method: 'POST', json: { events: 1 } })).body
        .eventIds as string[];
      await waitFor(async () => {
        const item = await cloud.dynamo.send(
          new GetItemCommand({
            TableName: table,
            Key: { pk: { S: outboxKey(first!).pk }, sk: { S: outboxKey(first!).sk } },
            ConsistentRead: true,
          }),
        );
        return item.Item?.publishedAt ? true : undefined;
      }, 'the first event marked published');
      const [second] = (await api(cloud, '/v1/echo', { method: 'POST', json: { events: 1 } })).body
        .eventIds as string[];
      await waitFor(
        async () => ((await relayed([second!]))[0]! >= 1 ? true : undefined),
        'the second event relayed',
      );

      expect(seen.filter((r) => r.pk === complaintPk)).toEqual([]);
      expect(seen.filter((r) => r.eventName !== 'INSERT')).toEqual([]);
      expect(seen.filter((r) => !isOutboxKey(r.pk))).toEqual([]);
      expect(seen.map((r) => r.pk)).toEqual(
        expect.arrayContaining([outboxKey(first!).pk, outboxKey(second!).pk]),
      );
    } finally {
      cloud.invoker.invoke = invoke;
    }
  });

  it('publishes nothing for a request that committed nothing', async () => {
    const before = (await api(cloud, '/dev/events?limit=1000')).body.events as unknown[];
    const res = await api(cloud, '/v1/echo', { method: 'POST', json: { events: 0 } });
    expect(res.status).toBe(400);
    await cloud.settle();
    const after = (await api(cloud, '/dev/events?limit=1000')).body.events as unknown[];
    expect(after.length).toBe(before.length);
  });
});

describe('schedules and the clock', () => {
  it('/dev/clock advance fires each due occurrence with its scheduled time', async () => {
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2030-03-01T00:30:00Z' } });
    const runs = async () =>
      (await partition(cloud, 'Campaigns', tickerPartition('daily-ticker'))).map((r) => r.sk);
    const before = await runs();

    const moved = await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'PT1H' } });
    expect(new Date(String(moved.body.now)).getTime()).toBeGreaterThanOrEqual(
      Date.parse('2030-03-01T01:30:00Z'),
    );
    // 09:00 in Shanghai is 01:00 UTC
    expect((await runs()).filter((r) => !before.includes(r))).toEqual(['2030-03-01T01:00:00.000Z']);

    await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'P3D' } });
    expect((await runs()).filter((r) => !before.includes(r))).toEqual([
      '2030-03-01T01:00:00.000Z',
      '2030-03-02T01:00:00.000Z',
      '2030-03-03T01:00:00.000Z',
      '2030-03-04T01:00:00.000Z',
    ]);
    const ticks = await partition(cloud, 'Campaigns', tickerPartition('daily-ticker'));
    // the handler saw the clock at the scheduled instant, not at the end of the jump
    expect(ticks.find((t) => t.sk === '2030-03-02T01:00:00.000Z')?.ranAt).toBe('2030-03-02T01:00:00.000Z');
  });

  it('runs a schedule on demand', async () => {
    const res = await api(cloud, '/dev/schedules/daily-ticker/run', { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await api(cloud, '/dev/schedules/nope/run', { method: 'POST' })).status).toBe(404);
  });

  it('rejects a clock request it cannot read', async () => {
    const res = await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'three days' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
