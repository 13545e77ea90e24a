/** `sla.warning`: a clock passed a warning threshold; the assignee is alerted. */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { slaAlertFields } from './sla-clock';

export const SlaWarning = defineEvent('sla.warning', 1, z.looseObject({ ...slaAlertFields }));
