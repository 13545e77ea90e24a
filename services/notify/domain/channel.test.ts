/** Quiet hours: the default 21:00–08:00, a customer's own hours (over midnight or within a day). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instant, isQuiet, outsideClockChanges } from '../test/quiet-hours-reference';
import { QUIET_HOURS, routeFor, sendableAt } from './channel';

const zones = ['Asia/Shanghai', 'Europe/London', 'Australia/Sydney', 'America/New_York'];
const quietHours = fc.oneof(
  fc.constant(QUIET_HOURS),
  fc.record({ start: outsideClockChanges, end: outsideClockChanges }),
);

describe('sendableAt', () => {
  it('keeps the default for complaint messages: 22:30 in Shanghai waits for 08:00, 10:00 goes now', () => {
    expect(sendableAt(new Date('2026-06-02T14:30:00Z'), 'Asia/Shanghai', false).toISOString()).toBe(
      '2026-06-03T00:00:00.000Z',
    );
    const morning = new Date('2026-06-02T02:00:00Z');
    expect(sendableAt(morning, 'Asia/Shanghai', false)).toEqual(morning);
  });

  it("respects the customer's own hours: quiet from 19:00 means 20:00 waits, and until 09:30 means 08:30 waits", () => {
    const own = { start: '19:00', end: '09:30' };
    // 20:00 Shanghai: not quiet by default, quiet for this customer
    const evening = new Date('2026-06-02T12:00:00Z');
    expect(sendableAt(evening, 'Asia/Shanghai', false)).toEqual(evening);
    expect(sendableAt(evening, 'Asia/Shanghai', false, own).toISOString()).toBe('2026-06-03T01:30:00.000Z');
    // 08:30 Shanghai
    expect(sendableAt(new Date('2026-06-03T00:30:00Z'), 'Asia/Shanghai', false, own).toISOString()).toBe(
      '2026-06-03T01:30:00.000Z',
    );
  });

  it('handles hours within a day (a nap from 12:00 to 14:00) and equal start and end (no quiet hours)', () => {
    const nap = { start: '12:00', end: '14:00' };
    expect(sendableAt(new Date('2026-06-02T04:30:00Z'), 'Asia/Shanghai', false, nap).toISOString()).toBe(
      '2026-06-02T06:00:00.000Z',
    );
    const night = new Date('2026-06-02T15:00:00Z'); // 23:00
    expect(sendableAt(night, 'Asia/Shanghai', false, nap)).toEqual(night);
    expect(sendableAt(night, 'Asia/Shanghai', false, { start: '08:00', end: '08:00' })).toEqual(night);
  });

  it('urgent messages ignore any quiet hours', () => {
    const night = new Date('2026-06-02T15:00:00Z');
    expect(sendableAt(night, 'Asia/Shanghai', true, { start: '20:00', end: '10:00' })).toEqual(night);
  });

  it('property: the result is never earlier than now, never quiet, at most a day away, and now itself when now is not quiet', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), quietHours, (now, zone, quiet) => {
        const at = sendableAt(now, zone, false, quiet);
        expect(at.getTime()).toBeGreaterThanOrEqual(now.getTime());
        expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
        expect(isQuiet(at, zone, quiet)).toBe(false);
        if (!isQuiet(now, zone, quiet)) expect(at).toEqual(now);
        // the end of the quiet spell, not some later moment: a minute before it is still quiet
        if (at > now) expect(isQuiet(new Date(at.getTime() - 60_000), zone, quiet)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('routeFor', () => {
  const contact = { phone: '13900139000', email: 'li@example.com' };
  it('takes the preferred channel when its contact exists, else the other one', () => {
    expect(routeFor({ ...contact, preferredChannel: 'sms' })).toEqual({
      channel: 'sms',
      address: contact.phone,
    });
    expect(routeFor({ ...contact, preferredChannel: 'email' })).toEqual({
      channel: 'email',
      address: contact.email,
    });
    expect(routeFor({ phone: contact.phone, preferredChannel: 'email' })).toEqual({
      channel: 'sms',
      address: contact.phone,
    });
  });

  it('never takes SMS once the customer withdrew consent to it: email instead, or nowhere', () => {
    expect(routeFor({ ...contact, preferredChannel: 'sms', smsConsent: false })).toEqual({
      channel: 'email',
      address: contact.email,
    });
    expect(routeFor({ phone: contact.phone, preferredChannel: 'sms', smsConsent: false })).toBeUndefined();
  });
});
