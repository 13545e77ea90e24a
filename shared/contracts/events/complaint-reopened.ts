/** `complaint.reopened`: a resolved or closed case is worked again. */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { complaintFields } from './fields';

export const ComplaintReopened = defineEvent(
  'complaint.reopened',
  1,
  z.looseObject({ ...complaintFields, reason: z.string() }),
);
