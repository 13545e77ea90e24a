/**
 * The one mapping of typed errors (the domain's, shared/domain/errors.ts, and the edge's own) to
 * HTTP problem details (RFC 9457), by class (`instanceof`), in this file only; the HTTP middleware
 * and the local cloud's gateway answer with it.
 */
import {
  Conflict,
  DomainError,
  type FieldError,
  Forbidden,
  IdempotencyInProgress,
  NotFound,
  PreconditionFailed,
  PreconditionRequired,
  RateLimited,
  ValidationFailed,
} from '../domain/errors';

// Handlers and the middleware throw both kinds; one import for the edge.
export {
  Conflict,
  DomainError,
  type FieldError,
  Forbidden,
  IdempotencyInProgress,
  NotFound,
  PreconditionFailed,
  PreconditionRequired,
  RateLimited,
  ValidationFailed,
};

// What only the HTTP edge can find wrong: the request itself, before any use case runs.
export class MalformedRequest extends DomainError {}
export class Unauthenticated extends DomainError {}
export class PayloadTooLarge extends DomainError {}
export class UnsupportedMediaType extends DomainError {}
export class TooManyRequests extends DomainError {}
export class RequestHeaderFieldsTooLarge extends DomainError {}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: readonly FieldError[];
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://complaint-care.example/problems/';

const problemTypes: ReadonlyArray<[new (...args: never[]) => DomainError, number, string, string]> = [
  [ValidationFailed, 400, 'validation', 'Invalid request'],
  [MalformedRequest, 400, 'malformed-request', 'Malformed request'],
  [Unauthenticated, 401, 'unauthenticated', 'Authentication required'],
  [Forbidden, 403, 'forbidden', 'Forbidden'],
  [NotFound, 404, 'not-found', 'Not found'],
  // before Conflict: the first class that matches names the problem
  [IdempotencyInProgress, 409, 'idempotency-in-progress', 'Request in progress'],
  [Conflict, 409, 'conflict', 'Conflict'],
  [PreconditionFailed, 412, 'precondition-failed', 'Precondition failed'],
  [PayloadTooLarge, 413, 'payload-too-large', 'Payload too large'],
  [UnsupportedMediaType, 415, 'unsupported-media-type', 'Unsupported media type'],
  [PreconditionRequired, 428, 'precondition-required', 'Precondition required'],
  [TooManyRequests, 429, 'too-many-requests', 'Too many requests'],
  [RateLimited, 429, 'too-many-requests', 'Too many requests'],
  [RequestHeaderFieldsTooLarge, 431, 'request-header-fields-too-large', 'Request header fields too large'],
];

/** Headers that belong with a problem: when to retry one that will pass later. */
export function problemHeaders(error: unknown): Record<string, string> {
  return error instanceof IdempotencyInProgress || error instanceof RateLimited
    ? { 'retry-after': String(error.retryAfterSeconds) }
    : {};
}

/** Unknown errors become a 500 whose detail reveals nothing about the internals. */
export function toProblem(error: unknown): Problem {
  for (const [type, status, slug, title] of problemTypes) {
    if (error instanceof type) {
      // extensions add to the problem; they never replace its own members
      const problem: Problem = {
        ...error.extensions,
        type: PROBLEM_BASE + slug,
        title,
        status,
        detail: error.message,
      };
      if (error instanceof ValidationFailed) problem.errors = error.errors;
      return problem;
    }
  }
  return {
    type: `${PROBLEM_BASE}internal`,
    title: 'Internal error',
    status: 500,
    detail: 'The request could not be completed. It has been logged; please retry later.',
  };
}
