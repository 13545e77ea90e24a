/** `complaint.assigned`: a case got (or changed) its assignee. */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { complaintFields, id } from './fields';

export const ComplaintAssigned = defineEvent(
  'complaint.assigned',
  1,
  z.looseObject({
    ...complaintFields,
    assignee: id(),
    previousAssignee: z.optional(id()),
    team: z.optional(z.string()),
  }),
);
