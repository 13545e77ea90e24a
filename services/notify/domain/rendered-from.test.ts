import { describe, expect, it } from 'vitest';
import type { NotificationRequest } from './notification';
import { renderMessage } from './render';
import { renderedFrom } from './rendered-from';

const brand = { brandName: '安心人寿', servicePhone: '95500', timeZone: 'Asia/Shanghai' };

const acknowledgement: NotificationRequest = {
  key: 'evt-1#acknowledgement#hash',
  type: 'acknowledgement',
  purpose: 'acknowledgement',
  recipient: {
    kind: 'customer',
    channel: 'email',
    address: 'Wang.Fang@example.com',
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    quietHours: { start: '22:00', end: '07:00' },
  },
  data: {
    name: '王芳',
    reference: 'CN-2026-000123',
    receivedAt: '2026-12-07T01:00:00.000Z',
    nextDeadline: '2026-12-22T15:59:59.999Z',
    statusUrl: 'https://care.example/status?t=eyJzaWduZWQiOnRydWV9.c2ln#top',
  },
  urgent: true,
  complaintId: 'cmp-1',
  customerId: 'C0001',
  correlationId: 'corr-1',
};

describe('what the log keeps of a sent message', () => {
  it('keeps type, channel, language, time zone and data; not the address, quiet hours, care tag or key', () => {
    const kept = renderedFrom(acknowledgement);
    expect(kept).toEqual({
      type: 'acknowledgement',
      channel: 'email',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      data: {
        name: '王芳',
        reference: 'CN-2026-000123',
        receivedAt: '2026-12-07T01:00:00.000Z',
        nextDeadline: '2026-12-22T15:59:59.999Z',
        statusUrl: 'https://care.example/status',
      },
    });
    expect(JSON.stringify(kept).toLowerCase()).not.toContain('wang.fang@example.com');
  });

  it('keeps each link as the page it opens: no query, fragment or credentials, nothing but http(s)', () => {
    const care: NotificationRequest = {
      ...acknowledgement,
      type: 'care',
      recipient: { ...acknowledgement.recipient, channel: 'sms', address: '13900139000' },
      data: {
        name: '王芳',
        headline: '生日快乐',
        body: '祝您生日快乐。',
        unsubscribeUrl: 'https://api.example/v1/unsubscribe?token=abc.def',
        ratingUrl: 'https://user:secret@care.example/rate?t=xyz',
        replyUrl: 'javascript:alert(1)',
        // a field that happens to hold where the message went
        contact: '13900139000',
      },
    };
    expect(renderedFrom(care).data).toEqual({
      name: '王芳',
      headline: '生日快乐',
      body: '祝您生日快乐。',
      unsubscribeUrl: 'https://api.example/v1/unsubscribe',
      ratingUrl: 'https://care.example/rate',
    });
  });

  it('renders the same message again, its link without the token', () => {
    const kept = renderedFrom(acknowledgement);
    const sent = renderMessage('acknowledgement', 'zh-CN', acknowledgement.data as never, brand);
    const again = renderMessage(kept.type, kept.language, kept.data as never, {
      ...brand,
      timeZone: kept.timeZone,
    });
    expect(again.missing).toEqual([]);
    expect(again.subject).toBe(sent.subject);
    expect(again.text).toBe(
      sent.text.replace(String(acknowledgement.data.statusUrl), 'https://care.example/status'),
    );
    expect(again.text).toContain('CN-2026-000123');
    expect(again.text).not.toContain('?t=');
  });
});
