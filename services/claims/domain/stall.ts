/**
 * When a claim counts as stalled: no progress for CLAIM_STALL_BUSINESS_DAYS business days on the
 * CN calendar (holidays and make-up working days included). A claim that last moved on a given
 * day is stalled once the N-th business day after that day has ended without a new step.
 */
import type { BusinessCalendar } from '#shared/calendar/business-calendar';
import { type ClaimJourney, FINAL_CLAIM_STAGES } from './journey';

export const DEFAULT_STALL_BUSINESS_DAYS = 5;

/** The instant the claim is stalled if nothing happens first; undefined when nothing is pending. */
export function stallDueAt(
  claim: Pick<ClaimJourney, 'stage' | 'lastProgressAt'>,
  businessDays: number,
  calendar: BusinessCalendar,
): Date | undefined {
  if (FINAL_CLAIM_STAGES.includes(claim.stage)) return undefined;
  const progressDay = calendar.localDate(new Date(claim.lastProgressAt));
  return calendar.endOfDay(calendar.addBusinessDays(progressDay, businessDays).value);
}
