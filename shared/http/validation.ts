/** zod (mini) issues → the `errors` of a 400 problem, every field at once. */
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { type FieldError, ValidationFailed } from './errors';
import { unsafeTextErrors } from './input-hygiene';

// zod/mini ships without messages; English ones make field errors readable. Importing the one
// locale (not `z.locales`) keeps the other languages out of every bundle.
z.config(en());

const pathOf = (segments: readonly PropertyKey[]) => segments.map(String).join('.') || '(root)';

export function fieldErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): FieldError[] {
  return issues.flatMap((issue) =>
    // One error per unknown field, at that field's path, so a form can point at it.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pathOf([...prefix, ...issue.path, key]), message: 'Unknown field' }))
      : [{ path: pathOf([...prefix, ...issue.path]), message: issue.message }],
  );
}

/**
 * Validates configuration shipped as data (rules, policies) when a cold start loads it: a bad file
 * fails loudly with every problem and its path, instead of misbehaving later.
 */
export function parseConfiguration<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  what: string,
  makeError: (message: string) => Error = (message) => new Error(message),
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = fieldErrors(result.error.issues).map((e) => `  ${e.path}: ${e.message}`);
    throw makeError(`Invalid ${what}:\n${problems.join('\n')}`);
  }
  return result.data;
}

export interface ParseOptions {
  /** Errors found before the schema ran (e.g. duplicate JSON fields), reported with the schema's. */
  readonly errors?: readonly FieldError[];
  /** Refuse NUL and lone surrogates in every string (off for a raw text body checked elsewhere). */
  readonly checkText?: boolean;
}

export function parseOrThrow<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  where: string,
  options: ParseOptions = {},
): z.infer<S> {
  const prefix = where ? [where] : [];
  const errors = [
    ...(options.errors ?? []),
    ...(options.checkText === false ? [] : unsafeTextErrors(value, prefix)),
  ];
  const result = schema.safeParse(value);
  if (!result.success) errors.push(...fieldErrors(result.error.issues, prefix));
  if (errors.length > 0) throw new ValidationFailed(errors);
  return result.data as z.infer<S>;
}
