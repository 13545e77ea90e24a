/**
 * A full send rate on the local cloud is a per-message matter: a burst of urgent staff alerts (they
 * take the whole rate, as acknowledgements do) queued at once on notify-events, far more than the
 * rate allows, with sends that give up waiting for a permit after a second. The messages that found
 * no permit come back on their own a few seconds later; the rest of their batch is done; no
 * invocation fails its whole batch; nothing lands in the DLQ; every message is sent exactly once.
 * The queue's visibility timeout is ten minutes, so a message that had to wait it out would never
 * arrive within this test's wait.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { changeSettings } from '../../../test/support/settings';
import { QUEUE_RECEIVES_FOR_BUSY_RATE } from '../domain/deliver';
import { addressOf, queueAll, queueDepth, slaWarning } from './burst';
import { mailboxCounts, mailTo } from './mailbox';

const BURST = 30;
const RATE = 3;
const VISIBILITY_TIMEOUT_SECONDS = 600;

let cloud: LocalCloud;
/** Per SQS message id: the receive count of each delivery to notify-events, and how it ended. */
const deliveries = new Map<string, { receiveCount: number; failed: boolean }[]>();
let wholeBatchFailures = 0;

beforeAll(async () => {
  cloud = await startTestCloud(topology, { visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS });
  const invoke = cloud.invoker.invoke.bind(cloud.invoker);
  cloud.invoker.invoke = async (name, event) => {
    if (name !== 'notify-events') return invoke(name, event);
    const records = (event as SQSEvent).Records;
    let response: SQSBatchResponse | undefined;
    try {
      response = (await invoke(name, event)) as SQSBatchResponse | undefined;
    } catch (error) {
      wholeBatchFailures++;
      throw error;
    }
    const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    for (const r of records) {
      const seen = deliveries.get(r.messageId) ?? [];
      seen.push({
        receiveCount: Number(r.attributes.ApproximateReceiveCount),
        failed: failed.has(r.messageId),
      });
      deliveries.set(r.messageId, seen);
    }
    return response;
  };
});
afterAll(async () => {
  changeSettings({ EMAIL_SEND_RATE: undefined, SMS_SEND_RATE: undefined, SEND_RATE_MAX_WAIT_MS: undefined });
  await cloud?.stop();
});

describe('a busy send rate', () => {
  it('retries only the messages that found no permit, a few seconds later, and sends every one exactly once', async () => {
    // the notify queues allow more receives than a busy rate may take before the sweep holds it
    for (const s of topology.subscriptions.filter((s) => s.function.startsWith('notify-')))
      expect(s.maxReceiveCount).toBeGreaterThan(QUEUE_RECEIVES_FOR_BUSY_RATE);

    changeSettings({ EMAIL_SEND_RATE: String(RATE), SEND_RATE_MAX_WAIT_MS: '1000' });
    const queue = cloud.queues.find((q) => q.subscription.queue === 'notify-events')!;
    await queueAll(
      cloud.sqs,
      queue.url,
      Array.from({ length: BURST }, (_, i) => slaWarning('busy', i)),
    );
    const counts = await waitFor(
      async () => {
        // a message still busy on its last queue attempts is held for the deferred sweep: run it
        await api(cloud, '/dev/schedules/notify-deferred-sweep/run', { method: 'POST' });
        const found = await mailboxCounts(cloud, 'busy');
        return found.size >= BURST ? found : undefined;
      },
      `${BURST} emails at ${RATE}/s`,
      // far less than the visibility timeout: no message may have waited it out
      (VISIBILITY_TIMEOUT_SECONDS / 3) * 1000,
    );
    await cloud.settle();

    // every message exactly once, nothing parked
    for (let i = 0; i < BURST; i++) expect(counts.get(addressOf('busy', i)), `message ${i}`).toBe(1);
    expect(await queueDepth(cloud.sqs, queue.url)).toBe(0);
    expect(await queueDepth(cloud.sqs, queue.dlqUrl)).toBe(0);
    // the alerts link to the console where this local cloud listens, not a fixed port
    const [alert] = await mailTo(cloud, addressOf('busy', 0));
    expect(alert!.body.text).toContain(`${cloud.url}/console/cases/busy-0`);

    // the rate was busy: some messages were retried, each one on its own
    const all = [...deliveries.values()];
    expect(all).toHaveLength(BURST);
    expect(all.some((d) => d.some((x) => x.failed))).toBe(true);
    expect(wholeBatchFailures).toBe(0);
    for (const d of all) {
      // a message that succeeded was never handed out again (its batch's failures did not drag it back)
      const done = d.findIndex((x) => !x.failed);
      if (done >= 0) expect(d.slice(done + 1)).toEqual([]);
      // each failure came back as the next receive, within the test: never lost, never held for 10 min
      expect(d.map((x) => x.receiveCount)).toEqual(d.map((_, i) => i + 1));
    }
  }, 300_000);
});
