/**
 * Binding a function to a resource: one call sets the environment variable the handler reads and
 * grants exactly the access the topology declares, nothing more.
 */
import { Aws, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { type SecretName, secretSources } from '#shared/aws/secrets';
import type { BucketDefinition } from '#shared/contracts/buckets';
import type { TableDefinition } from '#shared/contracts/tables';
import { ENV, queueUrlEnvVar } from '#shared/env';
import type { BucketAccess, TableAccess } from '../topology-types';

/** A table together with its contract (env var, indexes) and the key it is encrypted with. */
export interface BoundTable {
  readonly table: ITable;
  readonly definition: TableDefinition;
  readonly key: IKey;
}

// Data-plane actions only, spelled out (no wildcards). ConditionCheckItem belongs to both sides:
// TransactWriteItems checks conditions with it, and reads may use it standalone.
const TABLE_ACTIONS: Record<'read' | 'write' | 'append', readonly string[]> = {
  read: [
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DescribeTable',
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
  ],
  write: [
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:DescribeTable',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
  ],
  // an append-only log: new items only (each put is conditioned on a new key), never changed
  append: ['dynamodb:DescribeTable', 'dynamodb:PutItem'],
};

// What DynamoDB asks KMS for on the caller's behalf with a customer-managed key.
const KEY_ACTIONS: Record<'read' | 'write' | 'append', readonly string[]> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  write: [
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyWithoutPlaintext',
    'kms:ReEncryptFrom',
    'kms:ReEncryptTo',
  ],
  append: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
};

type BucketSide = 'read' | 'write' | 'erase';

function sidesOf<A extends string>(access: A | 'readWrite'): (A | 'read' | 'write')[] {
  return access === 'readWrite' ? ['read', 'write'] : [access];
}

function tableSidesOf(access: TableAccess): ('read' | 'write' | 'append')[] {
  if (access === 'readAppend') return ['read', 'append'];
  return access === 'append' ? ['append'] : sidesOf<'read' | 'write'>(access);
}

/**
 * Sets the table's env var and grants `access` on the table (and, for reads, on its declared
 * indexes by name rather than `index/*`), plus the matching use of its KMS key through DynamoDB only.
 */
export function bindTable(fn: LambdaFn, { table, definition, key }: BoundTable, access: TableAccess): void {
  fn.addEnvironment(definition.envVar, table.tableName);
  const sides = tableSidesOf(access);
  const indexArns = definition.indexes.map((index) => `${table.tableArn}/index/${index.name}`);
  for (const side of sides) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: [...TABLE_ACTIONS[side]],
        resources: side === 'read' ? [table.tableArn, ...indexArns] : [table.tableArn],
      }),
    );
  }
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: [...new Set(sides.flatMap((side) => KEY_ACTIONS[side]))],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(fn).region}.amazonaws.com` } },
    }),
  );
}

/** A bucket together with its contract (env var) and the key it is encrypted with, if a KMS one. */
export interface BoundBucket {
  readonly bucket: IBucket;
  /** Its physical name, from pseudo parameters that resolve in whichever stack uses them. */
  readonly name: string;
  readonly definition: BucketDefinition;
  readonly key?: IKey;
}

// Object actions only, on the bucket's objects; listing is on the bucket itself. A presigned link
// or upload form acts with the rights of the function that signed it, so these bound them too.
const OBJECT_ACTIONS: Record<BucketSide, readonly string[]> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject'],
  // an erasure deletes a person's objects without reading them
  erase: ['s3:DeleteObject'],
};
const OBJECT_KEY_ACTIONS: Record<BucketSide, readonly string[]> = {
  read: ['kms:Decrypt'],
  // S3 asks for a data key to encrypt a new object, and decrypts it to check a multipart upload
  write: ['kms:Decrypt', 'kms:GenerateDataKey'],
  // deleting an object needs no key
  erase: [],
};

/**
 * Sets the bucket's env var and grants `access` on its objects (reading also lists them), plus
 * the matching use of its KMS key through S3 only.
 */
export function bindBucket(fn: LambdaFn, { name, definition, key }: BoundBucket, access: BucketAccess): void {
  fn.addEnvironment(definition.envVar, name);
  const bucketArn = `arn:${Aws.PARTITION}:s3:::${name}`;
  const objects = `${bucketArn}/*`;
  const sides: BucketSide[] = access === 'readErase' ? ['read', 'erase'] : sidesOf<BucketSide>(access);
  const keyActions = [...new Set(sides.flatMap((side) => OBJECT_KEY_ACTIONS[side]))];
  fn.addToRolePolicy(
    new PolicyStatement({ actions: sides.flatMap((side) => OBJECT_ACTIONS[side]), resources: [objects] }),
  );
  // listing names the objects (a complaint's, under its prefix) without reading them
  if (sides.includes('read') || sides.includes('erase'))
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucketArn] }));
  if (key && keyActions.length > 0)
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: keyActions,
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(fn).region}.amazonaws.com` } },
      }),
    );
  Validations.of(fn.role ?? fn).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagFindingOf(Stack.of(fn), objects)}]`,
    reason:
      "Object keys are generated per complaint and document (complaints/<complaintId>/<attachmentId>, a received email's id): " +
      'the function works on any object of this one bucket, and on no other bucket.',
  });
}

/** EVENT_BUS_NAME and events:PutEvents on this bus only. */
export function bindEventBus(fn: LambdaFn, bus: IEventBus): void {
  fn.addEnvironment(ENV.eventBusName, bus.eventBusName);
  bus.grantPutEventsTo(fn);
}

/**
 * The secret's ARN in its environment variable (shared/aws/secrets.ts), read access to it, and
 * decryption with its key through Secrets Manager only. Granted on the function's role rather than
 * through `secret.grantRead`, which would name the role in the key policy and make the stateful
 * stack depend on the services stack.
 */
export function bindSecret(fn: LambdaFn, name: SecretName, secret: ISecret, key: IKey): void {
  fn.addEnvironment(secretSources[name].arnEnvVar, secret.secretArn);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [secret.secretArn],
    }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [key.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(fn).region}.amazonaws.com` },
      },
    }),
  );
}

/** `QUEUE_URL_<NAME>` and send access to that queue only. */
export function bindQueueSender(fn: LambdaFn, queueName: string, queue: IQueue): void {
  fn.addEnvironment(queueUrlEnvVar(queueName), queue.queueUrl);
  queue.grantSendMessages(fn);
}

/**
 * Email through SES from the stage's sender identity only, with the stage's configuration set
 * (`SES_CONFIGURATION_SET`, so bounces and complaints come back), and SMS through End User
 * Messaging. Origination numbers and sender IDs are registered per account outside this app, so
 * the SMS grant is scoped to this account and region.
 */
export function allowSendingMessages(
  fn: LambdaFn,
  emailIdentity: string,
  configurationSet: { readonly name: string; readonly arn: string },
): void {
  const stack = Stack.of(fn);
  fn.addEnvironment('SES_CONFIGURATION_SET', configurationSet.name);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: emailIdentity }),
        configurationSet.arn,
      ],
    }),
  );
  const smsResources = stack.formatArn({ service: 'sms-voice', resource: '*' });
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources: [smsResources] }),
  );
  Validations.of(fn.role ?? fn).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagFindingOf(stack, smsResources)}]`,
    reason:
      'Origination numbers, sender IDs and opt-out lists are registered per account outside this app; ' +
      'sending SMS is limited to this account and region.',
  });
}

/** The text cdk-nag uses for a resource in an IAM5 finding: references as `<Logical.Attr>`. */
function nagFindingOf(stack: Stack, value: string): string {
  const flatten = (node: unknown): string => {
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (Array.isArray(o['Fn::Join'])) {
        const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
        return items.map(flatten).join(delimiter);
      }
      if (typeof o.Ref === 'string') return `<${o.Ref}>`;
    }
    return JSON.stringify(node);
  };
  return Token.isUnresolved(value) ? flatten(stack.resolve(value)) : value;
}
