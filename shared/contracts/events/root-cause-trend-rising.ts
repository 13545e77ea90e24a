/**
 * `root-cause.trend-rising`: the weekly trend job found a root cause's complaints above its trailing
 * mean by more than the threshold. Carries a proposed rectification (the body of POST
 * /v1/rectifications) unless one is open for the cause already.
 */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { id } from './fields';

export const RootCauseTrendRising = defineEvent(
  'root-cause.trend-rising',
  1,
  z.looseObject({
    rootCause: id(),
    /** The Monday the week counted starts on (company time zone). */
    week: z.string(),
    count: z.number(),
    trailingMean: z.number(),
    trailingWeeks: z.number(),
    rule: z.string(),
    notify: z.string(),
    openRectificationId: z.optional(id()),
    proposal: z.optional(
      z.looseObject({ rootCause: id(), title: z.string(), dueDate: z.string(), complaintIds: z.array(id()) }),
    ),
  }),
);
