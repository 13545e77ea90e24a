import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replyText } from './reply-text';

describe("the customer's words in an emailed reply", () => {
  it('drop the history Gmail, Outlook and Chinese clients append, and the signature', () => {
    expect(
      replyText(
        'Here is the hospital report.\r\nThanks,\r\nLi\r\n\r\nOn Mon, 7 Dec 2026 at 09:00, Complaint & Care <reply+x@r.example> wrote:\r\n> Please send the report.\r\n> Reference CMP-1\r\n',
      ),
    ).toBe('Here is the hospital report.\nThanks,\nLi');
    expect(
      replyText(
        '附件是诊断证明。\n\n在 2026年12月7日 09:00，Complaint & Care <reply+x@r.example> 写道：\n> 请提供材料',
      ),
    ).toBe('附件是诊断证明。');
    expect(
      replyText('See attached.\n\n-----Original Message-----\nFrom: Complaint & Care\nSubject: CMP-1'),
    ).toBe('See attached.');
    expect(replyText('材料见附件\n\n发件人: Complaint & Care\n发送时间: 2026年12月7日')).toBe('材料见附件');
    expect(replyText('Done.\n-- \nLi Si\n+86 139 0013 9000')).toBe('Done.');
    expect(replyText('Done.\n\nSent from my iPhone')).toBe('Done.');
    expect(replyText('> only the quote\n> nothing new')).toBe('');
  });

  it('keep interleaved answers and drop the quoted lines between them', () => {
    expect(replyText('> When did it happen?\nOn 1 December.\n> Which hospital?\nRuijin.')).toBe(
      'On 1 December.\nRuijin.',
    );
  });

  it('keep whatever the customer wrote above any appended history', () => {
    const line = fc
      .string({ minLength: 1, maxLength: 60 })
      .map((s) => s.replace(/[\r\n]/g, ' ').trim())
      .filter(
        (s) =>
          s.length > 0 &&
          !s.startsWith('>') &&
          !/写道[:：]$/.test(s) &&
          !/^(On\b.*wrote:|--\s?$|_{10,}|-{2,}|From\s*[:：]|发件人\s*[:：]|Sent from my |发自我的)/i.test(s),
      );
    const history = fc.constantFrom(
      'On Mon, 7 Dec 2026 at 09:00, Complaint & Care <reply+abc@r.example> wrote:',
      '在 2026年12月7日 09:00，Complaint & Care 写道：',
      '-----Original Message-----',
      '________________________________',
      'From: Complaint & Care <complaints@example.com>',
    );
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        history,
        fc.array(line),
        (own, start, quoted) => {
          const body = [...own, '', start, ...quoted.map((q) => `> ${q}`)].join('\r\n');
          expect(replyText(body)).toBe(
            own
              .join('\n')
              .replace(/\n{3,}/g, '\n\n')
              .trim(),
          );
        },
      ),
    );
  });
});
