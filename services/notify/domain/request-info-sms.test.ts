/**
 * The request-info SMS offers a phone number only when the deployment has one (`SERVICE_PHONE` is
 * optional): with none, it never says "call us on" followed by nothing, in either language, with or
 * without a reply link.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { languages } from '#shared/contracts/vocabulary';
import { renderMessage } from './render';

const brandDetails = fc.record(
  {
    servicePhone: fc.constantFrom('95500', '1300 555 010'),
    serviceEmail: fc.constantFrom('care@example.com'),
  },
  { requiredKeys: [] },
);

describe('request-info SMS', () => {
  it('offers a call only with the number, and never leaves a blank where it would go', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...languages),
        fc.option(fc.constantFrom('https://c.example/r/7K3M9Q'), { nil: undefined }),
        brandDetails,
        (language, replyUrl, brand) => {
          const { sms } = renderMessage(
            'request-info',
            language,
            { name: 'Li Si', reference: 'CC-20261201-0001', message: 'a copy of the repair quote', replyUrl },
            { brandName: 'Complaint & Care', timeZone: 'Asia/Shanghai', ...brand },
          );
          expect(sms).toBeDefined();
          const offersCall = /call|致电/i.test(sms!);
          expect(offersCall).toBe(brand.servicePhone !== undefined);
          if (brand.servicePhone) expect(sms).toContain(brand.servicePhone);
          if (replyUrl) expect(sms).toContain(replyUrl);
          // nothing where a value was left out: no "on ." nor "致电回复"
          expect(sms).not.toMatch(/\s[.。]|\s{2}|致电回复|or\s*\./);
        },
      ),
    );
  });
});
