/** A campaign's channel over the customer's preferred one, only where consent and contact allow. */
import { describe, expect, it } from 'vitest';
import type { CareMessageRequested } from '#shared/contracts/care-message';
import type { EventEnvelope } from '#shared/contracts/events/index';
import { effectiveProfile } from '../../../test/fixtures/effective-profile';
import { careNotification } from './care';

const request = (channel?: 'email' | 'sms'): CareMessageRequested => ({
  campaignId: 'health-talk',
  campaignVersion: 'v2',
  runId: '2026-12-07#Asia/Shanghai',
  customerId: 'C0001',
  consent: 'service',
  dedupeKey: 'health-talk#2026-12-07#C0001',
  occasionDate: '2026-12-07',
  content: { 'zh-CN': { headline: '讲座', body: '欢迎参加。' }, en: { headline: 'Talk', body: 'Welcome.' } },
  holdWhileComplaintOpen: false,
  ...(channel && { channel }),
});
const envelope: EventEnvelope = {
  id: 'e1',
  type: 'care.message-requested',
  version: 1,
  source: 'complaint-care',
  occurredAt: '2026-12-07T01:00:00.000Z',
  correlationId: 'corr',
  data: {},
};
const routeOf = (channel: 'email' | 'sms' | undefined, over: Parameters<typeof effectiveProfile>[0] = {}) => {
  const { recipient } = careNotification(envelope, request(channel), effectiveProfile(over), 'https://x/u');
  return `${recipient.channel}:${recipient.address}`;
};

describe("a campaign's channel", () => {
  it('overrides the preferred channel when the customer can be reached on it', () => {
    expect(routeOf('email', { preferredChannel: 'sms' })).toBe('email:li@example.com');
    expect(routeOf('sms', { preferredChannel: 'email' })).toBe('sms:13900139000');
    expect(routeOf(undefined, { preferredChannel: 'email' })).toBe('email:li@example.com');
  });

  it('never sends an SMS to a customer who withdrew SMS consent, nor where there is no such contact', () => {
    expect(routeOf('sms', { preferredChannel: 'email', smsConsent: false })).toBe('email:li@example.com');
    expect(routeOf('email', { preferredChannel: 'sms', email: undefined })).toBe('sms:13900139000');
  });
});
