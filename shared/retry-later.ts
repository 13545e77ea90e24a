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

/**
 * The names AWS services give a throttled request (DynamoDB's ProvisionedThroughputExceededException
 * and ThrottlingException among them), as the SDK's own retry strategy classifies them.
 */
const THROTTLING_ERROR_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'LimitExceededException',
  'SlowDown',
]);

/**
 * Whether an AWS SDK error is a throttle that outlasted the SDK's own retries: a dependency busy
 * for now, which time cures. A transaction DynamoDB cancelled because one of its items was
 * throttled counts too. Read by name and the SDK's traits, so domain code may ask without the SDK.
 */
export function isThrottled(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const sdk = error as Error & {
    $retryable?: { throttling?: boolean };
    $metadata?: { httpStatusCode?: number };
    CancellationReasons?: { Code?: string }[];
  };
  return (
    THROTTLING_ERROR_NAMES.has(sdk.name) ||
    sdk.$retryable?.throttling === true ||
    sdk.$metadata?.httpStatusCode === 429 ||
    (sdk.name === 'TransactionCanceledException' &&
      (sdk.CancellationReasons ?? []).some((reason) => reason.Code === 'ThrottlingError'))
  );
}

/**
 * Seconds a record whose handler met a throttled dependency stays out of sight before it tries
 * again, doubled on each further receive (20, 40, 80, 160 s, plus jitter): about the 8 minutes that
 * five receives at notify's 120 s visibility timeout give on AWS, but sooner at first, when most
 * throttles are already over; and far longer than a test queue's 1 s visibility, where an
 * immediate redelivery would spend the record's receives (5 before the DLQ) while the throttle lasts.
 */
export const THROTTLED_RETRY_SECONDS = 20;
