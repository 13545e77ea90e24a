/**
 * The stateless part of Complaint & Care: the HTTP API with its user pool, every service's
 * functions, queues, rules, schedules and stream consumers, the dead-letter alarms, and the web
 * pages (the complaint form and the staff console) on S3 + CloudFront. Built entirely from the topology; the stateful resources come in as
 * props.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import { CustomerReplies } from '../constructs/customer-replies';
import { DeadLetterAlarms } from '../constructs/dead-letter-alarms';
import { EmailConfiguration } from '../constructs/email-configuration';
import { CONSOLE_REDIRECT_PATH, CONSOLE_SIGNED_OUT_PATH, HttpApiGateway } from '../constructs/http-api';
import { ScheduleDeadLetters } from '../constructs/scheduled-invocation';
import { Service } from '../constructs/service';
import type { Subscription } from '../constructs/subscription';
import { WebHosting } from '../constructs/web-hosting';
import { openApiDocument } from '../openapi/document';
import { servicesOf } from '../topology-derived';
import type { ServiceName, Topology } from '../topology-types';
import type { StatefulResources } from './stateful-stack';

export interface ServicesStackProps extends StackProps {
  readonly config: StageConfig;
  readonly topology: Topology;
  readonly stateful: StatefulResources;
  /** The console build to deploy; defaults to web/console/dist (WebHostingProps.consoleDist). */
  readonly consoleDist?: string;
}

export class ServicesStack extends Stack {
  readonly api: HttpApiGateway;
  readonly web: WebHosting;
  readonly services = new Map<ServiceName, Service>();

  constructor(scope: Construct, id: string, props: ServicesStackProps) {
    super(scope, id, props);
    const { config, topology, stateful } = props;

    // The site first: the API's CORS configuration and the console's sign-in URLs name its
    // origins, and the site's config.js and config.json then name the API and the user pool (one
    // direction each, so no dependency cycle).
    this.web = new WebHosting(this, 'Web', {
      config,
      accessLogs: stateful.accessLogs,
      consoleDist: props.consoleDist,
    });
    const webOrigins = [...new Set([...config.webOrigins, ...this.web.origins])];
    this.api = new HttpApiGateway(this, 'Http', { config, webOrigins, consoleOrigins: this.web.origins });
    const apiEndpoint = this.api.api.apiEndpoint;
    const { userPool, client, domain } = this.api;
    this.web.publish({
      apiEndpoint,
      uploadEndpoint: `https://${stateful.buckets.Attachments.bucket.bucketRegionalDomainName}`,
      apiDocument: openApiDocument(topology, { serverUrl: apiEndpoint }),
      signIn: {
        authority: `https://cognito-idp.${this.region}.amazonaws.com/${userPool.userPoolId}`,
        clientId: client.userPoolClientId,
        domain: domain.baseUrl(),
        redirectPath: CONSOLE_REDIRECT_PATH,
        signedOutPath: CONSOLE_SIGNED_OUT_PATH,
      },
    });
    const alarms = new DeadLetterAlarms(this, 'DeadLetterAlarms', config);
    const email = new EmailConfiguration(this, 'Email', config);
    const scheduleDeadLetters = new ScheduleDeadLetters(this, 'ScheduleDeadLetters', config, alarms).queue;

    for (const service of servicesOf(topology)) {
      const id = service.charAt(0).toUpperCase() + service.slice(1);
      this.services.set(
        service,
        new Service(this, id, {
          service,
          topology,
          config,
          stateful,
          api: this.api,
          alarms,
          scheduleDeadLetters,
          email,
          siteUrl: this.web.url,
        }),
      );
    }
    const allSubscriptions = new Map<string, Subscription>();
    for (const service of this.services.values()) {
      for (const [queue, subscription] of service.subscriptions) allSubscriptions.set(queue, subscription);
    }
    for (const service of this.services.values()) service.connectQueueSenders(allSubscriptions);

    const serviceOf = (name: string) => {
      const spec = topology.functions[name];
      const service = spec && this.services.get(spec.service);
      if (!service?.functions.has(name)) throw new Error(`no function ${name} for customers' replies`);
      return service;
    };
    const functionNamed = (name: string) => serviceOf(name).functions.get(name)!;
    // In the nested stack of the service that reads the replies: the SNS topic's subscription
    // makes the function's stack depend on the topic's, and a nested stack cannot depend on its parent.
    const replies =
      topology.inbound &&
      new CustomerReplies(serviceOf(topology.inbound.sms), 'CustomerReplies', {
        config,
        stateful,
        alarms,
        emailFunction: functionNamed(topology.inbound.email),
        smsFunction: functionNamed(topology.inbound.sms),
      });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'SiteUrl', { value: this.web.url, description: 'The complaint form' });
    new CfnOutput(this, 'ConsoleUrl', {
      value: `${this.web.url}/console/`,
      description: 'The staff console',
    });
    new CfnOutput(this, 'SignInDomain', { value: domain.baseUrl(), description: 'Cognito managed login' });
    new CfnOutput(this, 'UserPoolId', { value: this.api.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.api.client.userPoolClientId });
    new CfnOutput(this, 'DeadLetterAlarmTopicArn', { value: alarms.topic.topicArn });
    if (replies) {
      new CfnOutput(this, 'ReplyRuleSetName', {
        value: replies.ruleSet.receiptRuleSetName,
        description: 'Activate once per account: aws ses set-active-receipt-rule-set --rule-set-name <this>',
      });
      new CfnOutput(this, 'InboundSmsTopicArn', {
        value: replies.smsTopic.topicArn,
        description: "The two-way SMS channel of the stage's origination number",
      });
    }
  }
}
