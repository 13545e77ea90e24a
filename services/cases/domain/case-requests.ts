/**
 * Path and query parameters of the agents' case and report routes, apart from the handlers so the
 * API document (infra/openapi) describes them from the same schemas the handlers validate with.
 */
import * as z from 'zod/mini';
import { isLocalDate } from '#shared/calendar/local-date';
import { categories, complaintStatuses, priorities, teams } from '#shared/contracts/vocabulary';
import { actionBodies, caseActions } from './case-actions';
import { searchTerms, searchTextProblem } from './case-search';
import { periodProblem } from './report';

const ComplaintId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Must be a complaint id (ULID)'));

export const CasePath = z.object({ complaintId: ComplaintId });

/**
 * `POST /v1/ratings`: the customer's satisfaction rating from the rating page, with the token of
 * its signed link (in the body, so it stays out of access logs); the follow-up action's fields.
 */
export const CustomerRatingRequest = z.strictObject({
  t: z.string().check(z.trim(), z.minLength(1, 'The link has no token.'), z.maxLength(200)),
  satisfaction: actionBodies['follow-up'].shape.satisfaction,
  comment: actionBodies['follow-up'].shape.comment,
});
export const CaseActionPath = z.object({ complaintId: ComplaintId, action: z.enum(caseActions) });

export const CaseQueueQuery = z.strictObject({
  status: z.optional(z.enum(complaintStatuses)),
  team: z.optional(z.enum(teams)),
  /** A user's `sub`, `me` for the caller, or `unassigned`. */
  assignee: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  priority: z.optional(z.enum(priorities)),
  category: z.optional(z.enum(categories)),
  /** `today`: the next deadline falls before the end of today (company time zone); `breaching`: it has passed. */
  due: z.optional(z.enum(['today', 'breaching'])),
  limit: z._default(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/, 'Must be a number from 1 to 100')),
      z.transform((v) => Number(v)),
    ),
    25,
  ),
  cursor: z.optional(z.string().check(z.maxLength(4096))),
  /**
   * Search: a reference (CMP-YYYYMMDD-XXXXXX), a phone (with or without +86, spaces allowed), an
   * email, a policy number or a customer id; the other filters do not apply.
   */
  q: z.optional(
    z.string().check(
      z.trim(),
      z.refine((q) => searchTerms(q) !== undefined, searchTextProblem),
    ),
  ),
});

const ReportDate = z.iso.date('Must be a calendar date (YYYY-MM-DD)');
export const ComplaintReportQuery = z
  .strictObject({
    from: ReportDate,
    to: ReportDate,
    format: z._default(z.enum(['json', 'csv']), 'json'),
  })
  .check(
    z.superRefine((query, context) => {
      // zod checks the object even when a date failed; that date has its own error already
      if (!isLocalDate(query.from) || !isLocalDate(query.to)) return;
      const problem = periodProblem(query.from, query.to);
      if (problem) context.issues.push({ code: 'custom', message: problem, path: ['to'], input: query.to });
    }),
  );
