/**
 * A message in any dead-letter queue means something was not processed: one alarm per DLQ, all
 * notifying one encrypted SNS topic that operations subscribe to.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { resourceName, type StageConfig } from '../config/stages';

export class DeadLetterAlarms extends Construct {
  readonly topic: Topic;
  private readonly config: StageConfig;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.config = config;
    // Its own key: CloudWatch must be allowed to use the topic's key, and that should not be the data key.
    const key = new Key(this, 'TopicKey', {
      alias: `alias/${resourceName(config.stage, 'alarms')}`,
      description: 'Encrypts the dead-letter alarm topic',
      enableKeyRotation: true,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.topic = new Topic(this, 'Topic', {
      topicName: resourceName(this.config.stage, 'dead-letter-alarms'),
      masterKey: key,
      enforceSSL: true,
    });
  }

  /** Alarms as soon as one message is visible in the queue. */
  watch(queue: IQueue, name: string): Alarm {
    const alarm = new Alarm(queue, 'NotEmptyAlarm', {
      alarmName: resourceName(this.config.stage, name, 'not-empty'),
      alarmDescription: `Messages in dead-letter queue ${name}: inspect, fix, redrive`,
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}
