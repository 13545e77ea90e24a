import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { isThrottled } from './retry-later';

const metadata = { $metadata: { httpStatusCode: 400 } };

describe('isThrottled', () => {
  it('knows DynamoDB throttles, by class, by name and by the SDK trait', () => {
    expect(
      isThrottled(new ProvisionedThroughputExceededException({ message: 'slow down', ...metadata })),
    ).toBe(true);
    expect(isThrottled(Object.assign(new Error('x'), { name: 'ThrottlingException' }))).toBe(true);
    expect(isThrottled(Object.assign(new Error('x'), { $retryable: { throttling: true } }))).toBe(true);
    expect(isThrottled(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 429 } }))).toBe(true);
  });

  it('knows a transaction cancelled because one of its items was throttled', () => {
    const cancelled = (code: string) =>
      new TransactionCanceledException({
        message: 'cancelled',
        ...metadata,
        CancellationReasons: [{ Code: 'None' }, { Code: code }],
      });
    expect(isThrottled(cancelled('ThrottlingError'))).toBe(true);
    expect(isThrottled(cancelled('ConditionalCheckFailed'))).toBe(false);
  });

  it('is false for everything else', () => {
    expect(isThrottled(new ConditionalCheckFailedException({ message: 'no', ...metadata }))).toBe(false);
    expect(isThrottled(new Error('boom'))).toBe(false);
    expect(isThrottled('ThrottlingException')).toBe(false);
    expect(isThrottled(undefined)).toBe(false);
  });
});
