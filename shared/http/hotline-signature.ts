/**
 * Verifies requests signed by the insurer's systems: the call-centre (CTI) system and the core
 * claim and policy systems, each with its own secret. `X-Signature: t=<unix seconds>,v1=<hex>`,
 * where v1 is HMAC-SHA256 of `"<t>.<raw body>"` under the shared secret. Constant-time comparison
 * and a five-minute window against replays. Secrets come from Secrets Manager on AWS and from
 * HOTLINE_SECRET / CORE_EVENTS_SECRET locally.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type SecretName, secretSources, secretValue } from '../aws/secrets';
import { clock } from '../clock';
import { Unauthenticated } from './errors';

/** The documented local default, used only when neither a secret ARN nor HOTLINE_SECRET is set. */
export const LOCAL_HOTLINE_SECRET = secretSources['hotline-signing'].localDefault;
/** The documented local default of the core systems' secret (CORE_EVENTS_SECRET unset). */
export const LOCAL_CORE_EVENTS_SECRET = secretSources['core-events-signing'].localDefault;
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signHotlineBody(secret: string, unixSeconds: number, rawBody: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export function parseSignatureHeader(header: string | undefined): { t: number; v1: string[] } | undefined {
  if (!header) return undefined;
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (!key || value === undefined || rest.length > 0) return undefined;
    if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) v1.push(value.toLowerCase());
  }
  return t === undefined || v1.length === 0 ? undefined : { t, v1 };
}

export function verifyHotlineRequest(header: string | undefined, rawBody: string): Promise<void> {
  return verifySignedRequest('hotline-signing', header, rawBody);
}

export async function verifySignedRequest(
  secret: SecretName,
  header: string | undefined,
  rawBody: string,
): Promise<void> {
  const parsed = parseSignatureHeader(header);
  if (!parsed) throw new Unauthenticated('X-Signature is missing or malformed.');
  const nowSeconds = Math.floor(clock.now().getTime() / 1000);
  if (Math.abs(nowSeconds - parsed.t) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new Unauthenticated('X-Signature timestamp is outside the allowed window.');
  }
  const expected = Buffer.from(
    signHotlineBody(await secretValue(secret), parsed.t, rawBody).split('v1=')[1]!,
    'hex',
  );
  // Several v1 values are allowed so the caller can sign with old and new secret during rotation.
  const valid = parsed.v1.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
  if (!valid) throw new Unauthenticated('X-Signature does not match the body.');
}
