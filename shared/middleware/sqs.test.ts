/** The queue consumer's short retry: its backoff and where a record's queue is. */
import { afterEach, describe, expect, it } from 'vitest';
import { queueUrlEnvVar } from '../env';
import { backoff, queueUrlOf } from './sqs';

describe('backoff', () => {
  it('doubles from the asked seconds on each receive, adds at most that much jitter, and stops at 5 minutes', () => {
    expect(backoff(2, 1, () => 0)).toBe(2);
    expect(backoff(2, 2, () => 0)).toBe(4);
    expect(backoff(2, 3, () => 0.99)).toBe(10);
    expect(backoff(2, 30, () => 0)).toBe(300);
  });
});

describe('queueUrlOf', () => {
  const arn = 'arn:aws:sqs:eu-west-1:123456789012:prod-notify-events';
  afterEach(() => {
    delete process.env[queueUrlEnvVar('prod-notify-events')];
  });

  it("is the queue's regional URL from its ARN on AWS", () => {
    expect(queueUrlOf({ eventSourceARN: arn })).toBe(
      'https://sqs.eu-west-1.amazonaws.com/123456789012/prod-notify-events',
    );
  });

  it('is the bound URL when one is set (the local cloud binds every queue)', () => {
    process.env[queueUrlEnvVar('prod-notify-events')] =
      'http://127.0.0.1:9324/000000000000/prod-notify-events';
    expect(queueUrlOf({ eventSourceARN: arn })).toBe('http://127.0.0.1:9324/000000000000/prod-notify-events');
  });
});
