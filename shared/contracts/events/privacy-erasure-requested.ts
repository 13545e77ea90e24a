/**
 * `privacy.erasure-requested`: the privacy office asked to carry out an erasure request. Published
 * with the request's move to `erasing`, in the same write; the privacy-erasure function takes it
 * from its queue and erases the person, and SQS redelivers it until a pass finishes (each step is
 * idempotent). Ids only.
 */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { id } from './fields';

export const PrivacyErasureRequested = defineEvent(
  'privacy.erasure-requested',
  1,
  z.looseObject({
    requestId: id(),
    /** The staff member who asked for it: the request records them as its completer. */
    requestedBy: id(),
  }),
);
