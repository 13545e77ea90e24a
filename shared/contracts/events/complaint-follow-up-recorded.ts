/** `complaint.follow-up-recorded`: the customer's satisfaction at the follow-up (回访). */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { complaintFields } from './fields';

export const ComplaintFollowUpRecorded = defineEvent(
  'complaint.follow-up-recorded',
  1,
  z.looseObject({
    ...complaintFields,
    satisfaction: z.number().check(z.int(), z.minimum(1), z.maximum(5)),
  }),
);
