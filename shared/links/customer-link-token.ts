/**
 * Signed links a customer follows from a message about their complaint: the status page
 * (`/status?t=`) and the satisfaction rating page (`/rate?t=`). The token names the complaint's
 * reference, what the link is for and when it expires; the link is the credential, so a status link
 * never rates and a rating link never shows the status. No AWS here: the caller brings the secret
 * and the time.
 *
 * Short for the same reason as the unsubscribe token (services/notify/domain/unsubscribe-token.ts):
 * it goes into SMS, billed per 70-character segment. An HMAC-SHA256 over the fields, bound to its
 * purpose by a prefix no other signature made with the key carries, truncated to 128 bits.
 *
 *   <reference>.<s|r>.<expiry, unix seconds base 36>.<signature, base64url>
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** `nps`: the NPS survey (reference = the ask); `rsvp`: an event invitation (reference = the invitation). */
export const customerLinkPurposes = ['status', 'rating', 'nps', 'rsvp'] as const;
export type CustomerLinkPurpose = (typeof customerLinkPurposes)[number];

export const CUSTOMER_LINK_PREFIX = 'complaint-care/customer-link/v1';
/** A complaint runs 60 days at most before its decision, and a link should outlive it. */
export const DEFAULT_CUSTOMER_LINK_DAYS = 90;
const SIGNATURE_BYTES = 16;
const REFERENCE = /^[A-Za-z0-9-]{1,40}$/;
const PURPOSE_CODE: Record<CustomerLinkPurpose, string> = { status: 's', rating: 'r', nps: 'n', rsvp: 'v' };

export interface CustomerLinkClaims {
  readonly reference: string;
  readonly purpose: CustomerLinkPurpose;
}

/** Why a link was refused; the customer is told no more than "invalid or expired". */
export class InvalidCustomerLink extends Error {
  constructor(readonly why: 'invalid' | 'expired' | 'wrong-purpose') {
    super(`customer link ${why}`);
    this.name = 'InvalidCustomerLink';
  }
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

function signatureOf(signed: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(`${CUSTOMER_LINK_PREFIX}|${signed}`)
    .digest()
    .subarray(0, SIGNATURE_BYTES)
    .toString('base64url');
}

export function signCustomerLink(
  claims: CustomerLinkClaims,
  secret: string,
  now: Date,
  validDays = DEFAULT_CUSTOMER_LINK_DAYS,
): string {
  if (!REFERENCE.test(claims.reference)) throw new Error('cannot sign a customer link for this reference');
  const expires = (seconds(now) + validDays * 86_400).toString(36);
  const signed = [claims.reference, PURPOSE_CODE[claims.purpose], expires].join('.');
  return `${signed}.${signatureOf(signed, secret)}`;
}

/** The reference a token names, when it is genuine, unexpired and made for `purpose`. */
export function verifyCustomerLink(
  token: string,
  purpose: CustomerLinkPurpose,
  secret: string,
  now: Date,
): string {
  const parts = token.split('.');
  if (parts.length !== 4) throw new InvalidCustomerLink('invalid');
  const [reference, code, expires, signature] = parts as [string, string, string, string];
  // compared as text: base64url's last character carries spare bits, so decoding would accept
  // several spellings of one signature
  const given = Buffer.from(signature);
  const expected = Buffer.from(signatureOf(parts.slice(0, 3).join('.'), secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new InvalidCustomerLink('invalid');
  }
  const expiresAt = Number.parseInt(expires, 36);
  if (!REFERENCE.test(reference) || !Number.isFinite(expiresAt)) throw new InvalidCustomerLink('invalid');
  if (code !== PURPOSE_CODE[purpose]) throw new InvalidCustomerLink('wrong-purpose');
  if (seconds(now) >= expiresAt) throw new InvalidCustomerLink('expired');
  return reference;
}
