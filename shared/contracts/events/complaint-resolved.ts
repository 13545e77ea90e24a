/** `complaint.resolved`: the decision was made and the decision letter is due. */
import * as z from 'zod/mini';
import { RootCauseValue } from '../root-causes/taxonomy';
import { contactChannels, languages, outcomes } from '../vocabulary';
import { defineEvent } from './define';
import { complaintFields, instant } from './fields';

export const ComplaintResolved = defineEvent(
  'complaint.resolved',
  1,
  z.looseObject({
    ...complaintFields,
    outcome: z.enum(outcomes),
    // a taxonomy code (`claims/assessment-delay`) since the two-level taxonomy; a v1 flat value in
    // events published before it
    rootCause: RootCauseValue,
    resolvedAt: instant(),
    language: z.enum(languages),
    preferredChannel: z.enum(contactChannels),
  }),
);
