/**
 * One topology subscription: an EventBridge rule on the custom bus (or, for AWS services' events,
 * the account's default bus) → an SQS queue with its DLQ →
 * the function, with partial batch failures. The rule's pattern is `eventPatternOf`, the same
 * function the local bus routes by.
 */
import { Duration } from 'aws-cdk-lib';
import { EventBus, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '#shared/contracts/events/index';
import { resourceName, type StageConfig } from '../config/stages';
import { eventPatternOf, type SubscriptionSpec } from '../topology-types';
import type { DeadLetterAlarms } from './dead-letter-alarms';
import type { LambdaFunction } from './lambda-function';
import { deadLetterQueue, secureQueue } from './queues';

/** AWS guidance for SQS event sources: at least six times the function timeout (plus batching window). */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface SubscriptionProps {
  readonly spec: SubscriptionSpec;
  readonly fn: LambdaFunction;
  readonly bus: IEventBus;
  readonly config: StageConfig;
  readonly alarms: DeadLetterAlarms;
}

export class Subscription extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, { spec, fn, bus, config, alarms }: SubscriptionProps) {
    super(scope, id);
    const dlqName = `${spec.queue}-dlq`;
    this.deadLetters = deadLetterQueue(
      this,
      'DeadLetters',
      resourceName(config.stage, dlqName),
      'queue redrive',
    );
    alarms.watch(this.deadLetters, dlqName);

    const batchingWindow = spec.maxBatchingWindowSeconds ?? 0;
    this.queue = secureQueue(this, 'Queue', {
      queueName: resourceName(config.stage, spec.queue),
      visibilityTimeout: Duration.seconds(
        VISIBILITY_TIMEOUT_FACTOR * fn.spec.timeoutSeconds + batchingWindow,
      ),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: spec.maxReceiveCount },
    });

    const pattern = eventPatternOf(spec, EVENT_SOURCE);
    new Rule(this, 'Rule', {
      ruleName: resourceName(config.stage, spec.queue),
      description: `${pattern['detail-type'].join(', ')} to ${spec.queue}`,
      eventBus: spec.bus === 'default' ? EventBus.fromEventBusName(this, 'DefaultBus', 'default') : bus,
      eventPattern: { source: pattern.source, detailType: pattern['detail-type'] },
      // An event the bus cannot put on the queue lands in the same DLQ as one the function gave up on.
      targets: [new SqsQueue(this.queue, { deadLetterQueue: this.deadLetters })],
    });

    fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: spec.batchSize,
        maxBatchingWindow:
          spec.maxBatchingWindowSeconds === undefined
            ? undefined
            : Duration.seconds(spec.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: spec.maxConcurrency,
      }),
    );
  }
}
