/** Unsubscribe tokens: what a valid link says, and every way a link is refused. */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { InvalidUnsubscribeToken, signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const secret = 'test-secret-of-enough-length-for-hs256';
const now = new Date('2026-03-02T01:00:00Z');
const claims = { customerId: 'C0001', consent: 'marketing', campaignId: 'birthday' } as const;
const refusal = (why: string) => expect.objectContaining({ name: 'InvalidUnsubscribeToken', why });

describe('unsubscribe tokens', () => {
  it('round-trips customer, consent kind and campaign', async () => {
    const token = await signUnsubscribeToken(claims, secret, now);
    await expect(verifyUnsubscribeToken(token, secret, now)).resolves.toEqual(claims);
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

  it('refuses a tampered token, another key, another audience, no token and garbage', async () => {
    const token = await signUnsubscribeToken(claims, secret, now);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'C0002' }),
    ).toString('base64url');
    await expect(verifyUnsubscribeToken(`${header}.${forged}.${signature}`, secret, now)).rejects.toEqual(
      refusal('invalid'),
    );
    await expect(verifyUnsubscribeToken(token, 'another-secret', now)).rejects.toEqual(refusal('invalid'));
    const otherAudience = await new SignJWT({ consent: 'marketing', campaignId: 'birthday' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('C0001')
      .setAudience('password-reset')
      .setIssuer('complaint-care')
      .setExpirationTime(Math.floor(now.getTime() / 1000) + 3600)
      .sign(new TextEncoder().encode(secret));
    await expect(verifyUnsubscribeToken(otherAudience, secret, now)).rejects.toEqual(refusal('invalid'));
    await expect(verifyUnsubscribeToken(undefined, secret, now)).rejects.toBeInstanceOf(
      InvalidUnsubscribeToken,
    );
    await expect(verifyUnsubscribeToken('not-a-jwt', secret, now)).rejects.toEqual(refusal('invalid'));
  });

  it('refuses a signed token whose consent kind is not one we know', async () => {
    const odd = await signUnsubscribeToken({ ...claims, consent: 'everything' as never }, secret, now);
    await expect(verifyUnsubscribeToken(odd, secret, now)).rejects.toEqual(refusal('invalid'));
  });
});
