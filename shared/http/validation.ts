/** zod (mini) issues → the `errors` of a 400 problem, every field at once. */
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { type FieldError, ValidationFailed } from './errors';

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

export function parseOrThrow<S extends z.ZodMiniType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationFailed(fieldErrors(result.error.issues, where ? [where] : []));
  return result.data;
}
