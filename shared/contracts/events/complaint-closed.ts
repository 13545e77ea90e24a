/** `complaint.closed`: the case is closed. */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { complaintFields, instant } from './fields';

export const ComplaintClosed = defineEvent(
  'complaint.closed',
  1,
  z.looseObject({ ...complaintFields, closedAt: instant() }),
);
