/**
 * Unsubscribe links: a compact signed token naming the customer, the consent kind the link
 * withdraws and the campaign it came with, valid for a configurable number of days (60 by default,
 * so a link in last month's greeting still works). No AWS here: the caller brings the secret and
 * the time.
 *
 * Why not a JWT: the link goes into every care SMS, which is billed per 70-character segment
 * (UCS-2). A JWT with its header and claim names is ~280 characters, four more segments on every
 * message of a campaign; this token is ~60. It is an HMAC-SHA256 (node:crypto) over the fields,
 * bound to its purpose by a prefix so no other signature made with the key can pass for it, and
 * truncated to 128 bits (RFC 2104 allows truncation to half the output).
 *
 *   <customerId>.<m|s>.<campaignId>.<expiry, unix seconds base 36>.<signature, base64url>
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { type ConsentKind, consentKinds } from '#shared/contracts/customer-profile';

/** The query of `GET|POST /v1/unsubscribe?token=`: the link's token, verified by verifyUnsubscribe. */
export const UnsubscribeQuery = z.object({
  token: z.string().check(z.minLength(1, 'The link has no token.')),
});

export const UNSUBSCRIBE_PURPOSE = 'complaint-care/unsubscribe/v1';
export const DEFAULT_UNSUBSCRIBE_LINK_DAYS = 60;
const SIGNATURE_BYTES = 16;
const FIELD = /^[A-Za-z0-9_-]{1,64}$/;

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

const KIND_CODE: Record<ConsentKind, string> = { marketing: 'm', service: 's' };
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function signatureOf(signed: string, secret: string, purpose = UNSUBSCRIBE_PURPOSE): Buffer {
  return createHmac('sha256', secret).update(`${purpose}|${signed}`).digest().subarray(0, SIGNATURE_BYTES);
}

export async function signUnsubscribeToken(
  claims: UnsubscribeClaims,
  secret: string,
  now: Date,
  validDays = DEFAULT_UNSUBSCRIBE_LINK_DAYS,
): Promise<string> {
  const kind = KIND_CODE[claims.consent];
  if (!kind || !FIELD.test(claims.customerId) || !FIELD.test(claims.campaignId)) {
    throw new Error('cannot sign an unsubscribe token for these claims');
  }
  const expires = (seconds(now) + validDays * 86_400).toString(36);
  const signed = [claims.customerId, kind, claims.campaignId, expires].join('.');
  return `${signed}.${signatureOf(signed, secret).toString('base64url')}`;
}

export async function verifyUnsubscribeToken(
  token: string | undefined,
  secret: string,
  now: Date,
): Promise<UnsubscribeClaims> {
  if (!token) throw new InvalidUnsubscribeToken('missing');
  const parts = token.split('.');
  if (parts.length !== 5) throw new InvalidUnsubscribeToken('invalid');
  const [customerId, kind, campaignId, expires, signature] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  // compared as text: base64url's last character carries spare bits, so decoding would accept
  // several spellings of one signature
  const given = Buffer.from(signature);
  const expected = Buffer.from(signatureOf(parts.slice(0, 4).join('.'), secret).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new InvalidUnsubscribeToken('invalid');
  }
  const consent = consentKinds.find((k) => KIND_CODE[k] === kind);
  const expiresAt = Number.parseInt(expires, 36);
  if (!consent || !FIELD.test(customerId) || !FIELD.test(campaignId) || !Number.isFinite(expiresAt)) {
    throw new InvalidUnsubscribeToken('invalid');
  }
  if (seconds(now) >= expiresAt) throw new InvalidUnsubscribeToken('expired');
  return { customerId, consent, campaignId };
}
