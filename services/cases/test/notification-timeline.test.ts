/**
 * The case detail's timeline on the local cloud: each message about the complaint appears as an
 * entry of its own — sent, failed, suppressed (with the reason) or deferred (with when it will go) —
 * between the case actions in order of time, and never with an address or any of the content.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppressionKey } from '#shared/tables/messages';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { deliveryDeps } from '../../notify/adapters/deps';
import { deliver, PermanentSendFailure } from '../../notify/domain/deliver';
import type { NotificationRequest } from '../../notify/domain/notification';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
});
afterAll(async () => {
  await cloud?.stop();
});

interface Entry {
  kind: 'action' | 'notification';
  at: string;
  [field: string]: unknown;
}

const NOTIFICATION_FIELDS = ['kind', 'at', 'type', 'channel', 'recipient', 'outcome', 'reason', 'until'];

async function file(customer: Record<string, string>) {
  const res = await api(cloud, '/v1/complaints', {
    method: 'POST',
    json: {
      customer,
      description: 'My claim has been waiting for a decision for six weeks now.',
      language: 'en',
      consent: { dataProcessing: true },
    },
  });
  expect(res.status).toBe(201);
  return res.body as { complaintId: string; reference: string };
}

async function timelineOf(
  complaintId: string,
): Promise<{ timeline: Entry[]; body: Record<string, unknown> }> {
  const { token } = (
    await api(cloud, '/dev/token', { method: 'POST', json: { sub: 'admin-ada', role: 'admin' } })
  ).body as { token: string };
  const res = await api(cloud, `/v1/cases/${complaintId}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return { timeline: res.body.timeline as unknown as Entry[], body: res.body };
}

const notificationsIn = (timeline: Entry[]) => timeline.filter((e) => e.kind === 'notification');

function expectOrderedAndClean(timeline: Entry[], secrets: string[]) {
  const instants = timeline.map((e) => e.at);
  expect(instants).toEqual([...instants].sort());
  for (const entry of notificationsIn(timeline)) {
    expect(NOTIFICATION_FIELDS).toEqual(expect.arrayContaining(Object.keys(entry)));
  }
  const text = JSON.stringify(notificationsIn(timeline));
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('case timeline with notifications', () => {
  it('shows the acknowledgement as sent among the case actions, without address or content', async () => {
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-01T02:00:00Z' } });
    const filed = await file({ name: 'Grace Ho', email: 'grace.timeline@example.com' });
    const { timeline, body } = await waitFor(async () => {
      const view = await timelineOf(filed.complaintId);
      return notificationsIn(view.timeline).length > 0 && view.timeline.some((e) => e.kind === 'action')
        ? view
        : undefined;
    }, 'the acknowledgement on the timeline');

    expect(notificationsIn(timeline)).toEqual([
      {
        kind: 'notification',
        at: expect.stringMatching(/^2026-06-01T02:/),
        type: 'acknowledgement',
        channel: 'email',
        recipient: 'customer',
        outcome: 'sent',
      },
    ]);
    expect(timeline.find((e) => e.kind === 'action')).toMatchObject({ action: 'triaged' });
    // the timeline replaces the separate list
    expect(body).not.toHaveProperty('notifications');
    expectOrderedAndClean(timeline, ['grace.timeline@example.com', filed.reference, 'received']);
  });

  it('shows a suppressed message with its reason, and failed and deferred ones in order of time', async () => {
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-02T03:00:00Z' } });
    await cloud.dynamo.send(
      new PutItemCommand({
        TableName: cloud.tableNames.Messages,
        Item: {
          pk: { S: suppressionKey('bounced.timeline@example.com').pk },
          sk: { S: suppressionKey('bounced.timeline@example.com').sk },
        },
      }),
    );
    const filed = await file({ name: 'Hugo Lam', email: 'bounced.timeline@example.com' });
    await waitFor(async () => {
      const { timeline } = await timelineOf(filed.complaintId);
      return notificationsIn(timeline).length > 0 ? true : undefined;
    }, 'the suppressed acknowledgement on the timeline');

    const request = (
      type: NotificationRequest['type'],
      urgent: boolean,
      key: string,
    ): NotificationRequest => ({
      key: `${key}-${filed.complaintId}`,
      type,
      purpose: type,
      recipient: {
        kind: 'customer',
        channel: 'sms',
        address: '13912345678',
        language: 'en',
        timeZone: 'Asia/Shanghai',
      },
      // complete for both message types (incomplete data fails before anything is recorded)
      data: {
        name: 'Hugo Lam',
        reference: filed.reference,
        outcome: 'upheld',
        responseToCustomer: 'We have paid the claim in full.',
        regulatorContact: 'Financial Ombudsman Service',
        reason: 'New medical evidence arrived.',
      },
      urgent,
      complaintId: filed.complaintId,
      correlationId: 'timeline-test',
    });
    // the provider refuses a decision letter an hour later
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-02T04:00:00Z' } });
    const refusing = { send: async () => Promise.reject(new PermanentSendFailure('MessageRejected')) };
    expect(
      await deliver(request('decision-letter', true, 'failed'), {
        ...deliveryDeps,
        senders: { email: refusing, sms: refusing },
      }),
    ).toBe('failed');
    // a reopen notice at 22:30 in Shanghai waits for 08:00
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-06-02T14:30:00Z' } });
    expect(await deliver(request('reopened', false, 'deferred'), deliveryDeps)).toBe('deferred');

    const { timeline } = await timelineOf(filed.complaintId);
    expect(notificationsIn(timeline)).toEqual([
      {
        kind: 'notification',
        at: expect.stringMatching(/^2026-06-02T03:/),
        type: 'acknowledgement',
        channel: 'email',
        recipient: 'customer',
        outcome: 'suppressed',
        reason: 'suppression-list',
      },
      {
        kind: 'notification',
        at: expect.stringMatching(/^2026-06-02T04:/),
        type: 'decision-letter',
        channel: 'sms',
        recipient: 'customer',
        outcome: 'failed',
        reason: 'MessageRejected',
      },
      {
        kind: 'notification',
        at: expect.stringMatching(/^2026-06-02T14:30/),
        type: 'reopened',
        channel: 'sms',
        recipient: 'customer',
        outcome: 'deferred',
        until: '2026-06-03T00:00:00.000Z',
      },
    ]);
    expectOrderedAndClean(timeline, ['bounced.timeline@example.com', '13912345678', filed.reference]);
  });
});
