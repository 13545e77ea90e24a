/**
 * On the local cloud: SES bounce and complaint events (default bus, source aws.ses) feed the
 * suppression list; unsubscribe links show a page on GET, withdraw the consent on POST (also as an
 * RFC 8058 one-click), and refuse every bad token without changing anything.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBridge } from '#shared/aws/clients';
import { secretSources } from '#shared/aws/secrets';
import type { CareMessageRequested } from '#shared/contracts/care-message';
import { ImportedCustomer } from '#shared/contracts/customer-import';
import { EVENT_SOURCE, type EventEnvelope } from '#shared/contracts/events/index';
import { newId } from '#shared/ids';
import { customerProfileKey } from '#shared/tables/customers';
import { suppressionKey } from '#shared/tables/messages';
import type { LocalCloud } from '../../../infra/local/cloud';
import { topology } from '../../../infra/topology';
import { api, startTestCloud, waitFor } from '../../../test/support/local-cloud';
import { dynamoCustomerStore } from '../../care/adapters/dynamo-customer-store';
import { notificationId, sesEventReceipts } from '../adapters/provider-receipts';
import type { NotificationRequest } from '../domain/notification';
import { signatureOf } from '../domain/unsubscribe-token';
import { mailTo } from './mailbox';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud(topology);
  await api(cloud, '/dev/clock', { method: 'POST', json: { set: '2026-08-03T02:00:00Z' } });
});
afterAll(async () => {
  await cloud?.stop();
});

async function customer(customerId: string, email: string) {
  await dynamoCustomerStore.upsert(
    ImportedCustomer.parse({
      customerId,
      name: 'Grace Ho',
      email,
      language: 'en',
      preferredChannel: 'email',
      consent: { service: true, marketing: true },
    }),
  );
}

let sequence = 0;
async function requestCare(customerId: string, over: Partial<CareMessageRequested> = {}) {
  sequence += 1;
  const data: CareMessageRequested = {
    campaignId: 'festival',
    campaignVersion: '1',
    runId: `run-${sequence}`,
    customerId,
    consent: 'marketing',
    dedupeKey: `festival#2026-08-03#${customerId}#${sequence}`,
    occasionDate: '2026-08-03',
    content: { en: { headline: 'Season greetings', body: 'Warm wishes from all of us.' } },
    holdWhileComplaintOpen: true,
    ...over,
  };
  const event: EventEnvelope = {
    id: newId(),
    type: 'care.message-requested',
    version: 1,
    source: EVENT_SOURCE,
    occurredAt: cloud.clock.now().toISOString(),
    correlationId: 'feedback-test',
    data: data as unknown as Record<string, unknown>,
  };
  await eventBridge().send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: process.env.EVENT_BUS_NAME,
          Source: EVENT_SOURCE,
          DetailType: event.type,
          Detail: JSON.stringify(event),
        },
      ],
    }),
  );
  return waitFor(async () => {
    for (const type of ['notification.sent', 'notification.suppressed', 'notification.failed']) {
      const events = (await api(cloud, `/dev/events?type=${type}&limit=1000`)).body.events as {
        detail: { type: string; data: Record<string, unknown> };
      }[];
      const found = events.find((e) => e.detail.data.dedupeKey === data.dedupeKey);
      if (found) return found.detail;
    }
    return undefined;
  }, `outcome of ${data.dedupeKey}`);
}

/** An SES configuration-set event as SES puts it on the default bus (no bus name = default). */
async function sesEvent(detailType: string, detail: Record<string, unknown>) {
  const result = await eventBridge().send(
    new PutEventsCommand({
      Entries: [{ Source: 'aws.ses', DetailType: detailType, Detail: JSON.stringify(detail), Resources: [] }],
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
}
const bounce = (address: string, bounceType: 'Permanent' | 'Transient', bounceSubType: string) => ({
  eventType: 'Bounce',
  bounce: {
    feedbackId: `fb-${newId()}`,
    bounceType,
    bounceSubType,
    bouncedRecipients: [
      {
        emailAddress: address,
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 user unknown',
      },
    ],
    timestamp: '2026-08-03T02:00:04.000Z',
    reportingMTA: 'dsn; a8-1.smtp-out.amazonses.com',
  },
  mail: {
    timestamp: '2026-08-03T02:00:00.000Z',
    source: 'complaints@complaint-care.local',
    sendingAccountId: '000000000000',
    messageId: `0100018f-${newId()}`,
    destination: [address],
    headersTruncated: false,
    tags: { 'ses:configuration-set': ['complaint-care-dev-email'], type: ['care'] },
  },
});

const suppressionOf = async (address: string) => {
  const key = suppressionKey(address);
  const found = await cloud.dynamo.send(
    new GetItemCommand({
      TableName: cloud.tableNames.Messages,
      Key: { pk: { S: key.pk }, sk: { S: key.sk } },
      ConsistentRead: true,
    }),
  );
  return found.Item && unmarshall(found.Item);
};

const profileOf = async (customerId: string) => {
  const key = customerProfileKey(customerId);
  const found = await cloud.dynamo.send(
    new GetItemCommand({
      TableName: cloud.tableNames.Customers,
      Key: { pk: { S: key.pk }, sk: { S: key.sk } },
      ConsistentRead: true,
    }),
  );
  return unmarshall(found.Item!);
};

describe('SES feedback', () => {
  it('suppresses a permanently bounced address: a later message to it is suppression-list and never reaches SES', async () => {
    await customer('FB-BOUNCE', 'gone.customer@example.com');
    await sesEvent('Email Bounced', bounce('Gone.Customer@example.com', 'Permanent', 'General'));
    const item = await waitFor(() => suppressionOf('gone.customer@example.com'), 'suppression item');
    expect(item).toMatchObject({ reason: 'bounce:General', suppressedAt: '2026-08-03T02:00:04.000Z' });

    // the same event again (SES and EventBridge deliver at least once) changes nothing
    await sesEvent('Email Bounced', bounce('gone.customer@example.com', 'Permanent', 'NoEmail'));
    await cloud.settle();
    expect(await suppressionOf('gone.customer@example.com')).toEqual(item);

    const outcome = await requestCare('FB-BOUNCE');
    expect(outcome.type).toBe('notification.suppressed');
    expect(outcome.data.reason).toBe('suppression-list');
    expect(await mailTo(cloud, 'gone.customer@example.com')).toHaveLength(0);
  });

  it('suppresses on a complaint, but not on a transient bounce', async () => {
    await customer('FB-FULL', 'full.mailbox@example.com');
    await sesEvent('Email Bounced', bounce('full.mailbox@example.com', 'Transient', 'MailboxFull'));
    await sesEvent('Email Complaint Received', {
      eventType: 'Complaint',
      complaint: {
        feedbackId: 'fb-complaint',
        complaintFeedbackType: 'abuse',
        complainedRecipients: [{ emailAddress: 'spam.clicker@example.com' }],
        timestamp: '2026-08-03T02:10:00.000Z',
      },
      mail: { messageId: 'm-1', destination: ['spam.clicker@example.com'] },
    });
    await waitFor(() => suppressionOf('spam.clicker@example.com'), 'complaint suppression');
    await cloud.settle();
    expect(await suppressionOf('full.mailbox@example.com')).toBeUndefined();
    expect((await requestCare('FB-FULL')).type).toBe('notification.sent');
    expect(await mailTo(cloud, 'full.mailbox@example.com')).toHaveLength(1);
  });

  it("records SES's receipt of an accepted email, by the notification id in its headers", async () => {
    const request = { key: `evt-receipt#acknowledgement#r@example.com` };
    await sesEvent('Email Sent', {
      eventType: 'Send',
      mail: {
        messageId: 'ses-accepted-1',
        timestamp: '2026-08-03T02:00:00.000Z',
        destination: ['r@example.com'],
        headers: [{ name: 'X-Notification-Id', value: notificationId(request) }],
      },
      send: {},
    });
    expect(await waitFor(() => sesEventReceipts.accepted(request as NotificationRequest), 'receipt')).toBe(
      'ses-accepted-1',
    );
    expect(await sesEventReceipts.accepted({ key: 'never-sent' } as NotificationRequest)).toBeUndefined();
  });

  it('only routes SES events from the default bus, and our events only from ours', async () => {
    await eventBridge().send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: process.env.EVENT_BUS_NAME,
            Source: 'aws.ses',
            DetailType: 'Email Bounced',
            Detail: JSON.stringify(bounce('wrong.bus@example.com', 'Permanent', 'General')),
          },
        ],
      }),
    );
    await cloud.settle();
    expect(await suppressionOf('wrong.bus@example.com')).toBeUndefined();
    const [recent] = (await api(cloud, '/dev/events?type=Email%20Bounced&limit=1')).body.events as {
      deliveredTo: string[];
    }[];
    expect(recent!.deliveredTo).toEqual([]);
  });
});

describe('unsubscribe links', () => {
  const tokenIn = (text: string | undefined) => /\/v1\/unsubscribe\?token=([\w.-]+)/.exec(text ?? '')?.[1];
  async function linkFor(customerId: string, email: string, consent: 'marketing' | 'service' = 'marketing') {
    await customer(customerId, email);
    expect((await requestCare(customerId, { consent })).type).toBe('notification.sent');
    const [mail] = await mailTo(cloud, email);
    // the care service moves the customer's last contact on notification.sent: let it finish, so
    // the profile read next is the one the unsubscribe starts from
    await cloud.settle();
    return tokenIn(mail!.body.text)!;
  }
  const visit = (method: 'GET' | 'POST', token: string | undefined, init: RequestInit = {}) =>
    fetch(`${cloud.url}/v1/unsubscribe${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`, {
      method,
      ...init,
    });

  it('GET shows a bilingual confirmation page with a POST form and changes nothing; POST withdraws that consent only', async () => {
    const token = await linkFor('UNSUB-1', 'unsub.one@example.com');
    const before = await profileOf('UNSUB-1');

    const page = await visit('GET', token);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await page.text();
    expect(html).toContain('退订');
    expect(html).toContain('Unsubscribe');
    expect(html).toMatch(/<form method="post" action="\/v1\/unsubscribe\?token=/);
    expect(await profileOf('UNSUB-1')).toEqual(before);

    const done = await visit('POST', token);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('已退订');
    const after = await profileOf('UNSUB-1');
    expect(after.preferences).toMatchObject({
      consent: { marketing: false },
      updatedBy: 'customer:unsubscribe',
      updatedAt: expect.stringMatching(/^2026-08-03T/),
    });
    expect(after.preferences.consent.service).toBeUndefined();
    // the imported fields stay as they were; the preferences version moves for If-Match
    const { preferences: _p, preferencesVersion, consentHistory, ...importedAfter } = after;
    const { preferences: _q, ...importedBefore } = before;
    expect(importedAfter).toEqual(importedBefore);
    expect(preferencesVersion).toBe(1);
    // the change is in the profile's consent history, written with it
    const withdrawal = {
      consent: 'marketing',
      given: false,
      at: after.preferences.updatedAt,
      by: 'customer:unsubscribe',
      via: 'unsubscribe',
    };
    expect(consentHistory).toEqual([withdrawal]);

    // the next marketing message is suppressed; service care still goes
    expect((await requestCare('UNSUB-1')).data.reason).toBe('no-consent');
    expect((await requestCare('UNSUB-1', { consent: 'service' })).type).toBe('notification.sent');

    // clicking again is harmless
    expect((await visit('POST', token)).status).toBe(200);
    expect((await profileOf('UNSUB-1')).preferences.consent).toEqual({ marketing: false });
    expect((await profileOf('UNSUB-1')).consentHistory).toEqual([withdrawal]);
  });

  it('keeps the latest 100 consent changes: a withdrawal on a full history drops the oldest', async () => {
    const token = await linkFor('UNSUB-4', 'unsub.four@example.com');
    const key = customerProfileKey('UNSUB-4');
    const old = Array.from({ length: 100 }, (_, i) => ({
      consent: 'service',
      given: i % 2 === 1,
      at: `2026-07-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
      by: `admin-${i}`,
      via: 'preferences',
    }));
    await cloud.dynamo.send(
      new UpdateItemCommand({
        TableName: cloud.tableNames.Customers,
        Key: { pk: { S: key.pk }, sk: { S: key.sk } },
        UpdateExpression: 'SET consentHistory = :h, preferences = :p, preferencesVersion = :v',
        ExpressionAttributeValues: marshall({ ':h': old, ':p': { consent: { service: true } }, ':v': 100 }),
      }),
    );
    expect((await visit('POST', token)).status).toBe(200);
    const after = await profileOf('UNSUB-4');
    expect(after.preferences.consent).toEqual({ service: true, marketing: false });
    expect(after.preferencesVersion).toBe(101);
    expect(after.consentHistory).toHaveLength(100);
    expect(after.consentHistory.slice(0, 99)).toEqual(old.slice(1));
    expect(after.consentHistory[99]).toMatchObject({
      consent: 'marketing',
      given: false,
      via: 'unsubscribe',
    });
  });

  it('accepts the RFC 8058 one-click POST of a mail client, and keeps other preferences', async () => {
    const token = await linkFor('UNSUB-2', 'unsub.two@example.com', 'service');
    const key = customerProfileKey('UNSUB-2');
    await cloud.dynamo.send(
      new UpdateItemCommand({
        TableName: cloud.tableNames.Customers,
        Key: { pk: { S: key.pk }, sk: { S: key.sk } },
        UpdateExpression: 'SET preferences = :p',
        ExpressionAttributeValues: { ':p': { M: { language: { S: 'zh-CN' } } } },
      }),
    );
    const res = await visit('POST', token, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect((await profileOf('UNSUB-2')).preferences).toMatchObject({
      language: 'zh-CN',
      consent: { service: false },
      updatedBy: 'customer:unsubscribe',
    });
  });

  it('refuses tampered, expired, foreign-audience and missing tokens with a 400 problem, changing nothing', async () => {
    const token = await linkFor('UNSUB-3', 'unsub.three@example.com');
    const before = await profileOf('UNSUB-3');
    // another customer's id under this link's signature, and the same fields signed with the same
    // key for another purpose
    const [, kind, campaign, expires, signature] = token.split('.');
    const tampered = ['UNSUB-1', kind, campaign, expires, signature].join('.');
    const secret =
      process.env[secretSources['unsubscribe-signing'].localEnvVar] ||
      secretSources['unsubscribe-signing'].localDefault;
    const signed = token.split('.').slice(0, 4).join('.');
    const foreign = `${signed}.${signatureOf(signed, secret, 'complaint-care/password-reset/v1').toString('base64url')}`;

    const expectRefused = async (res: Response) => {
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { status: number; errors: { path: string }[] };
      expect(problem.status).toBe(400);
      expect(problem.errors.map((e) => e.path)).toEqual(['query.token']);
    };
    for (const bad of [tampered, foreign, `${token}x`, undefined, '']) {
      await expectRefused(await visit('GET', bad));
      await expectRefused(await visit('POST', bad));
    }
    // 61 days later the genuine link has expired
    const now = cloud.clock.now();
    await api(cloud, '/dev/clock', { method: 'POST', json: { advance: 'P61D' } });
    await expectRefused(await visit('GET', token));
    await expectRefused(await visit('POST', token));
    await api(cloud, '/dev/clock', { method: 'POST', json: { set: now.toISOString() } });

    expect(await profileOf('UNSUB-3')).toEqual(before);
  });
});
