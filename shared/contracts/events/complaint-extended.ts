/** `complaint.extended`: an agent extended the resolve clock; the SLA service applies it (added after v1, additive). */
import * as z from 'zod/mini';
import { roles } from '../roles';
import { defineEvent } from './define';
import { complaintFields, instant } from './fields';

export const ComplaintExtended = defineEvent(
  'complaint.extended',
  1,
  z.looseObject({
    ...complaintFields,
    /** The resolve period in days after the extension. */
    totalDays: z.number().check(z.int(), z.positive()),
    role: z.enum(roles),
    reason: z.string(),
    dueAt: instant(),
    /** Whether the customer must be told (a delay notice). */
    customerNotice: z.boolean(),
  }),
);
