/** `sla.breached`: a clock passed its deadline (level 1), or stayed breached until escalation (level 2). */
import * as z from 'zod/mini';
import { priorities } from '../vocabulary';
import { defineEvent } from './define';
import { slaAlertFields } from './sla-clock';

export const SlaBreached = defineEvent(
  'sla.breached',
  1,
  z.looseObject({
    ...slaAlertFields,
    escalationLevel: z.number().check(z.int(), z.positive()),
    priorityRaisedTo: z.optional(z.enum(priorities)),
    escalatedTo: z.optional(z.string()),
  }),
);
