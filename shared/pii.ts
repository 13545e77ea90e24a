/**
 * Keyed hashes of personal data: lets us find "the same phone number" or check a contact without
 * keeping the value in a key or a log. HMAC-SHA256 under the PII hash key (Secrets Manager on AWS).
 */
import { createHmac } from 'node:crypto';
import { secretValue } from './aws/secrets';

export type PiiKind = 'phone' | 'email' | 'id-number';

/** The one spelling of each value that is hashed, so "139 0013 9000" and "+8613900139000" agree. */
export function normalizePii(kind: PiiKind, value: string): string {
  const trimmed = value.trim();
  if (kind === 'email') return trimmed.toLowerCase();
  if (kind === 'id-number') return trimmed.toUpperCase();
  const digits = trimmed.replace(/[\s-]/g, '');
  return /^1[3-9]\d{9}$/.test(digits) ? `+86${digits}` : digits;
}

export async function keyedHash(kind: PiiKind, value: string): Promise<string> {
  const key = await secretValue('pii-hash-key');
  return createHmac('sha256', key)
    .update(`${kind}:${normalizePii(kind, value)}`)
    .digest('base64url');
}
