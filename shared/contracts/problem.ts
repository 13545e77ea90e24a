/**
 * The body of every 4xx/5xx answer: RFC 9457 problem details (`application/problem+json`), with
 * every field error of a bad request in `errors`. shared/http/errors.ts builds them; this schema
 * describes them to clients (the API document, whose test checks what errors.ts answers against it).
 */
import * as z from 'zod/mini';

export const FieldErrorContract = z.object({
  /** Where the error is: `body.customer.phone`, `query.limit`, `headers.if-match`, `line 3: phone`. */
  path: z.string(),
  message: z.string(),
});

/** Extensions (e.g. an import's `rejected` lines, a 409's allowed actions) may add members. */
export const ProblemDetails = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int(), z.minimum(400), z.maximum(599)),
  detail: z.string(),
  errors: z.optional(z.array(FieldErrorContract)),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;
