/** Customer link tokens: what a valid link says, and every way a link is refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidCustomerLink, signCustomerLink, verifyCustomerLink } from './customer-link-token';

const secret = 'test-secret-of-enough-length-for-hmac';
const now = new Date('2026-12-06T01:00:00Z');
const reference = 'CMP-20261206-7K3M9Q';
const refusal = (why: string) => expect.objectContaining({ name: 'InvalidCustomerLink', why });
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('customer link tokens', () => {
  it('name the reference, in a token short enough for an SMS', () => {
    const token = signCustomerLink({ reference, purpose: 'status' }, secret, now);
    expect(verifyCustomerLink(token, 'status', secret, now)).toBe(reference);
    expect(token).toMatch(/^[\w.-]+$/);
    expect(token.length).toBeLessThanOrEqual(52);
  });

  it('are valid for 90 days by default, then expire; the validity is configurable', () => {
    const token = signCustomerLink({ reference, purpose: 'status' }, secret, now);
    expect(verifyCustomerLink(token, 'status', secret, days(89))).toBe(reference);
    expect(() => verifyCustomerLink(token, 'status', secret, days(90))).toThrow(refusal('expired'));
    const short = signCustomerLink({ reference, purpose: 'rating' }, secret, now, 1);
    expect(() => verifyCustomerLink(short, 'rating', secret, days(2))).toThrow(refusal('expired'));
  });

  it('serve only the purpose they were made for', () => {
    const status = signCustomerLink({ reference, purpose: 'status' }, secret, now);
    const rating = signCustomerLink({ reference, purpose: 'rating' }, secret, now);
    expect(() => verifyCustomerLink(status, 'rating', secret, now)).toThrow(refusal('wrong-purpose'));
    expect(() => verifyCustomerLink(rating, 'status', secret, now)).toThrow(refusal('wrong-purpose'));
  });

  it('refuse another key, and any change to a field or the signature', () => {
    const token = signCustomerLink({ reference, purpose: 'status' }, secret, now);
    expect(() => verifyCustomerLink(token, 'status', 'another-secret', now)).toThrow(refusal('invalid'));
    const [ref, code, expires, signature] = token.split('.') as [string, string, string, string];
    const forged = [
      [ref.replace('7K3M9Q', '7K3M9R'), code, expires, signature],
      [ref, 'r', expires, signature],
      [ref, code, (Number.parseInt(expires, 36) + 86_400).toString(36), signature],
      [ref, code, expires, `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`],
    ];
    for (const parts of forged) {
      expect(() => verifyCustomerLink(parts.join('.'), 'status', secret, now)).toThrow(InvalidCustomerLink);
    }
  });

  it('refuse any string that is not a token they signed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (garbage) => {
        expect(() => verifyCustomerLink(garbage, 'status', secret, now)).toThrow(InvalidCustomerLink);
      }),
    );
  });
});
