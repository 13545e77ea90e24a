/** zod (mini) issues → the `errors` of a 400 problem, every field at once. */
import { z } from 'zod/mini';
import { type FieldError, ValidationFailed } from './errors';

// zod/mini ships without messages; English ones make field errors readable.
z.config(z.locales.en());

export function fieldErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): FieldError[] {
  return issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

export function parseOrThrow<S extends z.ZodMiniType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationFailed(fieldErrors(result.error.issues, where ? [where] : []));
  return result.data;
}
