/**
 * `privacy.request-due`: a personal-information request is near its statutory deadline
 * (`due-soon`) or past it (`overdue`) and still open. Published once per request and stage, for the
 * privacy office.
 */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { id } from './fields';

export const PrivacyRequestDue = defineEvent(
  'privacy.request-due',
  1,
  z.looseObject({
    requestId: id(),
    kind: z.string(),
    regime: z.string(),
    stage: z.enum(['due-soon', 'overdue']),
    dueAt: z.string(),
  }),
);
