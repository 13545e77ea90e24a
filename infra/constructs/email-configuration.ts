/**
 * The SES configuration set every email is sent with, so that what happens after sending comes
 * back: every accepted email (the notification log's receipts), bounces and complaints are published to the account's default EventBridge bus (the only
 * bus SES publishes to), where the notify-ses-feedback subscription (topology) picks them up and
 * suppresses the address.
 */
import { Stack } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { resourceName, type StageConfig } from '../config/stages';

export class EmailConfiguration extends Construct {
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: resourceName(config.stage, 'email'),
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      // SES's own account-level list as a second line behind ours (ours also holds complaints
      // reported through other channels and is what the notification log explains)
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('Feedback', {
      configurationSetEventDestinationName: 'bounces-and-complaints',
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      // SEND: what SES accepted, so a message whose sender died mid-send is neither lost nor doubled
      events: [EmailSendingEvent.SEND, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
  }

  /** The configuration set's ARN: SendEmail naming it needs permission on it as well as on the identity. */
  get arn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }
}
