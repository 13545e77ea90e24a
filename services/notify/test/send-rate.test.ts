/**
 * The send-rate limit on the local cloud: a burst queued at once on notify-events goes out
 * completely, never faster than the configured rate in any calendar second, through two concurrent
 * batches (the subscription's maxConcurrency); and the same burst without the limit does exceed
 * the rate, so the first assertion could fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { SEND_RATE_ENV } from '../../../shared/env';
import { startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { sesSender } from '../adapters/senders';
import { addressOf, perSecond, queueAll, queueDepth, recordSendStarts, slaWarning } from './burst';

const BURST = 150;
const RATE = 20;

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
  delete process.env[SEND_RATE_ENV.email];
  await cloud?.stop();
});

const notifyQueue = () => cloud.queues.find((q) => q.subscription.queue === 'notify-events')!;

async function mailboxCounts(tag: string): Promise<Map<string, number>> {
  const { emails } = (await (await fetch(`${cloud.sesUrl}/store`)).json()) as {
    emails: { destination: { to: string[] } }[];
  };
  const counts = new Map<string, number>();
  for (const mail of emails)
    for (const to of mail.destination.to)
      if (to.startsWith(`${tag}-`)) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

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
        const counts = await mailboxCounts(tag);
        return counts.size >= BURST ? counts : undefined;
      },
      `${BURST} emails of ${tag}`,
      120_000,
    );
    await cloud.settle();
    return { mailbox: await mailboxCounts(tag), starts: [...recorder.starts] };
  } finally {
    recorder.stop();
  }
}

describe('send-rate limit', () => {
  it(`sends a burst of ${BURST} queued emails completely, at most ${RATE} starting in any second`, async () => {
    process.env[SEND_RATE_ENV.email] = String(RATE);
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
    process.env[SEND_RATE_ENV.email] = 'unlimited';
    const { mailbox, starts } = await burst('unrated');
    expect(mailbox.size).toBe(BURST);
    expect(perSecond(starts).peak).toBeGreaterThan(RATE);
  });
});
