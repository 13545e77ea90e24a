/**
 * Where customers' replies come in on AWS. Email: a receipt rule set whose rule, for the stage's
 * reply domain (`REPLY_EMAIL_DOMAIN`), scans the message, stores it in the inbound-mail bucket
 * under `mail/<SES message id>` and then invokes the topology's inbound email function. SMS: the
 * topic End User Messaging's two-way SMS publishes inbound messages to, which invokes the inbound
 * SMS function. Both invocations are asynchronous: Lambda retries a failure twice, then the event
 * goes to a dead-letter queue (alarmed) — the email itself stays in the bucket either way.
 *
 * Outside this app (README, Deploying): the MX record of the reply domain, activating the rule set
 * (an account has one active rule set), and naming the topic as the origination number's two-way
 * channel.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda as LambdaAction, LambdaInvocationType, S3 as S3Action } from 'aws-cdk-lib/aws-ses-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { INBOUND_MAIL_PREFIX } from '#shared/contracts/buckets';
import { resourceName, type StageConfig } from '../config/stages';
import type { StatefulResources } from '../stacks/stateful-stack';
import type { DeadLetterAlarms } from './dead-letter-alarms';
import { deadLetterQueue } from './queues';

export interface CustomerRepliesProps {
  readonly config: StageConfig;
  readonly stateful: StatefulResources;
  readonly alarms: DeadLetterAlarms;
  readonly emailFunction: LambdaFn;
  readonly smsFunction: LambdaFn;
}

export class CustomerReplies extends Construct {
  readonly ruleSet: ReceiptRuleSet;
  readonly smsTopic: Topic;

  constructor(scope: Construct, id: string, props: CustomerRepliesProps) {
    super(scope, id);
    const { config, stateful, alarms } = props;
    const replyDomain = config.settings.REPLY_EMAIL_DOMAIN;
    if (!replyDomain) throw new Error(`stage ${config.stage} has no REPLY_EMAIL_DOMAIN`);

    for (const [name, fn] of [
      ['email', props.emailFunction],
      ['sms', props.smsFunction],
    ] as const) {
      const dlq = deadLetterQueue(
        this,
        `${name}-dlq`,
        resourceName(config.stage, `${name}-replies-dlq`),
        'queue redrive',
      );
      Validations.of(dlq).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: "This queue is itself the destination of the function's failed asynchronous invocations.",
      });
      fn.configureAsyncInvoke({
        retryAttempts: 2,
        onFailure: new SqsDestination(dlq),
        maxEventAge: Duration.hours(6),
      });
      alarms.watch(dlq, `${name}-replies`);
    }

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', {
      receiptRuleSetName: resourceName(config.stage, 'replies'),
    });
    this.ruleSet.addRule('Replies', {
      recipients: [replyDomain],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        new S3Action({ bucket: stateful.buckets.InboundMail.bucket, objectKeyPrefix: INBOUND_MAIL_PREFIX }),
        new LambdaAction({ function: props.emailFunction, invocationType: LambdaInvocationType.EVENT }),
      ],
    });

    // its own key: End User Messaging must be allowed to use it, and that should not be the data key
    const key = new Key(this, 'SmsTopicKey', {
      alias: `alias/${resourceName(config.stage, 'inbound-sms')}`,
      description: 'Encrypts the topic of inbound (two-way) SMS',
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
    });
    const smsVoice = new ServicePrincipal('sms-voice.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
    });
    key.grant(smsVoice, 'kms:Decrypt', 'kms:GenerateDataKey');
    this.smsTopic = new Topic(this, 'InboundSms', {
      topicName: resourceName(config.stage, 'inbound-sms'),
      masterKey: key,
      enforceSSL: true,
    });
    this.smsTopic.grantPublish(smsVoice);
    this.smsTopic.addSubscription(new LambdaSubscription(props.smsFunction));
  }
}
