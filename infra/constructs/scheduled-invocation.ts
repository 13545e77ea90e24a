/**
 * A topology schedule: EventBridge Scheduler invokes the function with the same "Scheduled Event"
 * shape the local cloud builds, with retries and a DLQ for invocations that still fail. All
 * schedules share one DLQ (ScheduleDeadLetters): each message's body is the schedule's input, which
 * names the schedule, and its attributes name the target and the error. A queue, its policy and
 * its alarm per schedule would spend three of the services stack's 500 resources each.
 */
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ContextAttribute,
  type ISchedule,
  type IScheduleTarget,
  Schedule,
  ScheduleExpression,
  type ScheduleTargetConfig,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { resourceName, type StageConfig } from '../config/stages';
import type { ScheduleSpec } from '../topology-types';
import type { DeadLetterAlarms } from './dead-letter-alarms';
import type { LambdaFunction } from './lambda-function';
import { deadLetterQueue } from './queues';

/** Scheduler retries a failed invocation this often, within this age, before the DLQ. */
export const SCHEDULE_RETRY = { attempts: 3, maxEventAge: Duration.hours(1) } as const;

/** The EventBridge "Scheduled Event" shape; `time` is the scheduled instant, not the delivery time. */
export function scheduledEventOf(scheduleName: string, stack: Stack): Record<string, unknown> {
  return {
    version: '0',
    id: ContextAttribute.executionId,
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: stack.account,
    time: ContextAttribute.scheduledTime,
    region: stack.region,
    resources: [ContextAttribute.scheduleArn],
    detail: { schedule: scheduleName },
  };
}

/** The one DLQ of every schedule's failed invocations, watched by its alarm. */
export class ScheduleDeadLetters extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, config: StageConfig, alarms: DeadLetterAlarms) {
    super(scope, id);
    const dlqName = 'schedules-dlq';
    this.queue = deadLetterQueue(this, 'Queue', resourceName(config.stage, dlqName), 'scheduler target');
    alarms.watch(this.queue, dlqName);
  }
}

export interface ScheduledInvocationProps {
  readonly spec: ScheduleSpec;
  readonly fn: LambdaFunction;
  readonly config: StageConfig;
  readonly deadLetters: Queue;
}

export class ScheduledInvocation extends Construct {
  readonly schedule: Schedule;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, { spec, fn, config, deadLetters }: ScheduledInvocationProps) {
    super(scope, id);
    this.deadLetters = deadLetters;

    this.schedule = new Schedule(this, 'Schedule', {
      scheduleName: resourceName(config.stage, spec.name),
      description: spec.description,
      schedule: ScheduleExpression.expression(spec.expression, TimeZone.of(spec.timeZone)),
      target: new InvokeFunction(this, fn, this.deadLetters, scheduledEventOf(spec.name, Stack.of(this))),
    });
  }
}

/**
 * Invokes exactly the function's unqualified ARN. (The stock LambdaInvoke target also grants
 * `<arn>:*`, every version and alias, which this app never uses.)
 */
class InvokeFunction implements IScheduleTarget {
  constructor(
    private readonly scope: Construct,
    private readonly fn: LambdaFunction,
    private readonly deadLetters: Queue,
    private readonly input: Record<string, unknown>,
  ) {}

  bind(schedule: ISchedule): ScheduleTargetConfig {
    const stack = Stack.of(this.scope);
    const role = new Role(this.scope, 'InvokeRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        // Only schedules of this account's default group may assume it (confused-deputy guard).
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: schedule.scheduleGroup?.scheduleGroupName ?? 'default',
            }),
          },
        },
      }),
    });
    role.addToPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.fn.functionArn] }),
    );
    this.deadLetters.grantSendMessages(role);
    return {
      arn: this.fn.functionArn,
      role,
      input: ScheduleTargetInput.fromObject(this.input),
      deadLetterConfig: { arn: this.deadLetters.queueArn },
      retryPolicy: {
        maximumRetryAttempts: SCHEDULE_RETRY.attempts,
        maximumEventAgeInSeconds: SCHEDULE_RETRY.maxEventAge.toSeconds(),
      },
    };
  }
}
