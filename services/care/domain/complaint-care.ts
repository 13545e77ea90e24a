/**
 * What the care service keeps about a customer's complaints: which are still open (marketing-type
 * care waits while one is), and the satisfaction follow-up (回访) due three days after a
 * resolution. Decisions are taken from the complaint's CURRENT state, never from the event alone,
 * so events arriving late, twice or out of order lead to the same records.
 */
import { addDays } from '#shared/calendar/local-date';
import { localDateIn } from '#shared/calendar/zoned-time';
import type { ComplaintStatus } from '#shared/contracts/vocabulary';
import { followUpKey } from '#shared/tables/campaigns';

/** Days after the resolution the post-complaint satisfaction survey is due. */
export const FOLLOW_UP_AFTER_DAYS = 3;

export const isOpen = (status: ComplaintStatus) => status !== 'resolved' && status !== 'closed';

export interface FollowUpDue {
  readonly pk: string;
  readonly sk: string;
  readonly kind: 'follow-up';
  readonly dueDate: string;
  readonly timeZone: string;
  readonly complaintId: string;
  readonly reference: string;
  readonly customerId: string;
  readonly resolvedAt: string;
}

/**
 * The planner reads a day's follow-up partition (`followUpPartition`) per time zone at 09:00 local
 * time, so
 * the date is the resolution's local date in the customer's zone plus three days.
 */
export function followUpDue(input: {
  complaintId: string;
  reference: string;
  customerId: string;
  timeZone: string;
  resolvedAt: string;
}): FollowUpDue {
  const dueDate = addDays(localDateIn(new Date(input.resolvedAt), input.timeZone), FOLLOW_UP_AFTER_DAYS);
  return {
    ...followUpKey(dueDate, input.timeZone, input.customerId, input.complaintId),
    kind: 'follow-up',
    dueDate,
    ...input,
  };
}
