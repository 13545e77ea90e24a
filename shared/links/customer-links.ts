/**
 * The customer's signed links as the functions use them: signed with the customer link secret
 * (Secrets Manager on AWS, `CUSTOMER_LINK_SECRET` locally), pointing at the site's pages
 * (`PUBLIC_SITE_URL`), valid for `CUSTOMER_LINK_DAYS` (90 by default).
 */
import { secretValue } from '#shared/aws/secrets';
import { clock } from '#shared/clock';
import { setting, settings } from '#shared/config/settings';
import {
  type CustomerLinkPurpose,
  DEFAULT_CUSTOMER_LINK_DAYS,
  signCustomerLink,
  verifyCustomerLink,
} from './customer-link-token';

/** The page each kind of link opens. */
const PAGES: Record<CustomerLinkPurpose, string> = {
  status: '/status',
  rating: '/rate',
  nps: '/v1/nps',
  rsvp: '/rsvp',
};
/** The NPS survey answers its own small page from the API, like unsubscribe links. */
const ORIGIN: Record<CustomerLinkPurpose, 'PUBLIC_SITE_URL' | 'PUBLIC_API_URL'> = {
  status: 'PUBLIC_SITE_URL',
  rating: 'PUBLIC_SITE_URL',
  nps: 'PUBLIC_API_URL',
  rsvp: 'PUBLIC_SITE_URL',
};

export async function customerLinkUrl(reference: string, purpose: CustomerLinkPurpose): Promise<string> {
  const token = signCustomerLink(
    { reference, purpose },
    await secretValue('customer-link-signing'),
    clock.now(),
    settings().CUSTOMER_LINK_DAYS ?? DEFAULT_CUSTOMER_LINK_DAYS,
  );
  const site = setting(ORIGIN[purpose]).replace(/\/+$/, '');
  return `${site}${PAGES[purpose]}?t=${token}`;
}

/** The reference a link names; throws InvalidCustomerLink when it is forged, expired or foreign. */
export async function referenceOfLink(token: string, purpose: CustomerLinkPurpose): Promise<string> {
  return verifyCustomerLink(token, purpose, await secretValue('customer-link-signing'), clock.now());
}
