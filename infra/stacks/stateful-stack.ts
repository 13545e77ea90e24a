/**
 * Everything that holds data and outlives a deployment: the KMS key, the four tables, the event
 * bus with its archive, the generated secrets (hotline signing, personal-data hash key), the
 * buckets of customers' documents and received emails, and the bucket of access logs. Stateless stacks receive these as typed props, so replacing a function
 * can never replace a table.
 */
import { Aws, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { type SecretName, secretNames } from '#shared/aws/secrets';
import { type BucketDefinition, type BucketId, bucketIds, buckets } from '#shared/contracts/buckets';
import { EVENT_SOURCE } from '#shared/contracts/events/index';
import { type TableDefinition, type TableId, tableIds, tables } from '#shared/contracts/tables';
import { resourceName, type StageConfig } from '../config/stages';
import type { BoundBucket, BoundTable } from '../constructs/bindings';

export interface StatefulTable extends BoundTable {
  readonly table: Table;
}

export interface StatefulBucket extends BoundBucket {
  readonly bucket: Bucket;
}

export interface StatefulResources {
  readonly key: Key;
  readonly tables: Readonly<Record<TableId, StatefulTable>>;
  readonly buckets: Readonly<Record<BucketId, StatefulBucket>>;
  readonly bus: EventBus;
  readonly secrets: Readonly<Record<SecretName, Secret>>;
  /** Access logs (the web distribution's), kept for the stage's log retention. */
  readonly accessLogs: Bucket;
}

/** What each secret is for, and why it is not rotated automatically (cdk-nag SMG4). */
const SECRETS: Record<SecretName, { description: string; whyNotRotated: string }> = {
  'hotline-signing': {
    description: 'HMAC-SHA256 key the call-centre (CTI) system signs hotline complaints with',
    whyNotRotated:
      'A key shared with the external CTI vendor: rotating it without the vendor switching at the same ' +
      'moment would reject every hotline complaint, so it is rotated by a coordinated runbook.',
  },
  'pii-hash-key': {
    description: 'Key of the keyed hashes that let personal data be matched without being stored in clear',
    whyNotRotated:
      'Stored hashes were computed with this key; a new key makes every existing hash unmatchable, so ' +
      'rotation is a planned re-hash migration, not a scheduled Lambda.',
  },
  'core-events-signing': {
    description: "HMAC-SHA256 key the insurer's core claim and policy systems sign their events with",
    whyNotRotated:
      'A key shared with the core systems: rotating it without them switching at the same moment would ' +
      'reject every claim and policy event, so it is rotated by a coordinated runbook (both v1 values ' +
      'are accepted during the switch).',
  },
  'unsubscribe-signing': {
    description: 'HS256 key of the unsubscribe links in care messages',
    whyNotRotated:
      "Links already in customers' mailboxes stay valid for 60 days and carry no key id: rotating the key " +
      'would silently break every unsubscribe link sent before, which the law requires to keep working, so ' +
      'rotation is a planned change with an overlap period, not a scheduled Lambda.',
  },
  'customer-link-signing': {
    description: "HMAC-SHA256 key of the status and rating links in messages about a customer's complaint",
    whyNotRotated:
      'Links already sent stay valid for 90 days and carry no key id: rotating the key would break every ' +
      'status and rating link a customer holds, so rotation is a planned change with an overlap period.',
  },
  'reply-signing': {
    description: 'HMAC-SHA256 key of the reply addresses (reply+<token>@<domain>) on complaint messages',
    whyNotRotated:
      "Reply addresses in customers' mailboxes stay valid for 120 days and carry no key id: rotating the key " +
      'would turn every reply to an earlier message into an unknown sender, so rotation is a planned change ' +
      'with an overlap period, not a scheduled Lambda.',
  },
};

/**
 * A bucket's name: the stage's, with the account and region that make it globally unique. Built from
 * pseudo parameters rather than read from the bucket, so a function's stack names the bucket (its
 * environment variable, its grants) without importing anything from this stack.
 */
export function bucketName(config: StageConfig, definition: BucketDefinition): string {
  const kebab = definition.id.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
  return `${resourceName(config.stage, kebab)}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

/**
 * CORS for the status page's presigned POST: the page reads S3's answer to know the upload landed.
 * With a custom domain the site's origin is known here; without one it is the distribution's
 * *.cloudfront.net name, made by the services stack, which depends on this one, so any origin may
 * POST. That opens nothing: the presigned policy is the capability (its key, size, type and expiry
 * signed), CORS only lets a page read S3's empty answer, and no other method is allowed.
 */
export function uploadCors(config: StageConfig) {
  const domain = config.site.domain?.name;
  return {
    allowedMethods: [HttpMethods.POST],
    allowedOrigins: domain ? [`https://${domain}`] : ['*'],
    maxAge: 3600,
  };
}

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

export class StatefulStack extends Stack {
  readonly resources: StatefulResources;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    const { config } = props;
    super(scope, id, { ...props, terminationProtection: config.terminationProtection });

    const key = new Key(this, 'DataKey', {
      alias: `alias/${resourceName(config.stage, 'data')}`,
      description: 'Encrypts complaint, customer, message and campaign data and the hotline secret',
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
    });

    const boundTables = {} as Record<TableId, StatefulTable>;
    for (const id of tableIds) {
      boundTables[id] = { table: this.table(tables[id], key, config), definition: tables[id], key };
    }

    const bus = new EventBus(this, 'Bus', { eventBusName: resourceName(config.stage, 'events') });
    // Every domain event can be replayed into the bus (a new consumer, a fixed bug).
    bus.archive('Archive', {
      archiveName: resourceName(config.stage, 'events'),
      description: 'Every Complaint & Care domain event, for replay',
      eventPattern: { source: [EVENT_SOURCE] },
      retention: config.eventArchiveRetention,
    });

    const secrets = {} as Record<SecretName, Secret>;
    for (const name of secretNames) {
      const secret = new Secret(this, `Secret-${name}`, {
        secretName: resourceName(config.stage, name),
        description: SECRETS[name].description,
        encryptionKey: key,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy: config.removalPolicy,
      });
      Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: SECRETS[name].whyNotRotated });
      secrets[name] = secret;
    }

    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging writes with object ACLs, so ACLs stay enabled (owner preferred).
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(config.logRetention) }],
      removalPolicy: config.removalPolicy,
      autoDeleteObjects: config.removalPolicy === RemovalPolicy.DESTROY,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The access-log bucket itself: logging access to it would write into itself or into another log bucket with no further purpose.',
    });

    const boundBuckets = {} as Record<BucketId, StatefulBucket>;
    for (const id of bucketIds) {
      const definition = buckets[id];
      const bucket = this.bucket(definition, key, accessLogs, config);
      boundBuckets[id] = {
        bucket,
        name: bucketName(config, definition),
        definition,
        key: definition.encryption === 'data-key' ? key : undefined,
      };
    }

    this.resources = { key, tables: boundTables, buckets: boundBuckets, bus, secrets, accessLogs };
  }

  /**
   * A private bucket of customers' data: encrypted with the data key, public access blocked, TLS
   * only, server access logs into the access-log bucket, objects expired after the stage's retention.
   */
  private bucket(definition: BucketDefinition, key: Key, accessLogs: Bucket, config: StageConfig): Bucket {
    const retention =
      definition.id === 'Attachments' ? config.attachmentRetention : config.inboundMailRetention;
    const name = bucketName(config, definition);
    return new Bucket(this, definition.id, {
      bucketName: name,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      ...(definition.encryption === 'data-key'
        ? {
            encryption: BucketEncryption.KMS,
            encryptionKey: key,
            // S3 asks KMS once per bucket and hour rather than once per object
            bucketKeyEnabled: true,
          }
        : { encryption: BucketEncryption.S3_MANAGED }),
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: `s3/${definition.id}/`,
      lifecycleRules: [{ expiration: retention, abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      ...(definition.browserUploads && { cors: [uploadCors(config)] }),
      removalPolicy: config.removalPolicy,
      autoDeleteObjects: config.removalPolicy === RemovalPolicy.DESTROY,
    });
  }

  private table(definition: TableDefinition, key: Key, config: StageConfig): Table {
    const table = new Table(this, definition.id, {
      tableName: resourceName(config.stage, definition.id.toLowerCase()),
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      stream: definition.stream ? StreamViewType.NEW_AND_OLD_IMAGES : undefined,
      timeToLiveAttribute: definition.timeToLiveAttribute,
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
    });
    for (const index of definition.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: index.sortKey ? { name: index.sortKey, type: AttributeType.STRING } : undefined,
        ...(index.projection === 'keys-only'
          ? { projectionType: ProjectionType.KEYS_ONLY }
          : index.projection === 'include'
            ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...(index.include ?? [])] }
            : { projectionType: ProjectionType.ALL }),
      });
    }
    return table;
  }
}
