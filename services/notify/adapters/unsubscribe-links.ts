/**
 * Unsubscribe links of care messages: signed with the unsubscribe secret (Secrets Manager on AWS,
 * `UNSUBSCRIBE_SECRET` locally), pointing at the public API (`PUBLIC_API_URL`).
 */
import { secretValue } from '#shared/aws/secrets';
import { clock } from '#shared/clock';
import { setting, settings } from '#shared/config/settings';
import {
  DEFAULT_UNSUBSCRIBE_LINK_DAYS,
  signUnsubscribeToken,
  type UnsubscribeClaims,
  verifyUnsubscribeToken,
} from '../domain/unsubscribe-token';

const validDays = () => settings().UNSUBSCRIBE_LINK_DAYS ?? DEFAULT_UNSUBSCRIBE_LINK_DAYS;

export function unsubscribePath(token: string): string {
  return `/v1/unsubscribe?token=${encodeURIComponent(token)}`;
}

export async function unsubscribeUrl(claims: UnsubscribeClaims): Promise<string> {
  const token = await signUnsubscribeToken(
    claims,
    await secretValue('unsubscribe-signing'),
    clock.now(),
    validDays(),
  );
  const base = setting('PUBLIC_API_URL').replace(/\/+$/, '');
  return `${base}${unsubscribePath(token)}`;
}

export async function verifyUnsubscribe(token: string | undefined): Promise<UnsubscribeClaims> {
  return verifyUnsubscribeToken(token, await secretValue('unsubscribe-signing'), clock.now());
}
