/** Bodies and queries of the NPS routes: the survey's answer and the report's period. */
import * as z from 'zod/mini';
import { isLocalDate } from '#shared/calendar/local-date';

/** The answer; the survey page's form sends the score as text. */
export const NpsAnswerBody = z.strictObject({
  score: z.pipe(
    z.pipe(
      z.union([z.number(), z.string().check(z.regex(/^\d{1,2}$/, 'Must be a whole number 0-10'))]),
      z.transform(Number),
    ),
    z.number().check(z.int(), z.gte(0), z.lte(10)),
  ),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});

const date = z.string().check(z.refine(isLocalDate, 'Must be a date, YYYY-MM-DD'));
export const NpsReportQuery = z.strictObject({ from: date, to: date });
