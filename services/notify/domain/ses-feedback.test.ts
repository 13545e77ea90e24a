/** Which SES events suppress an address (shapes as SES publishes them to EventBridge). */
import { describe, expect, it } from 'vitest';
import { receiptFrom, suppressionsFrom } from './ses-feedback';

const bounce = (bounceType: string, bounceSubType: string) => ({
  'detail-type': 'Email Bounced',
  time: '2026-06-01T02:00:05Z',
  detail: {
    eventType: 'Bounce',
    bounce: {
      feedbackId: '0100018f-feedback',
      bounceType,
      bounceSubType,
      bouncedRecipients: [
        {
          emailAddress: 'Gone@Example.com',
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown',
        },
      ],
      timestamp: '2026-06-01T02:00:04.000Z',
      reportingMTA: 'dsn; a1-2.smtp-out.amazonses.com',
    },
    mail: {
      timestamp: '2026-06-01T02:00:00.000Z',
      messageId: '0100018f-msg',
      destination: ['Gone@Example.com'],
    },
  },
});

describe('suppressionsFrom', () => {
  it('suppresses the (lower-cased) address of a permanent bounce, with its subtype and time', () => {
    expect(suppressionsFrom(bounce('Permanent', 'General'))).toEqual([
      {
        address: 'gone@example.com',
        reason: 'bounce:General',
        at: '2026-06-01T02:00:04.000Z',
        feedbackId: '0100018f-feedback',
      },
    ]);
  });

  it('does not suppress on a transient or undetermined bounce', () => {
    expect(suppressionsFrom(bounce('Transient', 'MailboxFull'))).toEqual([]);
    expect(suppressionsFrom(bounce('Undetermined', 'Undetermined'))).toEqual([]);
  });

  it('suppresses every complained recipient', () => {
    const complaint = {
      'detail-type': 'Email Complaint Received',
      time: '2026-06-01T03:00:00Z',
      detail: {
        eventType: 'Complaint',
        complaint: {
          feedbackId: 'fb-2',
          complaintFeedbackType: 'abuse',
          complainedRecipients: [{ emailAddress: 'angry@example.com' }],
          timestamp: '2026-06-01T02:59:00.000Z',
        },
        mail: { messageId: 'm-2' },
      },
    };
    expect(suppressionsFrom(complaint)).toEqual([
      {
        address: 'angry@example.com',
        reason: 'complaint:abuse',
        at: '2026-06-01T02:59:00.000Z',
        feedbackId: 'fb-2',
      },
    ]);
  });

  it('ignores other events and malformed details', () => {
    expect(
      suppressionsFrom({ 'detail-type': 'Email Delivered', time: 't', detail: { eventType: 'Delivery' } }),
    ).toEqual([]);
    expect(
      suppressionsFrom({ 'detail-type': 'Email Bounced', time: 't', detail: { nonsense: true } }),
    ).toEqual([]);
  });
});

describe('receiptFrom', () => {
  const sent = (headers: { name: string; value: string }[]) => ({
    'detail-type': 'Email Sent',
    time: '2026-06-01T02:00:01Z',
    detail: {
      eventType: 'Send',
      mail: {
        timestamp: '2026-06-01T02:00:00.000Z',
        messageId: '0100018f-msg',
        destination: ['ivy@example.com'],
        headersTruncated: false,
        headers: [{ name: 'From', value: 'care@example.com' }, ...headers],
        tags: { type: ['acknowledgement'] },
      },
      send: {},
    },
  });

  it("reads the notification id SES repeats from the email's headers, with SES's message id", () => {
    expect(receiptFrom(sent([{ name: 'X-Notification-Id', value: 'n-1' }]))).toEqual({
      notificationId: 'n-1',
      providerId: '0100018f-msg',
      at: '2026-06-01T02:00:00.000Z',
    });
    expect(receiptFrom(sent([{ name: 'x-notification-id', value: 'n-2' }]))?.notificationId).toBe('n-2');
  });

  it('has none for mail without the header, or for other events', () => {
    expect(receiptFrom(sent([]))).toBeUndefined();
    expect(
      receiptFrom({ ...sent([{ name: 'X-Notification-Id', value: 'n-1' }]), 'detail-type': 'Email Bounced' }),
    ).toBeUndefined();
  });
});
