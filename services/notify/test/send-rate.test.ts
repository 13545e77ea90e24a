/**
 * The send-rate limit on the local cloud: a burst queued at once on notify-events goes out
 * completely, never faster than the configured rate in any calendar second, through two concurrent
 * batches (the subscription's maxConcurrency); and the same burst without the limit does exceed
 * the rate, so the first assertion could fail. SMS has a rate of its own, and a deferred message
 * whose send finds the rate full stays deferred for the next sweep.
 */
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageKey, sendPermitKey } from '#shared/tables/messages';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, partition, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { changeSettings } from '../../../test/support/settings';
import { deliveryDeps } from '../adapters/deps';
import { dynamoSendPermits } from '../adapters/send-rate';
import { sesSender, smsSender } from '../adapters/senders';
import { deliver } from '../domain/deliver';
import type { NotificationRequest } from '../domain/notification';
import { addressOf, perSecond, queueAll, queueDepth, recordSendStarts, slaWarning } from './burst';
import { mailboxCounts } from './mailbox';

const BURST = 60;
// low enough that even a busy 2-core machine sends faster without the limit (the control below):
// at 20 a loaded CI machine did not, and the control failed though the limit works
const RATE = 5;

let cloud: LocalCloud;
let concurrent = 0;
let maxConcurrent = 0;
beforeAll(async () => {
  // batches wait for permits for seconds: a 1 s visibility timeout would hand them out twice
  cloud = await startTestCloud(topology, { visibilityTimeoutSeconds: 60 });
  const invoke = cloud.invoker.invoke.bind(cloud.invoker);
  cloud.invoker.invoke = async (name, event) => {
    if (name !== 'notify-events') return invoke(name, event);
    maxConcurrent = Math.max(maxConcurrent, ++concurrent);
    try {
      return await invoke(name, event);
    } finally {
      concurrent--;
    }
  };
});
afterAll(async () => {
  changeSettings({ EMAIL_SEND_RATE: undefined, SMS_SEND_RATE: undefined, SEND_RATE_MAX_WAIT_MS: undefined });
  await cloud?.stop();
});

const notifyQueue = () => cloud.queues.find((q) => q.subscription.queue === 'notify-events')!;

/** Queues BURST warnings at once and waits until each has its email in the mailbox. */
async function burst(tag: string) {
  const recorder = recordSendStarts(sesSender);
  try {
    await queueAll(
      cloud.sqs,
      notifyQueue().url,
      Array.from({ length: BURST }, (_, i) => slaWarning(tag, i)),
    );
    await waitFor(
      async () => {
        const counts = await mailboxCounts(cloud, tag);
        return counts.size >= BURST ? counts : undefined;
      },
      `${BURST} emails of ${tag}`,
      120_000,
    );
    await cloud.settle();
    return { mailbox: await mailboxCounts(cloud, tag), starts: [...recorder.starts] };
  } finally {
    recorder.stop();
  }
}

describe('send-rate limit', () => {
  it(`sends a burst of ${BURST} queued emails completely, at most ${RATE} starting in any second`, async () => {
    changeSettings({ EMAIL_SEND_RATE: String(RATE) });
    maxConcurrent = 0;
    const { mailbox, starts } = await burst('rated');

    // every message delivered, exactly once
    expect(mailbox.size).toBe(BURST);
    for (let i = 0; i < BURST; i++) expect(mailbox.get(addressOf('rated', i)), `message ${i}`).toBe(1);
    expect(starts).toHaveLength(BURST);
    // never faster than the rate in any calendar second
    const { peak, seconds } = perSecond(starts);
    expect(peak).toBeLessThanOrEqual(RATE);
    expect(seconds.size).toBeGreaterThanOrEqual(Math.ceil(BURST / RATE));
    // nothing dropped or parked: the queue and its DLQ are empty
    expect(await queueDepth(cloud.sqs, notifyQueue().url)).toBe(0);
    expect(await queueDepth(cloud.sqs, notifyQueue().dlqUrl)).toBe(0);
    // the local poller ran the subscription's two batches at once, never more
    expect(maxConcurrent).toBe(
      topology.subscriptions.find((s) => s.queue === 'notify-events')!.maxConcurrency,
    );
  });

  it('control: the same burst without the limit starts more than the rate in some second', async () => {
    changeSettings({ EMAIL_SEND_RATE: 'unlimited' });
    const { mailbox, starts } = await burst('unrated');
    expect(mailbox.size).toBe(BURST);
    expect(perSecond(starts).peak).toBeGreaterThan(RATE);
  });
});

const smsRequest = (key: string, phone: string, urgent: boolean): NotificationRequest => ({
  key,
  type: 'reopened',
  purpose: 'reopened',
  recipient: { kind: 'customer', channel: 'sms', address: phone, language: 'en', timeZone: 'Asia/Shanghai' },
  data: { name: 'Test', reference: 'CC-TEST', reason: 'new material' },
  urgent,
  correlationId: key,
});

describe('permit counters', () => {
  it('reserve all or none of the permits asked for, and say how many the second has counted', async () => {
    const second = Math.floor(Date.now() / 1000) + 1_000_000; // a second no send uses
    expect(await dynamoSendPermits.reserve('email', second, 14, 10)).toEqual({ granted: true, counted: 10 });
    expect(await dynamoSendPermits.reserve('email', second, 14, 10)).toEqual({ granted: false, counted: 10 });
    expect(await dynamoSendPermits.reserve('email', second, 14, 4)).toEqual({ granted: true, counted: 14 });
    expect(await dynamoSendPermits.reserve('email', second, 14, 1)).toEqual({ granted: false, counted: 14 });
    const [counter] = await partition(cloud, 'Messages', sendPermitKey('email', second).pk);
    expect(counter?.n).toBe(14);
  });
});

describe('SMS send rate', () => {
  it('limits SMS by its own rate when deliver() runs concurrently with the real adapters', async () => {
    changeSettings({ SMS_SEND_RATE: '10', SEND_RATE_MAX_WAIT_MS: '30000' });
    const recorder = recordSendStarts(smsSender);
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          deliver(smsRequest(`sms-rate-${i}`, `1390000${String(i).padStart(4, '0')}`, true), deliveryDeps),
        ),
      );
      expect(outcomes.every((o) => o === 'sent')).toBe(true);
      expect(
        cloud.sms.messages.filter((m) => m.destinationPhoneNumber.startsWith('+861390000')),
      ).toHaveLength(40);
      expect(recorder.starts).toHaveLength(40);
      expect(perSecond(recorder.starts).peak).toBeLessThanOrEqual(10);
    } finally {
      recorder.stop();
      changeSettings({ SMS_SEND_RATE: undefined, SEND_RATE_MAX_WAIT_MS: undefined });
    }
  });

  it('keeps a deferred message deferred when the sweep finds the rate full, and sends it later', async () => {
    const phone = '13700001111';
    const key = `deferred-rate-${Date.now()}`;
    // 22:30 in Shanghai: a non-urgent message waits for 08:00
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-05T14:30:00Z' } });
    expect(await deliver(smsRequest(key, phone, false), deliveryDeps)).toBe('deferred');

    // every SMS permit of the next ten minutes is taken (by "someone else"): permits count real
    // seconds, and moving the clock below waits for the cloud to settle, which on a busy machine
    // can take a minute or more
    changeSettings({ SMS_SEND_RATE: '1', SEND_RATE_MAX_WAIT_MS: '1500' });
    const now = Math.floor(Date.now() / 1000);
    const seconds = Array.from({ length: 600 }, (_, i) => now + i);
    for (let i = 0; i < seconds.length; i += 25) {
      await cloud.dynamo.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [String(cloud.tableNames.Messages)]: seconds.slice(i, i + 25).map((second) => {
              const { pk, sk } = sendPermitKey('sms', second);
              return { PutRequest: { Item: { pk: { S: pk }, sk: { S: sk }, n: { N: '1' } } } };
            }),
          },
        }),
      );
    }
    try {
      // 08:05: moving the clock runs the sweep, and so does this explicit run; both find the rate full
      await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-06T00:05:00Z' } });
      await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
      // the scheduler's own tick may start a further sweep meanwhile (rate schedules run from their
      // creation time): whichever sweep holds the message, it ends up deferred again, never sent
      const state = async () => (await partition(cloud, 'Messages', messageKey(key).pk))[0]?.state;
      await waitFor(
        async () => ((await state()) === 'deferred' ? true : undefined),
        'the message deferred again',
      );
      expect(cloud.sms.messages.filter((m) => m.destinationPhoneNumber.endsWith(phone))).toHaveLength(0);
      expect(await state()).toBe('deferred');
    } finally {
      changeSettings({ SMS_SEND_RATE: undefined, SEND_RATE_MAX_WAIT_MS: undefined });
    }
    // the rate frees up: the next sweep sends it, once
    await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
    await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
    expect(cloud.sms.messages.filter((m) => m.destinationPhoneNumber.endsWith(phone))).toHaveLength(1);
    expect((await partition(cloud, 'Messages', messageKey(key).pk))[0]?.state).toBe('sent');
  });
});
