/** zod (mini) issues → field errors with their paths, every field at once; and configuration checked the same way. */
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import type { FieldError } from './errors';

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
