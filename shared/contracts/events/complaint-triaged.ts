/** `complaint.triaged`: triage decided category, priority and team, with its reasons. */
import * as z from 'zod/mini';
import { categories, priorities, teams } from '../vocabulary';
import { defineEvent } from './define';
import { complaintFields, id, instant } from './fields';

export const ComplaintTriaged = defineEvent(
  'complaint.triaged',
  1,
  z.looseObject({
    ...complaintFields,
    category: z.enum(categories),
    priority: z.enum(priorities),
    team: z.enum(teams),
    signals: z.array(z.string()),
    /** The SLA service shortens the resolve clock where the regime has a hardship period. */
    hardship: z.boolean(),
    reasons: z.array(
      z.object({ rule: z.enum(['category', 'signal', 'priority', 'team']), detail: z.string() }),
    ),
    rulesVersion: id(),
    triagedAt: instant(),
  }),
);
