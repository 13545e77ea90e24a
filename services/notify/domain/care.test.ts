/** The care rules and the notification a care request becomes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { careRuleRefusal } from '#shared/care/care-rules';
import type { CareMessageRequested } from '#shared/contracts/care-message';
import type { EventEnvelope } from '#shared/contracts/events/index';
import { effectiveProfile } from '../../../test/fixtures/effective-profile';
import { careContent, careMessageKey, careNotification, careRefusal } from './care';

const profile = effectiveProfile;

const request = (over: Partial<CareMessageRequested> = {}): CareMessageRequested => ({
  campaignId: 'birthday',
  campaignVersion: '1',
  runId: 'run-1',
  customerId: 'C0001',
  consent: 'marketing',
  dedupeKey: 'birthday#2026-03-02#C0001',
  occasionDate: '2026-03-02',
  content: {
    'zh-CN': { headline: '生日快乐', body: '祝您生日快乐！' },
    en: { headline: 'Happy birthday', body: 'Best wishes!' },
  },
  holdWhileComplaintOpen: true,
  ...over,
});

const envelope = (id: string): EventEnvelope => ({
  id,
  type: 'care.message-requested',
  version: 1,
  source: 'complaint-care',
  occurredAt: '2026-03-02T01:00:00.000Z',
  correlationId: 'corr',
  data: {},
});

describe('careRefusal', () => {
  it('property: refuses a known, reachable customer for exactly the care rules’ reasons (the planner’s)', () => {
    const circumstances = fc.record({
      deceased: fc.boolean(),
      blocked: fc.boolean(),
      consent: fc.record({ service: fc.boolean(), marketing: fc.boolean() }),
      openComplaintCount: fc.nat(3),
    });
    const rules = fc.record({
      consent: fc.constantFrom('service' as const, 'marketing' as const),
      holdWhileComplaintOpen: fc.boolean(),
    });
    fc.assert(
      fc.property(circumstances, rules, (facts, rule) => {
        expect(careRefusal(profile(facts), rule)).toBe(careRuleRefusal(profile(facts), rule));
      }),
    );
  });

  it('lets a consenting, reachable customer without open complaints through', () => {
    expect(careRefusal(profile(), request())).toBeUndefined();
  });

  it('needs the consent the message names: marketing without marketing consent, service without service consent', () => {
    const noMarketing = profile({ consent: { service: true, marketing: false } });
    expect(careRefusal(noMarketing, request({ consent: 'marketing' }))).toBe('no-consent');
    expect(careRefusal(noMarketing, request({ consent: 'service' }))).toBeUndefined();
    const noService = profile({ consent: { service: false, marketing: true } });
    expect(careRefusal(noService, request({ consent: 'service' }))).toBe('no-consent');
  });

  it('never writes to a deceased or blocked customer, whatever their consent', () => {
    expect(careRefusal(profile({ deceased: true }), request())).toBe('deceased');
    expect(careRefusal(profile({ blocked: true }), request())).toBe('blocked');
    expect(
      careRefusal(
        profile({ deceased: true, blocked: true, consent: { service: false, marketing: false } }),
        request(),
      ),
    ).toBe('deceased');
  });

  it('holds marketing-style care while a complaint is open, but not care that does not ask to be held', () => {
    const complaining = profile({ openComplaintCount: 1 });
    expect(careRefusal(complaining, request({ holdWhileComplaintOpen: true }))).toBe('open-complaint');
    expect(careRefusal(complaining, request({ holdWhileComplaintOpen: false }))).toBeUndefined();
  });

  it('refuses an unknown customer and one with no phone or email', () => {
    expect(careRefusal(undefined, request())).toBe('unknown-customer');
    expect(careRefusal(profile({ phone: undefined, email: undefined }), request())).toBe('no-contact');
  });
});

describe('careNotification', () => {
  it('keys the message by the dedupe key, so a rerun with a new event id is the same message', () => {
    const first = careNotification(envelope('e1'), request(), profile(), 'https://x/u');
    const rerun = careNotification(
      envelope('e2'),
      request(),
      profile({ preferredChannel: 'email' }),
      'https://x/u',
    );
    expect(first.key).toBe(careMessageKey('birthday#2026-03-02#C0001'));
    expect(rerun.key).toBe(first.key);
  });

  it("goes on the customer's effective channel, in their language, time zone and quiet hours, tagged for the run", () => {
    const n = careNotification(
      envelope('e1'),
      request(),
      profile({
        language: 'en',
        preferredChannel: 'email',
        timeZone: 'Europe/London',
        quietHours: { start: '20:00', end: '09:00' },
      }),
      'https://api/v1/unsubscribe?token=t',
    );
    expect(n.recipient).toEqual({
      kind: 'customer',
      channel: 'email',
      address: 'li@example.com',
      language: 'en',
      timeZone: 'Europe/London',
      quietHours: { start: '20:00', end: '09:00' },
    });
    expect(n.data).toEqual({
      name: '李四',
      headline: 'Happy birthday',
      body: 'Best wishes!',
      unsubscribeUrl: 'https://api/v1/unsubscribe?token=t',
    });
    expect(n.care).toMatchObject({
      campaignId: 'birthday',
      runId: 'run-1',
      dedupeKey: 'birthday#2026-03-02#C0001',
    });
    expect(n.customerId).toBe('C0001');
    expect(n.urgent).toBe(false);
  });

  it('falls back to the zh-CN content (and template) when the campaign has none in the customer language', () => {
    expect(careContent({ 'zh-CN': { headline: '问候', body: '您好' } }, 'en')).toEqual({
      language: 'zh-CN',
      headline: '问候',
      body: '您好',
    });
    const n = careNotification(
      envelope('e1'),
      request({ content: { 'zh-CN': { headline: '问候', body: '您好' } } }),
      profile({ language: 'en' }),
      'https://x',
    );
    expect(n.recipient.language).toBe('zh-CN');
  });
});
