/**
 * The SMS that carry a customer's signed link (shared/links), measured with a real token: the link
 * is ~60 characters on a short site origin, and each SMS still fits the segments it is allowed.
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '#shared/contracts/vocabulary';
import { signCustomerLink } from '#shared/links/customer-link-token';
import { renderMessage } from './render';

const reference = 'CMP-20261202-7K3M9Q';
const token = (purpose: 'status' | 'rating') =>
  signCustomerLink({ reference, purpose }, 'a-secret', new Date('2026-12-02T02:23:00Z'));
// what PUBLIC_SITE_URL should be for SMS: a short origin (README, Settings)
const statusUrl = `https://anxin.cn/status?t=${token('status')}`;
const ratingUrl = `https://anxin.cn/rate?t=${token('rating')}`;
const brand = { 'zh-CN': '安心人寿', en: 'Anxin Life' } satisfies Record<Language, string>;
const options = (language: Language) => ({
  brandName: brand[language],
  timeZone: 'Asia/Shanghai',
  servicePhone: '95500',
});

function sms(type: 'acknowledgement' | 'request-info' | 'care', language: Language) {
  const data = {
    acknowledgement: {
      name: '李四',
      reference,
      receivedAt: '2026-12-02T02:23:00.000Z',
      nextDeadline: '2026-12-17T16:00:00.000Z',
      statusUrl,
    },
    'request-info': {
      name: '李四',
      reference,
      message:
        language === 'en' ? 'A copy of the repair quote, please.' : '请提供住院病历首页和费用清单的照片。',
      statusUrl,
    },
    care: {
      name: '李四',
      headline: '投诉处理满意度回访',
      body: `您的投诉（编号${reference}）已处理完毕，诚邀您对处理结果进行评价。`,
      unsubscribeUrl:
        'https://anxin.cn/v1/unsubscribe?token=C0001.s.complaint-follow-up.tq3k2w.AbCdEfGhIjKlMnOpQrStUv',
      ratingUrl,
    },
  }[type];
  const message = renderMessage(type, language, data as never, options(language));
  return { text: message.sms!, segments: message.smsSegments!.segments, missing: message.missing };
}

describe('SMS with a signed link', () => {
  it('the acknowledgement carries the status link in 2 segments, in both languages', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const { text, segments, missing } = sms('acknowledgement', language);
      expect(text).toContain(statusUrl);
      expect(missing).toEqual([]);
      expect(segments).toBeLessThanOrEqual(2);
    }
  });

  it('the request for information carries it too: 3 segments in Chinese with a typical request, 2 in English', () => {
    expect(sms('request-info', 'zh-CN').text).toContain(statusUrl);
    expect(sms('request-info', 'zh-CN').segments).toBeLessThanOrEqual(3);
    expect(sms('request-info', 'en').text).toContain(statusUrl);
    expect(sms('request-info', 'en').segments).toBeLessThanOrEqual(2);
  });

  it('the satisfaction follow-up carries its rating link beside the unsubscribe link', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const { text } = sms('care', language);
      expect(text).toContain(ratingUrl);
      expect(text).toContain('unsubscribe');
    }
  });
});
