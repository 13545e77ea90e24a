/**
 * Issue 13's fault suite, the dependencies: DynamoDB throttling (through an SDK middleware on the
 * handlers' client), SES and SMS answering 429 and 5xx, and the outbox relay dying between
 * PutEvents and marking the item published. Under each, every accepted complaint is triaged, gets
 * its SLA clocks and exactly one acknowledgement with its deadline; nothing lands in a DLQ.
 */
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
beforeAll(async () => {
  cloud = await startTestCloud(topology, { faults: true });
  faults = cloud.faults!;
  // a Monday, 10:00 in Shanghai: nothing waits for quiet hours or a holiday
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-03-09T02:00:00Z' } });
});
afterAll(async () => {
  await cloud?.stop();
});

const dlqs = () => cloud.queues.map((q) => q.dlqUrl);
const injectedSince = (before: LocalFaults['counts']) =>
  Object.fromEntries(
    Object.entries(faults.counts).map(([k, n]) => [k, n - before[k as keyof LocalFaults['counts']]]),
  );

describe('the fault suite: dependencies failing', () => {
  it('loses and doubles nothing while DynamoDB throttles the handlers', { timeout: 240_000 }, async () => {
    const before = { ...faults.counts };
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
    expect(await deadLettered(cloud.sqs, dlqs())).toBe(0);
  });

  it('loses and doubles nothing while SES and SMS answer 429 and 5xx', { timeout: 240_000 }, async () => {
    const before = { ...faults.counts };
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
    expect(await deadLettered(cloud.sqs, dlqs())).toBe(0);
  });

  it('loses and doubles nothing when the relay dies between publishing and marking published', {
    timeout: 240_000,
  }, async () => {
    const before = { ...faults.counts };
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
    expect(await deadLettered(cloud.sqs, dlqs())).toBe(0);
  });

  it('answers a retried post with the complaint it accepted, never a second one', async () => {
    const first = await fileComplaint(() => cloud.url, 'retried-once@example.com', 1);
    const again = await fileComplaint(() => cloud.url, 'retried-once@example.com', 1);
    expect(again.complaintId).toBe(first.complaintId);
  });
});
