/**
 * A failure that only time cures (a provider's send rate is full): the queue consumer puts the
 * record back for a few seconds rather than for the queue's whole visibility timeout. Plain, with
 * no AWS import, so domain code may throw it.
 */
export class RetryLater extends Error {
  override readonly name: string = 'RetryLater';

  /** `seconds`: how long the record should stay out of sight before its next attempt (at least). */
  constructor(
    message: string,
    readonly seconds: number,
  ) {
    super(message);
  }
}
