/** Unsubscribe tokens: what a valid link says, and every way a link is refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InvalidUnsubscribeToken,
  signatureOf,
  signUnsubscribeToken,
  verifyUnsubscribeToken,
} from './unsubscribe-token';

const secret = 'test-secret-of-enough-length-for-hmac';
const now = new Date('2026-03-02T01:00:00Z');
const claims = { customerId: 'C0001', consent: 'marketing', campaignId: 'birthday' } as const;
const refusal = (why: string) => expect.objectContaining({ name: 'InvalidUnsubscribeToken', why });

describe('unsubscribe tokens', () => {
  it('round-trips customer, consent kind and campaign, in a link short enough for an SMS', async () => {
    const token = await signUnsubscribeToken(claims, secret, now);
    await expect(verifyUnsubscribeToken(token, secret, now)).resolves.toEqual(claims);
    expect(token).toMatch(/^[\w.-]+$/);
    expect(token.length).toBeLessThan(60);
  });

  it('is valid for 60 days by default, then expires; the validity is configurable', async () => {
    const token = await signUnsubscribeToken(claims, secret, now);
    await expect(
      verifyUnsubscribeToken(token, secret, new Date(now.getTime() + 59 * 86_400_000)),
    ).resolves.toEqual(claims);
    await expect(
      verifyUnsubscribeToken(token, secret, new Date(now.getTime() + 61 * 86_400_000)),
    ).rejects.toEqual(refusal('expired'));
    const short = await signUnsubscribeToken(claims, secret, now, 1);
    await expect(
      verifyUnsubscribeToken(short, secret, new Date(now.getTime() + 2 * 86_400_000)),
    ).rejects.toEqual(refusal('expired'));
  });

  it('refuses a tampered token, another key, another purpose, no token and garbage', async () => {
    const token = await signUnsubscribeToken(claims, secret, now);
    const [, kind, campaign, expires, signature] = token.split('.');
    await expect(
      verifyUnsubscribeToken(['C0002', kind, campaign, expires, signature].join('.'), secret, now),
    ).rejects.toEqual(refusal('invalid'));
    const later = (Number.parseInt(expires!, 36) + 86_400 * 365).toString(36);
    await expect(
      verifyUnsubscribeToken(['C0001', kind, campaign, later, signature].join('.'), secret, now),
    ).rejects.toEqual(refusal('invalid'));
    await expect(verifyUnsubscribeToken(token, 'another-secret', now)).rejects.toEqual(refusal('invalid'));
    // the same fields signed with the same key for another purpose do not pass
    const signed = token.split('.').slice(0, 4).join('.');
    const foreign = `${signed}.${signatureOf(signed, secret, 'complaint-care/password-reset/v1').toString('base64url')}`;
    await expect(verifyUnsubscribeToken(foreign, secret, now)).rejects.toEqual(refusal('invalid'));
    await expect(verifyUnsubscribeToken(undefined, secret, now)).rejects.toBeInstanceOf(
      InvalidUnsubscribeToken,
    );
    await expect(verifyUnsubscribeToken('not-a-token', secret, now)).rejects.toEqual(refusal('invalid'));
  });

  it('refuses every change to any character of a valid token, spare bits of the signature too', async () => {
    const token = await signUnsubscribeToken(claims, secret, now);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.nat({ max: token.length - 1 }), fc.constant(token.length - 1)),
        fc.constantFrom(...'abcXYZ019_-.'),
        async (at, replacement) => {
          fc.pre(token[at] !== replacement);
          const changed = token.slice(0, at) + replacement + token.slice(at + 1);
          await expect(verifyUnsubscribeToken(changed, secret, now)).rejects.toBeInstanceOf(
            InvalidUnsubscribeToken,
          );
        },
      ),
    );
  });

  it('refuses to sign claims it could not read back', async () => {
    await expect(
      signUnsubscribeToken({ ...claims, consent: 'everything' as never }, secret, now),
    ).rejects.toThrow();
    await expect(signUnsubscribeToken({ ...claims, customerId: 'C.0001' }, secret, now)).rejects.toThrow();
  });
});
