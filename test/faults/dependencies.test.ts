/**
 * Issue 13's fault suite, the dependencies: DynamoDB throttling (through an SDK middleware on the
 * handlers' client), SES and SMS answering 429 and 5xx, and the outbox relay dying between
 * PutEvents and marking the item published. Under each, every accepted complaint is triaged, gets
 * its SLA clocks and exactly one acknowledgement with its deadline; nothing lands in a DLQ.
 */
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../infra/local/cloud';
import type { LocalFaults } from '../../infra/local/faults';
import { topology } from '../../infra/topology';
import { mailbox, smsTo } from '../../services/notify/test/mailbox';
import { api, startTestCloud, waitFor } from '../support/local-cloud';
import {
  awaitOutcome,
  caseView,
  deadLettered,
  fileBurst,
  fileComplaint,
  reportFigures,
  triagedWithClocks,
} from './support/complaints';

let cloud: LocalCloud;
let faults: LocalFaults;
/** Why handlers failed records (the middleware's error lines), kept to explain a dead letter. */
const failures: string[] = [];
const originalWrite = process.stdout.write.bind(process.stdout);
beforeAll(async () => {
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const line = String(chunk);
    if (/"(event handling failed|event refused|record retried shortly)"/.test(line)) failures.push(line);
    return originalWrite(chunk, ...rest);
  }) as typeof process.stdout.write;
  // A visibility timeout longer than any handler runs, as on AWS (6 × the function timeout): with
  // the tests' usual 1 s, a record still being handled (a send waiting up to 7 s for a permit, the
  // SDK backing off a throttle for seconds) came back again and again, and an acknowledgement went
  // to the DLQ after 5 receives of which none had failed. Retries that matter are shorter anyway:
  // a throttle or a refused send comes back through RetryLater in seconds.
  cloud = await startTestCloud(topology, { faults: true, visibilityTimeoutSeconds: 30 });
  faults = cloud.faults!;
  // a Monday, 10:00 in Shanghai: nothing waits for quiet hours or a holiday
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-03-09T02:00:00Z' } });
});
afterAll(async () => {
  process.stdout.write = originalWrite;
  await cloud?.stop();
});

const dlqs = () => cloud.queues.map((q) => q.dlqUrl);

/**
 * What sits in the dead-letter queues, for a failing test to say which message went there and why:
 * the queue, the event type, its receive count, and the handlers' failure lines for that event type
 * (their error names and messages, which never carry personal data) — never the message body.
 */
async function deadLetterReport(): Promise<string> {
  const lines: string[] = [];
  for (const queue of cloud.queues) {
    const received = await cloud.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.dlqUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    for (const message of received.Messages ?? []) {
      let type = '?';
      let eventId = '?';
      try {
        const body = JSON.parse(message.Body ?? '{}') as { 'detail-type'?: string; detail?: { id?: string } };
        type = body['detail-type'] ?? '?';
        eventId = body.detail?.id ?? '?';
      } catch {}
      const why = failures
        .filter((line) => line.includes(eventId))
        .slice(-6)
        .map((line) => {
          const entry = JSON.parse(line) as {
            function_name?: string;
            receiveCount?: number;
            error?: { name?: string; message?: string };
            reason?: string;
            why?: string;
          };
          const reason = entry.error
            ? `${entry.error.name}: ${entry.error.message}`
            : (entry.why ?? entry.reason ?? '');
          return `  ${entry.function_name} receive ${entry.receiveCount}: ${reason.slice(0, 200)}`;
        });
      lines.push(
        `dead letter: queue ${queue.subscription.queue}, event ${type} ${eventId}, receives ${message.Attributes?.ApproximateReceiveCount ?? '?'}`,
        ...(why.length
          ? why
          : [
              '  no handler failed it: its receives were spent by visibility timeouts ending while it was handled',
            ]),
      );
    }
  }
  return lines.join('\n');
}

/** No message dead-lettered since `before`; otherwise the report says which and why. */
async function expectNoNewDeadLetters(before: number): Promise<void> {
  const now = await deadLettered(cloud.sqs, dlqs());
  if (now !== before) console.log(await deadLetterReport());
  expect(now - before, 'messages dead-lettered by this test').toBe(0);
}
const injectedSince = (before: LocalFaults['counts']) =>
  Object.fromEntries(
    Object.entries(faults.counts).map(([k, n]) => [k, n - before[k as keyof LocalFaults['counts']]]),
  );

describe('the fault suite: dependencies failing', () => {
  it('loses and doubles nothing while DynamoDB throttles the handlers', { timeout: 240_000 }, async () => {
    const before = { ...faults.counts };
    const dlqBefore = await deadLettered(cloud.sqs, dlqs());
    faults.throttleDynamo({ fraction: 0.15, limit: 120 });
    const { filed } = await fileBurst(() => cloud.url, 'throttled', 20);
    const outcome = await awaitOutcome(
      cloud.url,
      filed,
      () => mailbox(cloud),
      () => cloud.settle(),
    );
    faults.clear();
    const injected = injectedSince(before);
    reportFigures('DynamoDB throttling', injected, outcome);
    expect(injected.dynamoThrottled).toBeGreaterThan(0);
    expect(outcome.lost).toEqual([]);
    expect(outcome.doubled).toEqual([]);
    expect(outcome.withoutDeadline).toEqual([]);
    await expectNoNewDeadLetters(dlqBefore);
  });

  it('loses and doubles nothing while SES and SMS answer 429 and 5xx', { timeout: 240_000 }, async () => {
    const before = { ...faults.counts };
    const dlqBefore = await deadLettered(cloud.sqs, dlqs());
    // more refusals in a row than the SDK's three attempts, so some must come back through SQS
    faults.refuseSends('email', [429, 429, 429, 429, 500, 503, 500, 503, 429, 500, 503, 429]);
    faults.refuseSends('sms', [429, 500, 503, 429, 503, 500]);
    const { filed } = await fileBurst(() => cloud.url, 'refused', 12);
    const phones = ['13900001301', '13900001302', '13900001303'];
    const bySms = await Promise.all(
      phones.map(async (phone) => {
        const posted = await api(cloud, '/v1/complaints', {
          method: 'POST',
          json: {
            customer: { name: '周敏', phone },
            description: '保单地址变更一个月了还没有办好，请尽快处理。',
            preferredChannel: 'sms',
            consent: { dataProcessing: true },
          },
        });
        expect(posted.status).toBe(201);
        return { phone, ...(posted.body as { complaintId: string; reference: string }) };
      }),
    );
    const outcome = await awaitOutcome(
      cloud.url,
      filed,
      () => mailbox(cloud),
      () => cloud.settle(),
    );
    for (const { phone, complaintId, reference } of bySms) {
      await waitFor(
        async () => (smsTo(cloud, phone).length ? true : undefined),
        `the SMS to ${phone}`,
        120_000,
      );
      if (!triagedWithClocks(await caseView(cloud.url, complaintId))) outcome.lost.push(reference);
    }
    await cloud.settle();
    for (const { phone, reference } of bySms) {
      const sent = smsTo(cloud, phone);
      if (sent.length > 1) outcome.doubled.push(reference);
      if (!sent.some((m) => m.messageBody.includes(reference))) outcome.lost.push(reference);
    }
    const injected = injectedSince(before);
    reportFigures('SES and SMS 429/5xx', injected, { ...outcome, complaints: filed.length + bySms.length });
    expect(faults.pendingRefusals).toBe(0); // every planned refusal was met
    expect(outcome.lost).toEqual([]);
    expect(outcome.doubled).toEqual([]);
    expect(outcome.withoutDeadline).toEqual([]);
    await expectNoNewDeadLetters(dlqBefore);
  });

  it('loses and doubles nothing when the relay dies between publishing and marking published', {
    timeout: 240_000,
  }, async () => {
    const before = { ...faults.counts };
    const dlqBefore = await deadLettered(cloud.sqs, dlqs());
    faults.failRelayMarks(8);
    const { filed } = await fileBurst(() => cloud.url, 'relay', 12);
    const outcome = await awaitOutcome(
      cloud.url,
      filed,
      () => mailbox(cloud),
      () => cloud.settle(),
    );
    const injected = injectedSince(before);
    reportFigures('relay fails between publish and mark', injected, outcome);
    expect(injected.relayMarksFailed).toBe(8);
    // the fault did bite: some complaint.received went out on the bus twice
    const received = (await api(cloud, '/dev/events?type=complaint.received&limit=1000')).body.events as {
      detail: { id: string; data: { complaintId: string } };
    }[];
    const ours = received.filter((e) => filed.some((f) => f.complaintId === e.detail.data.complaintId));
    expect(ours.length).toBeGreaterThan(new Set(ours.map((e) => e.detail.id)).size);
    expect(outcome.lost).toEqual([]);
    expect(outcome.doubled).toEqual([]);
    expect(outcome.withoutDeadline).toEqual([]);
    await expectNoNewDeadLetters(dlqBefore);
  });

  it('answers a retried post with the complaint it accepted, never a second one', async () => {
    const first = await fileComplaint(() => cloud.url, 'retried-once@example.com', 1);
    const again = await fileComplaint(() => cloud.url, 'retried-once@example.com', 1);
    expect(again.complaintId).toBe(first.complaintId);
  });
});
