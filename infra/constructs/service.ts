/**
 * One microservice as the topology declares it: its functions with their least-privilege bindings,
 * its routes, queue subscriptions, schedules and stream consumers. The services stack creates one
 * per service name present in the topology; nothing here is specific to a service.
 */
import { NestedStack } from 'aws-cdk-lib';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { bucketIds } from '#shared/contracts/buckets';
import { type TableId, tableIds } from '#shared/contracts/tables';
import { ENV } from '#shared/env';
import { settingsOfFunction } from '../config/function-settings';
import { emailIdentityOf, type StageConfig } from '../config/stages';
import type { StatefulResources } from '../stacks/stateful-stack';
import { functionsOf, routeRolesOf, secretsReadBy, tableAccessOf } from '../topology-derived';
import type { ServiceName, Topology } from '../topology-types';
import {
  allowSendingMessages,
  bindBucket,
  bindEventBus,
  bindQueueSender,
  bindSecret,
  bindTable,
} from './bindings';
import type { DeadLetterAlarms } from './dead-letter-alarms';
import type { EmailConfiguration } from './email-configuration';
import type { HttpApiGateway } from './http-api';
import { LambdaFunction } from './lambda-function';
import { ScheduledInvocation } from './scheduled-invocation';
import { StreamConsumer } from './stream-consumer';
import { Subscription } from './subscription';

export interface ServiceProps {
  readonly service: ServiceName;
  readonly topology: Topology;
  readonly config: StageConfig;
  readonly stateful: StatefulResources;
  readonly api: HttpApiGateway;
  readonly alarms: DeadLetterAlarms;
  /** The DLQ every schedule's failed invocations go to. */
  readonly scheduleDeadLetters: Queue;
  readonly email: EmailConfiguration;
  /** Where staff alerts link to when the stage names no `CONSOLE_URL`: the stage's site. */
  readonly siteUrl: string;
}

export class Service extends NestedStack {
  readonly functions = new Map<string, LambdaFunction>();
  /** This service's subscription queues by topology queue name. */
  readonly subscriptions = new Map<string, Subscription>();
  private readonly topology: Topology;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const { service, topology, config, stateful, api, alarms, email, siteUrl } = props;
    // the stage's values, and what only the deployment knows: the API's own address
    const settingValues = {
      CONSOLE_URL: siteUrl,
      PUBLIC_SITE_URL: siteUrl,
      ...config.settings,
      PUBLIC_API_URL: api.api.apiEndpoint,
    };
    this.topology = topology;
    const owned = (fn: string) => this.functions.get(fn);

    for (const name of functionsOf(topology, service)) {
      const spec = topology.functions[name]!;
      const fn = new LambdaFunction(this, name, { name, spec, config });
      this.functions.set(name, fn);

      const access = tableAccessOf(topology, name);
      for (const table of tableIds.filter((t): t is TableId => access[t] !== undefined)) {
        bindTable(fn, stateful.tables[table], access[table]!);
      }
      for (const bucket of bucketIds) {
        const bucketAccess = spec.buckets?.[bucket];
        if (bucketAccess) bindBucket(fn, stateful.buckets[bucket], bucketAccess);
      }
      if (spec.publishesEvents) bindEventBus(fn, stateful.bus);
      for (const secret of secretsReadBy(topology, name)) {
        bindSecret(fn, secret, stateful.secrets[secret], stateful.key);
      }
      if (spec.sendsMessages) {
        allowSendingMessages(fn, emailIdentityOf(config), {
          name: email.configurationSet.configurationSetName,
          arn: email.arn,
        });
      }
      for (const [setting, value] of Object.entries(settingsOfFunction(topology, name, settingValues)))
        fn.addEnvironment(setting, value);
      const routeRoles = routeRolesOf(topology, name);
      if (routeRoles) fn.addEnvironment(ENV.routeRoles, JSON.stringify(routeRoles));
    }

    for (const route of topology.routes) {
      const fn = owned(route.function);
      if (fn) api.addRoute(route, fn);
    }
    for (const spec of topology.subscriptions) {
      const fn = owned(spec.function);
      if (!fn) continue;
      const subscription = new Subscription(this, `Subscription ${spec.queue}`, {
        spec,
        fn,
        bus: stateful.bus,
        config,
        alarms,
      });
      this.subscriptions.set(spec.queue, subscription);
    }
    for (const spec of topology.schedules) {
      const fn = owned(spec.function);
      if (fn)
        new ScheduledInvocation(this, `Schedule ${spec.name}`, {
          spec,
          fn,
          config,
          deadLetters: props.scheduleDeadLetters,
        });
    }
    for (const spec of topology.streams) {
      const fn = owned(spec.function);
      if (!fn) continue;
      const table = stateful.tables[spec.table].table;
      new StreamConsumer(this, `Stream ${spec.function} ${spec.table}`, { spec, fn, table, config, alarms });
    }
  }

  /**
   * Lets this service's functions send straight to the queues they name, wherever those queues
   * live; called once every service exists, since a queue may belong to a service built later.
   */
  connectQueueSenders(subscriptions: ReadonlyMap<string, Subscription>): void {
    for (const [name, fn] of this.functions) {
      for (const queue of this.topology.functions[name]?.sendsToQueues ?? []) {
        const target = subscriptions.get(queue);
        if (!target) throw new Error(`function ${name} sends to queue ${queue}, which no service created`);
        bindQueueSender(fn, queue, target.queue);
      }
    }
  }
}
