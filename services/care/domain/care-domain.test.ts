/** The care service's pure rules: preference merging, follow-up due dates, run counters. */
import { describe, expect, it } from 'vitest';
import { followUpPartition } from '#shared/tables/campaigns';
import { followUpDue } from './complaint-care';
import { mergePreferences, overriddenFields } from './preferences';
import { counterOf, laterContact } from './run-outcomes';

describe('preferences', () => {
  const at = new Date('2026-06-01T01:00:00Z');
  it('merges consent per kind, clears quiet hours with null, and records who and when', () => {
    const first = mergePreferences(
      undefined,
      { consent: { marketing: false }, quietHours: { start: '22:00', end: '07:00' } },
      'admin-a',
      at,
    );
    const second = mergePreferences(
      first,
      { consent: { service: false }, quietHours: null, language: 'en' },
      'admin-b',
      at,
    );
    expect(second).toEqual({
      consent: { marketing: false, service: false },
      language: 'en',
      updatedAt: '2026-06-01T01:00:00.000Z',
      updatedBy: 'admin-b',
    });
    expect(overriddenFields(second)).toEqual(['language', 'consent.service', 'consent.marketing']);
  });
});

describe('follow-up due', () => {
  it("is three days after the resolution's local date in the customer's zone", () => {
    const base = { complaintId: 'K1', reference: 'R1', customerId: 'C1', resolvedAt: '2026-06-01T20:00:00Z' };
    // 04:00 on 2 June in Shanghai, 16:00 on 1 June in New York
    expect(followUpDue({ ...base, timeZone: 'Asia/Shanghai' })).toMatchObject({
      pk: followUpPartition('2026-06-05'),
      sk: 'Asia/Shanghai#C1#K1',
    });
    expect(followUpDue({ ...base, timeZone: 'America/New_York' }).pk).toBe(followUpPartition('2026-06-04'));
    // across a month end
    expect(followUpDue({ ...base, resolvedAt: '2026-02-27T02:00:00Z', timeZone: 'Asia/Shanghai' }).pk).toBe(
      followUpPartition('2026-03-02'),
    );
  });
});

describe('run counters', () => {
  it('names one counter per outcome, the suppression reason as a safe token', () => {
    expect(counterOf('notification.sent', undefined)).toBe('sent');
    expect(counterOf('notification.failed', 'Mailbox full')).toBe('failed');
    expect(counterOf('notification.suppressed', 'quiet-hours')).toBe('suppressed_quiet-hours');
    expect(counterOf('notification.suppressed', 'No Consent (marketing)')).toBe(
      'suppressed_no-consent-marketing',
    );
    expect(counterOf('notification.suppressed', undefined)).toBe('suppressed_unspecified');
  });

  it('moves the last contact only forward', () => {
    expect(laterContact(undefined, '2026-05-20T03:00:00.000Z')).toBe('2026-05-20T03:00:00.000Z');
    expect(laterContact('2026-05-20T03:00:00Z', '2026-05-20T03:00:00.000Z')).toBeUndefined();
    expect(laterContact('2026-05-20T03:00:00Z', '2026-03-01T00:00:00.000Z')).toBeUndefined();
    expect(laterContact('2026-03-01T00:00:00Z', '2026-05-20T03:00:00.000Z')).toBe('2026-05-20T03:00:00.000Z');
  });
});
