/**
 * Unsubscribe links of care messages: signed with the unsubscribe secret (Secrets Manager on AWS,
 * `UNSUBSCRIBE_SECRET` locally), pointing at the public API (`PUBLIC_API_URL`).
 */
import { secretValue } from '../../../shared/aws/secrets';
import { clock } from '../../../shared/clock';
import {
  DEFAULT_UNSUBSCRIBE_LINK_DAYS,
  signUnsubscribeToken,
  type UnsubscribeClaims,
  verifyUnsubscribeToken,
} from '../domain/unsubscribe-token';

const validDays = () => {
  const days = Number(process.env.UNSUBSCRIBE_LINK_DAYS);
  return Number.isFinite(days) && days > 0 ? days : DEFAULT_UNSUBSCRIBE_LINK_DAYS;
};

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
  const base = (process.env.PUBLIC_API_URL || 'http://localhost:3000').replace(/\/+$/, '');
  return `${base}${unsubscribePath(token)}`;
}

export async function verifyUnsubscribe(token: string | undefined): Promise<UnsubscribeClaims> {
  return verifyUnsubscribeToken(token, await secretValue('unsubscribe-signing'), clock.now());
}
