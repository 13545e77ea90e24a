/** `complaint.resolved`: the decision was made and the decision letter is due. */
import * as z from 'zod/mini';
import { contactChannels, languages, outcomes, rootCauses } from '../vocabulary';
import { defineEvent } from './define';
import { complaintFields, instant } from './fields';

export const ComplaintResolved = defineEvent(
  'complaint.resolved',
  1,
  z.looseObject({
    ...complaintFields,
    outcome: z.enum(outcomes),
    rootCause: z.enum(rootCauses),
    resolvedAt: instant(),
    language: z.enum(languages),
    preferredChannel: z.enum(contactChannels),
  }),
);
