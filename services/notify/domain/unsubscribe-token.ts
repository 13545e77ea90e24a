/**
 * Unsubscribe links: an HS256 JWT for the audience `unsubscribe` naming the customer, the consent
 * kind the link withdraws and the campaign it came with, valid for a configurable number of days
 * (60 by default, so a link in last month's greeting still works). No AWS here: the caller brings
 * the secret and the time.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { type ConsentKind, consentKinds } from '../../../shared/contracts/customer-profile';

export const UNSUBSCRIBE_AUDIENCE = 'unsubscribe';
export const UNSUBSCRIBE_ISSUER = 'complaint-care';
export const DEFAULT_UNSUBSCRIBE_LINK_DAYS = 60;

export interface UnsubscribeClaims {
  readonly customerId: string;
  readonly consent: ConsentKind;
  readonly campaignId: string;
}

/** Why a token was refused; the page tells the customer no more than "invalid or expired". */
export class InvalidUnsubscribeToken extends Error {
  constructor(readonly why: 'missing' | 'expired' | 'invalid') {
    super(`unsubscribe token ${why}`);
    this.name = 'InvalidUnsubscribeToken';
  }
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function signUnsubscribeToken(
  claims: UnsubscribeClaims,
  secret: string,
  now: Date,
  validDays = DEFAULT_UNSUBSCRIBE_LINK_DAYS,
): Promise<string> {
  return new SignJWT({ consent: claims.consent, campaignId: claims.campaignId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.customerId)
    .setAudience(UNSUBSCRIBE_AUDIENCE)
    .setIssuer(UNSUBSCRIBE_ISSUER)
    .setIssuedAt(seconds(now))
    .setExpirationTime(seconds(now) + validDays * 86_400)
    .sign(keyOf(secret));
}

export async function verifyUnsubscribeToken(
  token: string | undefined,
  secret: string,
  now: Date,
): Promise<UnsubscribeClaims> {
  if (!token) throw new InvalidUnsubscribeToken('missing');
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      audience: UNSUBSCRIBE_AUDIENCE,
      issuer: UNSUBSCRIBE_ISSUER,
      currentDate: now,
      requiredClaims: ['sub', 'exp'],
    });
    const consent = payload.consent as ConsentKind;
    if (
      typeof payload.sub !== 'string' ||
      !consentKinds.includes(consent) ||
      typeof payload.campaignId !== 'string'
    ) {
      throw new InvalidUnsubscribeToken('invalid');
    }
    return { customerId: payload.sub, consent, campaignId: payload.campaignId };
  } catch (error) {
    if (error instanceof InvalidUnsubscribeToken) throw error;
    if (error instanceof errors.JWTExpired) throw new InvalidUnsubscribeToken('expired');
    throw new InvalidUnsubscribeToken('invalid');
  }
}
