import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Language, languages } from '#shared/contracts/vocabulary';
import acknowledgementZhCn from '../templates/acknowledgement/zh-CN.json';
import layoutFile from '../templates/layout.json';
import { layoutJson, readLayoutHtml } from '../templates/sync-layout';
import { formatInstant } from './format-instant';
import {
  type MessageData,
  type MessageType,
  messageTypes,
  type RenderOptions,
  staffMessageTypes,
} from './message-types';
import { regulatorContact } from './regulator-contacts';
import { createRenderer, renderMessage } from './render';
import { smsSegments } from './sms-segments';
import { compileTemplates, templates } from './template-files';

const brands: Record<Language, RenderOptions> = {
  'zh-CN': {
    brandName: '安心人寿',
    servicePhone: '95500',
    serviceEmail: 'care@anxin-life.example.cn',
    website: 'www.anxin-life.example.cn',
    timeZone: 'Asia/Shanghai',
  },
  en: {
    brandName: 'Harbour Life',
    servicePhone: '1300 555 010',
    serviceEmail: 'care@harbour-life.example.com.au',
    website: 'www.harbour-life.example.com.au',
    timeZone: 'Australia/Sydney',
  },
};

type CompleteData = { [T in MessageType]: MessageData[T] };

/** Every field of every type, with the values a customer or agent typically writes. */
const complete: Record<Language, CompleteData> = {
  'zh-CN': (() => {
    const reference = 'CMP-20261202-7K3M9Q';
    const staff = {
      reference,
      clock: 'resolve',
      dueAt: '2026-12-17T16:00:00.000Z',
      priority: 'P2',
      team: 'claims',
      caseUrl: 'https://console.anxin-life.example.cn/cases/01JEX4N8Z6R7Q2W3E4R5T6Y7U8',
      assignee: '王芳',
    } as const;
    return {
      acknowledgement: {
        name: '李四',
        reference,
        receivedAt: '2026-12-02T02:23:00.000Z',
        nextDeadline: '2026-12-17T16:00:00.000Z',
        statusUrl: 'https://care.anxin-life.example.cn/status',
      },
      'request-info': {
        name: '李四',
        reference,
        message: '请提供住院病历首页和费用清单的照片。',
        replyBy: '2026-12-09T16:00:00.000Z',
        replyUrl: 'https://c.anxin.cn/r/7K3M9Q',
        statusUrl: 'https://care.anxin-life.example.cn/status',
      },
      'delay-notice': {
        name: '李四',
        reference,
        dueAt: '2027-01-16T16:00:00.000Z',
        reason: '需等待医院出具鉴定意见',
        regulatorContact: regulatorContact('cn-nfra', 'zh-CN'),
      },
      'decision-letter': {
        name: '李四',
        reference,
        outcome: 'partially-upheld',
        remedy: '赔付住院检查费用人民币3,200元',
        responseToCustomer:
          '经核实，您住院期间的检查费用属于保险责任范围，我司将予以赔付；自费药品费用不在保险责任范围内。\n如有疑问，欢迎随时与我们联系。',
        regulatorContact: regulatorContact('cn-nfra', 'zh-CN'),
      },
      reopened: {
        name: '李四',
        reference,
        reason: '您提供了新的医院证明',
        dueAt: '2027-01-05T16:00:00.000Z',
      },
      'staff-sla-warning': staff,
      'staff-sla-breach': staff,
      care: {
        name: '李四',
        headline: '生日快乐',
        body: '祝您生日快乐，身体健康，万事如意！',
        unsubscribeUrl: 'https://c.anxin.cn/u/k7Qm2x',
        ratingUrl: 'https://c.anxin.cn/rate',
      },
      'feedback-answer': {
        name: '李四',
        kind: '咨询',
        question: '请问理赔材料可以线上提交吗？',
        answer: '可以。请登录官网“理赔服务”页面上传材料，我们会在两个工作日内审核。',
      },
      'journey-notice': {
        name: '李四',
        policyNumber: 'P2024000123',
        claimNumber: 'CLM2026000123',
        claimDeclined: true,
        reason: '既往症不在保障范围内',
        complaintFormUrl: 'https://c.anxin.cn/?claimNumber=CLM2026000123',
      },
      'staff-claim-stalled': {
        claimNumber: 'CLM2026000123',
        policyNumber: 'P2024000123',
        stage: 'claim.documents-received',
        lastProgressAt: '2026-12-01T02:00:00.000Z',
        businessDays: 5,
      },
      'staff-rectification-overdue': {
        rectificationId: '01JEZ8R5T2K9M4N6P3Q7W1X5Y8',
        actionId: 'A1',
        rootCause: 'claims/assessment-delay',
        title: '住院理赔审核等待三周',
        dueDate: '2026-12-08',
        consoleUrl: 'https://console.anxin-life.example.cn/console/',
      },
      // a rectification is open for the cause (en below shows the proposal instead)
      'staff-root-cause-rising': {
        rootCause: 'claims/assessment-delay',
        week: '2026-12-07',
        count: 9,
        trailingMean: 2,
        trailingWeeks: 8,
        rule: 'at least 5 complaints, at least 1.5× and 3 more than the mean of the 8 weeks before (rules 2026-12-06.1)',
        openRectificationId: '01JEZ8R5T2K9M4N6P3Q7W1X5Y8',
        consoleUrl: 'https://console.anxin-life.example.cn/console/',
      },
    };
  })(),
  en: (() => {
    const reference = 'CMP-20261202-4TQ8VZ';
    const staff = {
      reference,
      clock: 'resolve',
      dueAt: '2026-12-31T13:00:00.000Z',
      priority: 'P1',
      team: 'escalation-desk',
      caseUrl: 'https://console.harbour-life.example.com.au/cases/01JEX4N8Z6R7Q2W3E4R5T6Y7U9',
      assignee: 'Priya Natarajan',
    } as const;
    return {
      acknowledgement: {
        name: 'Olivia Smith',
        reference,
        receivedAt: '2026-12-01T23:23:00.000Z',
        nextDeadline: '2026-12-31T13:00:00.000Z',
        statusUrl: 'https://care.harbour-life.example.com.au/status',
      },
      'request-info': {
        name: 'Olivia Smith',
        reference,
        message: 'Please send us a copy of the repair quote.',
        replyBy: '2026-12-10T13:00:00.000Z',
        replyUrl: 'https://hl.example/r/4TQ8VZ',
        statusUrl: 'https://care.harbour-life.example.com.au/status',
      },
      'delay-notice': {
        name: 'Olivia Smith',
        reference,
        dueAt: '2027-01-29T13:00:00.000Z',
        reason: 'we are waiting for the assessor to inspect the damage',
        regulatorContact: regulatorContact('au-asic', 'en'),
      },
      'decision-letter': {
        name: 'Olivia Smith',
        reference,
        outcome: 'upheld',
        remedy: 'We will pay the claim in full, AUD 4,850, within 10 business days.',
        responseToCustomer:
          'We reviewed the assessment and agree the damage is covered by your policy.\nWe are sorry for the delay in reaching this decision.',
        regulatorContact: regulatorContact('au-asic', 'en'),
      },
      reopened: {
        name: 'Olivia Smith',
        reference,
        reason: 'you sent us a new report from your builder',
        dueAt: '2027-01-15T13:00:00.000Z',
      },
      'staff-sla-warning': staff,
      'staff-sla-breach': staff,
      care: {
        name: 'Olivia Smith',
        headline: 'Your policy review is due',
        body: 'Your home policy turns five this month. Book a free review to check your cover still fits.',
        unsubscribeUrl: 'https://hl.example/u/k7Qm2x',
        ratingUrl: 'https://hl.example/rate',
      },
      'feedback-answer': {
        kind: 'question',
        question: 'Can I send my claim documents online?',
        answer:
          'Yes: upload them on the Claims page of our website and we check them within two working days.',
      },
      'journey-notice': {
        name: 'Olivia Smith',
        policyNumber: 'P2024000123',
        claimNumber: 'CLM2026000123',
        claimDeclined: true,
        reason: 'the condition existed before the policy started',
        complaintFormUrl: 'https://hl.example/?claimNumber=CLM2026000123',
      },
      'staff-claim-stalled': {
        claimNumber: 'CLM2026000123',
        policyNumber: 'P2024000123',
        stage: 'claim.documents-received',
        lastProgressAt: '2026-12-01T02:00:00.000Z',
        businessDays: 5,
      },
      'staff-rectification-overdue': {
        rectificationId: '01JEZ8R5T2K9M4N6P3Q7W1X5Y9',
        actionId: 'A2',
        rootCause: 'premium/refund-delay',
        title: 'Refunds after cancellation paid late',
        dueDate: '2026-12-08',
        consoleUrl: 'https://console.harbour-life.example.com.au/console/',
      },
      'staff-root-cause-rising': {
        rootCause: 'premium/billing-error',
        week: '2026-12-07',
        count: 6,
        trailingMean: 1,
        trailingWeeks: 8,
        rule: 'at least 5 complaints, at least 1.5× and 3 more than the mean of the 8 weeks before (rules 2026-12-06.1)',
        proposedTitle: 'Rectify: Billing error (6 complaints in the week of 2026-12-07)',
        proposedDueDate: '2027-01-13',
        proposedComplaints: 6,
        consoleUrl: 'https://console.harbour-life.example.com.au/console/',
      },
    };
  })(),
};

const customerTypes = messageTypes.filter((type) => !staffMessageTypes.includes(type));
const cases = messageTypes.flatMap((type) => languages.map((language) => [type, language] as const));
const render = <T extends MessageType>(
  type: T,
  language: Language,
  data: MessageData[T] = complete[language][type],
) => renderMessage(type, language, data, brands[language]);

describe('template files', () => {
  it('has a file for every message type in every language, validated when the module loads', () => {
    for (const [type, language] of cases) {
      expect(templates[type]?.[language]?.version, `${type}/${language}.json`).toMatch(
        /^\d{4}-\d{2}-\d{2}\.\d+$/,
      );
    }
  });

  it('layout.json is layout.html as last synced (run templates/sync-layout.ts after editing the HTML)', () => {
    expect(JSON.parse(layoutJson(readLayoutHtml()))).toEqual(layoutFile);
  });

  it.each([
    [
      'a malformed placeholder',
      { subject: 'Hi {{name}', html: 'x', text: 'x', sms: 'x' },
      /subject: malformed/,
    ],
    [
      'an unclosed section',
      { subject: 's', html: '{{#remedy}}x', text: 'x', sms: 'x' },
      /html: \{\{#remedy\}\} is never closed/,
    ],
    [
      'a stray section end',
      { subject: 's', html: 'x{{/remedy}}', text: 'x', sms: 'x' },
      /closes no open section/,
    ],
    ['a customer message without SMS', { subject: 's', html: 'x', text: 'x' }, /needs an SMS text/],
    [
      'a two-line subject',
      { subject: 'a\nb', html: 'x', text: 'x', sms: 'x' },
      /subject: A subject is one line/,
    ],
    ['an unknown field', { subject: 's', html: 'x', text: 'x', sms: 'x', footer: 'x' }, /footer/],
  ])('rejects %s, naming the file', (_, fields, problem) => {
    const load = () => compileTemplates({ 'reopened/zh-CN.json': { version: '2026-11-28.1', ...fields } });
    expect(load).toThrow(/services\/notify\/templates\/reopened\/zh-CN\.json/);
    expect(load).toThrow(problem);
  });

  it('rejects a bad version, an unknown type or language, SMS for staff, and a type without zh-CN', () => {
    const file = { version: '2026-11-28.1', subject: 's', html: 'x', text: 'x', sms: 'x' };
    expect(() => compileTemplates({ 'reopened/zh-CN.json': { ...file, version: 'v1' } })).toThrow(/version/);
    expect(() => compileTemplates({ 'birthday/zh-CN.json': file })).toThrow(
      /birthday\/zh-CN\.json: unknown message type/,
    );
    expect(() => compileTemplates({ 'reopened/fr.json': file })).toThrow(
      /reopened\/fr\.json: unknown language/,
    );
    expect(() => compileTemplates({ 'staff-sla-breach/zh-CN.json': file })).toThrow(/email only/);
    expect(() => compileTemplates({ 'reopened/en.json': file })).toThrow(/reopened\/zh-CN\.json: missing/);
  });
});

describe('renderMessage', () => {
  it.each(cases)('%s in %s renders every placeholder from complete data', (type, language) => {
    const message = render(type, language);
    expect(message.missing).toEqual([]);
    expect(message.language).toBe(language);
    expect(message.fellBackFrom).toBeUndefined();
    for (const part of [message.subject, message.html, message.text, message.sms ?? '']) {
      expect(part).not.toMatch(/\{\{|\}\}/);
    }
    expect(message.html).toContain(`<html lang="${language}">`);
    expect(message.html).toContain(brands[language].brandName);
    expect(message.sms === undefined).toBe(staffMessageTypes.includes(type));
  });

  it.each(cases)('%s in %s matches its snapshot', (type, language) => {
    expect(render(type, language)).toMatchSnapshot();
  });

  it('renders a missing value empty and reports the field to supply', () => {
    const { nextDeadline: _, ...withoutDeadline } = complete['zh-CN'].acknowledgement;
    const message = render('acknowledgement', 'zh-CN', withoutDeadline as MessageData['acknowledgement']);
    expect(message.missing).toEqual(['nextDeadline']);
    expect(message.text).toContain('我们将在前作出处理决定');

    const { outcome: __, ...withoutOutcome } = complete.en['decision-letter'];
    const letter = render('decision-letter', 'en', withoutOutcome as MessageData['decision-letter']);
    expect(letter.missing).toEqual(['outcome']);
  });

  it('leaves optional parts out without reporting them', () => {
    const { remedy: _, ...noRemedy } = complete['zh-CN']['decision-letter'];
    const message = render('decision-letter', 'zh-CN', noRemedy);
    expect(message.missing).toEqual([]);
    expect(message.html).not.toContain('解决方案');
    expect(message.sms).not.toContain('解决方案');
  });

  it('localises the outcome, the team and the clock', () => {
    const zh = complete['zh-CN'];
    expect(
      render('decision-letter', 'zh-CN', { ...zh['decision-letter'], outcome: 'rejected' }).text,
    ).toContain('处理结果：投诉不成立');
    expect(
      render('decision-letter', 'en', { ...complete.en['decision-letter'], outcome: 'partially-upheld' })
        .text,
    ).toContain('Our decision: Partly upheld');
    const warning = render('staff-sla-warning', 'zh-CN');
    expect(warning.text).toContain('处理团队：理赔');
    expect(warning.subject).toBe(
      '[P2] 时限预警：CMP-20261202-7K3M9Q 的处理决定时限将于2026年12月17日 24:00到期',
    );
    expect(render('staff-sla-breach', 'en').subject).toBe(
      '[P1] SLA breached: Final response for CMP-20261202-4TQ8VZ was due 31 December 2026, 24:00',
    );
  });

  it('shows instants in the recipient time zone and language', () => {
    expect(render('acknowledgement', 'zh-CN').text).toContain('我们已于2026年12月2日 10:23收到您的投诉');
    expect(render('acknowledgement', 'en').text).toContain(
      'We received your complaint on 2 December 2026, 10:23. Your reference is CMP-20261202-4TQ8VZ',
    );
    expect(render('acknowledgement', 'en').text).toContain('by 31 December 2026, 24:00.');
  });

  it('escalates to the contact the caller chose', () => {
    const uk = render('decision-letter', 'en', {
      ...complete.en['decision-letter'],
      regulatorContact: regulatorContact('uk-fca', 'en'),
    });
    expect(uk.text).toContain('refer your complaint to the Financial Ombudsman Service');
    expect(uk.text).toContain('within six months');
    expect(uk.html).toContain('0800 023 4567');
    const cn = render('decision-letter', 'zh-CN');
    expect(cn.text).toContain('您可以向国家金融监督管理总局反映');
    expect(cn.text).toContain('热线：12378');
    expect(cn.text).toContain('金融纠纷调解组织');
    const au = render('delay-notice', 'en');
    expect(au.html).toContain(
      'Your right to complain to the Australian Financial Complaints Authority (AFCA)',
    );
    expect(au.sms).toContain('1800 931 678');
    expect(render('delay-notice', 'zh-CN').text).toContain('《银行业保险业消费投诉处理管理办法》');
  });

  it('takes a regulator contact given as a plain name', () => {
    const message = render('decision-letter', 'zh-CN', {
      ...complete['zh-CN']['decision-letter'],
      regulatorContact: '国家金融监督管理总局（12378）',
    });
    expect(message.missing).toEqual([]);
    expect(message.text).toContain('您可以向国家金融监督管理总局（12378）反映。');
  });

  it('puts the unsubscribe link in the footer of care messages only', () => {
    const care = render('care', 'zh-CN');
    expect(care.html).toContain('<a href="https://c.anxin.cn/u/k7Qm2x"');
    expect(care.text).toContain('https://c.anxin.cn/u/k7Qm2x');
    expect(care.sms).toContain('https://c.anxin.cn/u/k7Qm2x');
    expect(render('acknowledgement', 'zh-CN').html).not.toContain('退订');
  });

  it('keeps the sender: data cannot replace the brand', () => {
    const data = { ...complete.en.reopened, brandName: 'Phishing Ltd' } as MessageData['reopened'];
    expect(render('reopened', 'en', data).html).not.toContain('Phishing');
  });
});

describe('HTML escaping of customer-provided values', () => {
  const hostile = `<script>alert("x")</script> O'Brien & "Sons"`;
  const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; &quot;Sons&quot;';

  it.each(languages)(
    'escapes message, responseToCustomer and the name in HTML (%s), and leaves text and SMS plain',
    (language) => {
      const data = complete[language];
      const request = render('request-info', language, {
        ...data['request-info'],
        message: hostile,
        name: hostile,
      });
      const letter = render('decision-letter', language, {
        ...data['decision-letter'],
        responseToCustomer: hostile,
      });
      for (const message of [request, letter]) {
        expect(message.html).toContain(escaped);
        expect(message.html).not.toContain('<script');
        expect(message.html).not.toContain(`O'Brien`);
        expect(message.text).toContain(hostile);
      }
      expect(request.sms).toContain(hostile);
    },
  );

  it('escapes values in the layout too (brand, subject in the title)', () => {
    const message = renderMessage(
      'care',
      'en',
      { ...complete.en.care, headline: '<img src=x onerror=alert(1)>' },
      { ...brands.en, brandName: 'A&B <Life>' },
    );
    expect(message.html).toContain('<title>&lt;img src=x onerror=alert(1)&gt;</title>');
    expect(message.html).toContain('A&amp;B &lt;Life&gt;');
    expect(message.html).not.toContain('<img');
    expect(message.subject).toBe('<img src=x onerror=alert(1)>');
  });

  it('keeps line breaks of multi-line texts as <br>', () => {
    expect(render('decision-letter', 'en').html).toContain('covered by your policy.<br>We are sorry');
  });

  it('drops and reports a link that is not http(s)', () => {
    const message = render('request-info', 'en', {
      ...complete.en['request-info'],
      replyUrl: 'javascript:alert(1)',
    });
    expect(message.html).not.toContain('javascript:');
    expect(message.sms).not.toContain('javascript:');
    expect(message.missing).toEqual(['replyUrl']);
  });

  it('property: no < from data survives unescaped in the HTML of any message', () => {
    const unit = fc.constantFrom(
      '<',
      '>',
      '"',
      "'",
      '&',
      '/',
      'a',
      ' ',
      '\n',
      '中',
      '{',
      '}',
      's',
      'c',
      'r',
      'i',
      'p',
      't',
    );
    const text = fc.string({ unit, maxLength: 40 });
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.record({
          name: text,
          message: text,
          responseToCustomer: text,
          remedy: text,
          reason: text,
          headline: text,
          body: text,
          assignee: text,
        }),
        ([type, language], hostileFields) => {
          const data = { ...complete[language][type], ...hostileFields } as MessageData[typeof type];
          const lessThanReplaced = Object.fromEntries(
            Object.entries(data).map(([key, value]) => [
              key,
              typeof value === 'string' ? value.replaceAll('<', '_') : value,
            ]),
          ) as MessageData[typeof type];
          const html = render(type, language, data).html;
          // Every < opens a tag of the template, and there are exactly as many as when the data has _ for <.
          expect(html).not.toMatch(/<(?![a-zA-Z/!])/);
          expect(html.split('<').length).toBe(
            render(type, language, lessThanReplaced).html.split('<').length,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('language fallback', () => {
  const zhOnly = createRenderer(compileTemplates({ 'acknowledgement/zh-CN.json': acknowledgementZhCn }));

  it('renders zh-CN when the language has no file, and says which language was asked for', () => {
    const message = zhOnly('acknowledgement', 'en', complete.en.acknowledgement, brands.en);
    expect(message.language).toBe('zh-CN');
    expect(message.fellBackFrom).toBe('en');
    expect(message.missing).toEqual([]);
    expect(message.html).toContain('<html lang="zh-CN">');
    // Dates follow the language rendered, in the recipient's time zone.
    expect(message.text).toContain('我们已于2026年12月2日 10:23收到您的投诉');
  });

  it('does not fall back when the file exists', () => {
    expect(
      zhOnly('acknowledgement', 'zh-CN', complete['zh-CN'].acknowledgement, brands['zh-CN']).fellBackFrom,
    ).toBeUndefined();
  });

  it('refuses a type the registry does not have', () => {
    expect(() => zhOnly('care', 'zh-CN', complete['zh-CN'].care, brands['zh-CN'])).toThrow(
      /No template for message type care/,
    );
  });
});

describe('SMS', () => {
  it.each(customerTypes)(
    '%s in zh-CN fits in 2 UCS-2 segments with typical data, and reports its count',
    (type) => {
      const message = render(type, 'zh-CN');
      expect(message.smsSegments).toEqual(smsSegments(message.sms!));
      expect(message.smsSegments?.encoding).toBe('UCS-2');
      expect(message.smsSegments?.segments).toBeLessThanOrEqual(2);
    },
  );

  it.each(customerTypes)('%s in en stays in the GSM-7 alphabet', (type) => {
    expect(render(type, 'en').smsSegments?.encoding).toBe('GSM-7');
  });

  it('counts GSM-7 in septets: 160 in one message, 153 per part after that', () => {
    expect(smsSegments('')).toEqual({ segments: 0, encoding: 'GSM-7', length: 0 });
    expect(smsSegments('a'.repeat(160))).toEqual({ segments: 1, encoding: 'GSM-7', length: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ segments: 2, encoding: 'GSM-7', length: 161 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
    expect(smsSegments(`${'a'.repeat(159)}€`)).toEqual({ segments: 2, encoding: 'GSM-7', length: 161 });
    // An escape sequence never straddles two parts.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({
      segments: 3,
      encoding: 'GSM-7',
      length: 306,
    });
  });

  it('switches to UCS-2 for any character outside GSM-7: 70 in one message, 67 per part', () => {
    expect(smsSegments('中'.repeat(70))).toEqual({ segments: 1, encoding: 'UCS-2', length: 70 });
    expect(smsSegments('中'.repeat(71))).toEqual({ segments: 2, encoding: 'UCS-2', length: 71 });
    expect(smsSegments('中'.repeat(134)).segments).toBe(2);
    expect(smsSegments('中'.repeat(135)).segments).toBe(3);
    expect(smsSegments(`${'a'.repeat(100)}’`)).toEqual({ segments: 2, encoding: 'UCS-2', length: 101 });
    // A surrogate pair never straddles two parts.
    expect(smsSegments(`${'中'.repeat(66)}😀${'中'.repeat(66)}`)).toEqual({
      segments: 3,
      encoding: 'UCS-2',
      length: 134,
    });
  });

  it('property: segments never decrease as the text grows', () => {
    const unit = fc.constantFrom('a', ' ', '€', '{', '中', '😀', 'é', '’', '\n');
    const text = fc.string({ unit, maxLength: 400 });
    fc.assert(
      fc.property(text, text, (start, more) => {
        const before = smsSegments(start);
        const after = smsSegments(start + more);
        expect(after.segments).toBeGreaterThanOrEqual(before.segments);
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatInstant', () => {
  it('reads a Shanghai midnight deadline as 24:00 of the day before', () => {
    expect(formatInstant('2026-12-17T16:00:00.000Z', 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月17日 24:00');
    expect(formatInstant('2026-12-17T16:00:00.000Z', 'Asia/Shanghai', 'en')).toBe('17 December 2026, 24:00');
    expect(formatInstant('2026-12-31T16:00:00Z', 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月31日 24:00');
  });

  it('reads other instants as they are, to the minute', () => {
    expect(formatInstant('2026-12-17T01:30:00Z', 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月17日 09:30');
    expect(formatInstant('2026-12-17T16:00:01Z', 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月18日 00:00');
  });

  it('uses London time, GMT and BST', () => {
    expect(formatInstant('2026-12-18T00:00:00Z', 'Europe/London', 'en')).toBe('17 December 2026, 24:00');
    expect(formatInstant('2026-06-30T23:00:00Z', 'Europe/London', 'en')).toBe('30 June 2026, 24:00');
    expect(formatInstant('2026-07-01T00:00:00Z', 'Europe/London', 'en')).toBe('1 July 2026, 01:00');
  });

  it('uses Sydney time, AEDT and AEST', () => {
    expect(formatInstant('2026-12-17T13:00:00Z', 'Australia/Sydney', 'en')).toBe('17 December 2026, 24:00');
    expect(formatInstant('2026-06-30T14:00:00Z', 'Australia/Sydney', 'en')).toBe('30 June 2026, 24:00');
    expect(formatInstant('2026-06-30T14:00:00Z', 'Australia/Sydney', 'zh-CN')).toBe('2026年6月30日 24:00');
  });

  it('rejects what is not an instant', () => {
    expect(() => formatInstant('next Tuesday', 'Asia/Shanghai', 'en')).toThrow(RangeError);
  });
});
