/**
 * A topology stream: the function reads a table's stream from the oldest record (only the records
 * its filters pass), reports the first record to retry, and after maxRetries hands the batch's
 * description to an SQS DLQ.
 */
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { resourceName, type StageConfig } from '../config/stages';
import type { StreamSpec } from '../topology-types';
import type { DeadLetterAlarms } from './dead-letter-alarms';
import type { LambdaFunction } from './lambda-function';
import { deadLetterQueue } from './queues';

export interface StreamConsumerProps {
  readonly spec: StreamSpec;
  readonly fn: LambdaFunction;
  readonly table: Table;
  readonly config: StageConfig;
  readonly alarms: DeadLetterAlarms;
}

export class StreamConsumer extends Construct {
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, { spec, fn, table, config, alarms }: StreamConsumerProps) {
    super(scope, id);
    const dlqName = `${spec.function}-${spec.table.toLowerCase()}-stream-dlq`;
    this.deadLetters = deadLetterQueue(
      this,
      'DeadLetters',
      resourceName(config.stage, dlqName),
      'stream event source',
    );
    alarms.watch(this.deadLetters, dlqName);

    fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: spec.batchSize,
        retryAttempts: spec.maxRetries,
        // The handler names the exact record to resume from; halving batches would only add retries.
        bisectBatchOnError: false,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        // records no pattern matches never invoke the function (nor count towards its retries)
        filters: spec.filters?.map((pattern) => FilterCriteria.filter({ ...pattern })),
      }),
    );
  }
}
