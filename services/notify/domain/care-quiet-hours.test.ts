/**
 * Property: no care message of any campaign (services/care/campaigns/campaigns.json) reaches a
 * customer inside their quiet hours, in any time zone, at any instant, whichever way it comes to
 * deliver(): fresh from the care queue, or handed back by the deferred sweep (which may run long
 * after the message's due time, when it is night again). Inside quiet hours it is deferred to
 * their end, never sent and never dropped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallClockIn } from '#shared/calendar/zoned-time';
import type { CareMessageRequested } from '#shared/contracts/care-message';
import type { EffectiveProfile } from '#shared/contracts/customer-profile';
import type { EventEnvelope } from '#shared/contracts/events/index';
import { effectiveProfile } from '../../../test/fixtures/effective-profile';
import { campaignCatalog } from '../../care/domain/campaign-definitions';
import { MemoryLog } from '../test/memory-message-log';
import { instant, isQuiet, outsideClockChanges } from '../test/quiet-hours-reference';
import { careNotification } from './care';
import { QUIET_HOURS, type QuietHours } from './channel';
import { type DeliveryDeps, deliver } from './deliver';

/** Zones whose clocks change between 01:00 and 04:00 local, if at all (quarter and half hours too). */
const zones = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Singapore',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'Australia/Sydney',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'UTC',
];
const ownQuietHours = fc.oneof(
  fc.constant(undefined),
  fc.record({ start: outsideClockChanges, end: outsideClockChanges }),
);

const envelope: EventEnvelope = {
  id: 'evt-1',
  type: 'care.message-requested',
  version: 1,
  source: 'complaint-care',
  occurredAt: '2026-01-01T01:00:00.000Z',
  correlationId: 'corr-1',
  data: {},
};

function requestOf(campaignId: string, consent: CareMessageRequested['consent']): CareMessageRequested {
  return {
    campaignId,
    campaignVersion: campaignCatalog.version,
    runId: 'run-1',
    customerId: 'C0001',
    consent,
    dedupeKey: `${campaignId}#2026-01-01#C0001`,
    occasionDate: '2026-01-01',
    content: { 'zh-CN': { headline: '标题', body: '正文' }, en: { headline: 'Headline', body: 'Body' } },
    holdWhileComplaintOpen: false,
  };
}

const profileOf = (
  timeZone: string,
  channel: 'sms' | 'email',
  quietHours: QuietHours | undefined,
): EffectiveProfile =>
  effectiveProfile({ timeZone, preferredChannel: channel, ...(quietHours && { quietHours }) });

describe('care messages and quiet hours', () => {
  it('property: every campaign, every zone, every instant: never sent inside quiet hours, deferred to their end instead', async () => {
    const campaigns = campaignCatalog.campaigns;
    expect(campaigns.map((c) => c.id)).toContain('premium-grace');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...campaigns),
        fc.constantFrom(...zones),
        fc.constantFrom('sms' as const, 'email' as const),
        ownQuietHours,
        instant,
        fc.boolean(),
        async (campaign, zone, channel, own, now, fromSweep) => {
          const data = requestOf(campaign.id, campaign.consent);
          const profile = profileOf(zone, channel, own);
          const request = careNotification(envelope, data, profile, 'https://example.test/u');
          const log = new MemoryLog();
          // the sweep hands back a message deferred earlier, whose due time has passed
          if (fromSweep) log.states.set(request.key, 'deferred');
          const sent: Date[] = [];
          const sender = {
            async send() {
              sent.push(now);
              return 'p';
            },
          };
          const deps: DeliveryDeps = {
            log,
            senders: { email: sender, sms: sender },
            render: () => ({ subject: 's', html: 'h', text: 't', sms: 's' }),
            clock: { now: () => now },
            vet: async () => undefined,
          };
          const outcome = await deliver(request, deps, fromSweep);
          const quiet = own ?? QUIET_HOURS;
          const local = `${zone} ${JSON.stringify(wallClockIn(now.getTime(), zone))}`;
          if (isQuiet(now, zone, quiet)) {
            expect(outcome, `${campaign.id} at ${local}`).toBe('deferred');
            expect(sent).toEqual([]);
            const until = log.until.get(request.key)!;
            expect(until.getTime()).toBeGreaterThan(now.getTime());
            expect(isQuiet(until, zone, quiet)).toBe(false);
          } else {
            expect(outcome, `${campaign.id} at ${local}`).toBe('sent');
            expect(sent).toEqual([now]);
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('example: a premium-grace SMS the sweep finds at 01:00 in Shanghai waits for 08:00', async () => {
    const grace = campaignCatalog.campaigns.find((c) => c.id === 'premium-grace')!;
    const request = careNotification(
      envelope,
      requestOf(grace.id, grace.consent),
      profileOf('Asia/Shanghai', 'sms', undefined),
      'https://example.test/u',
    );
    const log = new MemoryLog();
    log.states.set(request.key, 'deferred');
    const now = new Date('2026-12-05T17:00:00Z'); // 01:00 on 6 December in Shanghai
    let sends = 0;
    const outcome = await deliver(
      request,
      {
        log,
        senders: { email: { send: async () => `p${++sends}` }, sms: { send: async () => `p${++sends}` } },
        render: () => ({ subject: 's', html: 'h', text: 't', sms: 's' }),
        clock: { now: () => now },
      },
      true,
    );
    expect(outcome).toBe('deferred');
    expect(sends).toBe(0);
    expect(log.until.get(request.key)?.toISOString()).toBe('2026-12-06T00:00:00.000Z');
  });
});
