/** A request's parts checked against their zod (mini) contract: a 400 problem names every field error. */
import type * as z from 'zod/mini';
import { type FieldError, ValidationFailed } from '../domain/errors';
import { unsafeTextErrors } from '../domain/input-hygiene';
import { fieldErrors } from '../domain/validation';

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
