/**
 * Reply addresses: every message about a complaint goes out with `Reply-To:
 * reply+<token>@<reply domain>`, and the token tells the inbound handler which complaint a reply
 * belongs to. The token is signed (HMAC-SHA256 with the reply secret), bound to its purpose by a
 * prefix so no other signature made with any key can pass for it, and expires. No AWS here: the
 * caller brings the secret and the time.
 *
 *   <complaintId>.<expiry, unix seconds base 36>.<signature, 80 bits base 32>
 *
 * Lower case throughout: mail systems may change the case of an address's local part (RFC 5321
 * says they should not), so the token survives it; a ULID complaint id is case-insensitive. The
 * local part stays within RFC 5321's 64 characters. An 80-bit signature is plenty where every
 * guess costs an email.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const REPLY_PURPOSE = 'complaint-care/reply/v1';
/** Long enough for a reply to the decision letter weeks later; a complaint's clock runs 60 days at most. */
export const REPLY_ADDRESS_DAYS = 120;
const LOCAL_PREFIX = 'reply+';
const SIGNATURE_BYTES = 10;
const COMPLAINT_ID = /^[0-9a-z]{10,40}$/;
const EXPIRY = /^[0-9a-z]{1,10}$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export class InvalidReplyToken extends Error {
  constructor(readonly why: 'missing' | 'expired' | 'invalid') {
    super(`reply token ${why}`);
    this.name = 'InvalidReplyToken';
  }
}

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function signatureOf(signed: string, secret: string): string {
  return base32(
    createHmac('sha256', secret).update(`${REPLY_PURPOSE}|${signed}`).digest().subarray(0, SIGNATURE_BYTES),
  );
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function signReplyToken(
  complaintId: string,
  secret: string,
  now: Date,
  validDays = REPLY_ADDRESS_DAYS,
) {
  const id = complaintId.toLowerCase();
  if (!COMPLAINT_ID.test(id)) throw new Error('cannot sign a reply token for this complaint id');
  const signed = `${id}.${(seconds(now) + validDays * 86_400).toString(36)}`;
  return `${signed}.${signatureOf(signed, secret)}`;
}

/** The complaint a token names (upper case, as ids are stored), or InvalidReplyToken. */
export function verifyReplyToken(token: string | undefined, secret: string, now: Date): string {
  if (!token) throw new InvalidReplyToken('missing');
  const parts = token.toLowerCase().split('.');
  if (parts.length !== 3) throw new InvalidReplyToken('invalid');
  const [id, expires, signature] = parts as [string, string, string];
  if (!COMPLAINT_ID.test(id) || !EXPIRY.test(expires)) throw new InvalidReplyToken('invalid');
  const given = Buffer.from(signature);
  const expected = Buffer.from(signatureOf(`${id}.${expires}`, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InvalidReplyToken('invalid');
  if (seconds(now) >= Number.parseInt(expires, 36)) throw new InvalidReplyToken('expired');
  return id.toUpperCase();
}

export function replyAddress(token: string, domain: string): string {
  return `${LOCAL_PREFIX}${token}@${domain}`;
}

/**
 * The token of the first reply address among `recipients` (To, Cc, and the envelope's), if any:
 * `reply+<token>@<domain>`, the domain compared without case.
 */
export function replyTokenIn(recipients: readonly string[], domain: string): string | undefined {
  const suffix = `@${domain.toLowerCase()}`;
  for (const recipient of recipients) {
    const address = recipient.trim().toLowerCase();
    if (address.startsWith(LOCAL_PREFIX) && address.endsWith(suffix))
      return address.slice(LOCAL_PREFIX.length, -suffix.length);
  }
  return undefined;
}
