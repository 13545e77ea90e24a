/**
 * Typed errors a use case may throw. They say what went wrong in the domain's words; the one
 * mapping to HTTP problem details lives at the edge (shared/http/errors.ts, used by the HTTP
 * middleware), so domain code never imports an HTTP module.
 */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input breaks the contract; every field error at once. */
export class ValidationFailed extends DomainError {
  constructor(
    readonly errors: readonly FieldError[],
    message = 'The request has invalid fields.',
  ) {
    super(message);
  }
}
export class Forbidden extends DomainError {}
export class NotFound extends DomainError {}
export class Conflict extends DomainError {}
/** The same idempotency key is being filed by a request that has not finished: retry shortly. */
export class IdempotencyInProgress extends Conflict {
  readonly retryAfterSeconds = 1;
}
/** The caller asked too often; the same request passes again after `retryAfterSeconds`. */
export class RateLimited extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
/** The caller's version of the record is not the current one. */
export class PreconditionFailed extends DomainError {}
/** A change to a versioned record came without the version it was based on. */
export class PreconditionRequired extends DomainError {}
