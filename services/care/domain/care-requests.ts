/**
 * Path and query parameters of the admins' customer and campaign routes, apart from the handlers so
 * the API document (infra/openapi) describes them from the same schemas the handlers validate with.
 */
import * as z from 'zod/mini';
import { isLocalDate } from '#shared/calendar/local-date';
import { TimeZone } from '#shared/contracts/customer-import';

export const CustomerPath = z.object({
  customerId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, _ or -')),
});

export const CampaignPath = z.strictObject({
  campaignId: z
    .string()
    .check(z.regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'Must be a campaign id such as birthday')),
});

export const CampaignPreviewQuery = z.strictObject({
  date: z.string().check(z.refine(isLocalDate, 'Must be a calendar date (YYYY-MM-DD)')),
  timeZone: z.optional(TimeZone),
});
