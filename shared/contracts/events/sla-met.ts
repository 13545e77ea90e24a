/** `sla.met`: a clock stopped before its deadline. */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { instant } from './fields';
import { slaClockFields } from './sla-clock';

export const SlaMet = defineEvent(
  'sla.met',
  1,
  z.looseObject({ ...slaClockFields, metAt: z.optional(instant()) }),
);
