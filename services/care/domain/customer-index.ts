/**
 * The index keys date-driven campaigns find customers by, in one place, so the import, a
 * preferences change (a new time zone moves a customer between planner runs) and the planner
 * agree. Every sort key starts with the customer's time zone: the planner runs at 09:00 in each
 * zone and reads only that zone's slice of a day's partition, about one item per customer it
 * targets, never a table scan.
 *
 *   profile  gsi1  BDAY#<MM-DD>            <tz>#<customerId>
 *   profile  gsi4  LASTCONTACT#<YYYY-MM-DD> <tz>#<customerId>       (local date of last contact)
 *   profile  gsi5  ROSTER#<tz>             <birthDate|9999-12-31>#<customerId>  (festivals; 60+ by range)
 *   policy   gsi2  DUE#<YYYY-MM-DD>        <tz>#<customerId>#<policyNumber>     (in-force only)
 *   policy   gsi3  ANNIV#<MM-DD>           <tz>#<customerId>#<policyNumber>
 */

import type * as z from 'zod/mini';
import { localDateIn } from '../../../shared/calendar/zoned-time';
import type { ImportedPolicy } from '../../../shared/contracts/customer-import';

/** Where the time zones that have customers are listed (the planner's hourly "who is at 09:00?"). */
export const timeZonesKey = { pk: 'TIMEZONES', sk: 'SET' } as const;

/** Customers without a birth date sort after everyone in the roster, so age ranges skip them. */
export const NO_BIRTH_DATE = '9999-12-31';

export const monthDay = (isoDate: string) => isoDate.slice(5, 10);

export interface IndexedProfile {
  readonly customerId: string;
  readonly timeZone: string;
  readonly birthDate?: string;
  readonly lastContactAt?: string;
}

export function profileIndexKeys(p: IndexedProfile): Record<string, string> {
  return {
    ...(p.birthDate
      ? { gsi1pk: `BDAY#${monthDay(p.birthDate)}`, gsi1sk: `${p.timeZone}#${p.customerId}` }
      : {}),
    ...(p.lastContactAt
      ? {
          gsi4pk: `LASTCONTACT#${localDateIn(new Date(p.lastContactAt), p.timeZone)}`,
          gsi4sk: `${p.timeZone}#${p.customerId}`,
        }
      : {}),
    gsi5pk: `ROSTER#${p.timeZone}`,
    gsi5sk: `${p.birthDate ?? NO_BIRTH_DATE}#${p.customerId}`,
  };
}

export function policyIndexKeys(
  customerId: string,
  timeZone: string,
  policy: z.infer<typeof ImportedPolicy>,
): Record<string, string> {
  const sk = `${timeZone}#${customerId}#${policy.policyNumber}`;
  return {
    gsi3pk: `ANNIV#${monthDay(policy.startDate)}`,
    gsi3sk: sk,
    ...(policy.premiumDueDate && policy.status === 'in-force'
      ? { gsi2pk: `DUE#${policy.premiumDueDate}`, gsi2sk: sk }
      : {}),
  };
}
