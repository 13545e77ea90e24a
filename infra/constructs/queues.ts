/** Our SQS defaults, fixed once: SQS-managed encryption at rest and TLS-only access. */
import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Failed messages stay as long as SQS allows, to be inspected and redriven. */
const DEAD_LETTER_RETENTION = Duration.days(14);

export function secureQueue(scope: Construct, id: string, props: QueueProps): Queue {
  return new Queue(scope, id, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, ...props });
}

/**
 * A dead-letter queue. `usedBy` says who sends to it: when that is not another queue's redrive
 * policy (a schedule target, a stream event source), cdk-nag cannot see that it is a DLQ.
 */
export function deadLetterQueue(
  scope: Construct,
  id: string,
  queueName: string,
  usedBy: 'queue redrive' | 'scheduler target' | 'stream event source',
): Queue {
  const queue = secureQueue(scope, id, { queueName, retentionPeriod: DEAD_LETTER_RETENTION });
  if (usedBy !== 'queue redrive') {
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself the dead-letter queue of a ${usedBy}; it needs no DLQ of its own.`,
    });
  }
  return queue;
}
