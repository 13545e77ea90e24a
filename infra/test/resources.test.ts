/**
 * The properties that matter on what the app creates, against the fixture topology: runtime and
 * architecture, log retention, DLQs and visibility timeouts, table protection and encryption, and
 * IAM policies that name only what the topology says each function uses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { secretNames, secretSources } from '#shared/aws/secrets';
import {
  type BucketId,
  bucketIds,
  buckets as buckets_,
  INBOUND_MAIL_PREFIX,
} from '#shared/contracts/buckets';
import { type TableId, tableIds, tables } from '#shared/contracts/tables';
import { fixtureTopology } from '../../test/fixtures/topology';
import { resourceName } from '../config/stages';
import { VISIBILITY_TIMEOUT_FACTOR } from '../constructs/subscription';
import { topology as productTopology } from '../topology';
import { secretsReadBy, tableAccessOf } from '../topology-derived';
import {
  actionsOf,
  appFunctions,
  byName,
  functionOf,
  queueOf,
  resourcesOf,
  type Synthesized,
  statementsOf,
  synthesize,
  tableLogicalId,
} from './support/synth';

const SYNTH_TIMEOUT = 120_000;
const topology = fixtureTopology;
const functionNames = Object.keys(topology.functions);

let dev: Synthesized;
let prod: Synthesized;
beforeAll(() => {
  // The fixture with real esbuild bundles; `npm run synth` bundles the product topology.
  dev = synthesize(topology, 'dev');
  prod = synthesize(productTopology, 'prod', { bundle: false });
}, SYNTH_TIMEOUT);

const getAttId = (value: unknown) => (value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
const refId = (value: unknown) => (value as { Ref: string }).Ref;

describe('functions', () => {
  it('every function runs Node.js 22 or newer on arm64 with active tracing', () => {
    for (const s of [dev, prod]) {
      const functions = appFunctions(s.servicesTemplate);
      expect(functions.length).toBeGreaterThan(0);
      for (const fn of functions) {
        const major = /^nodejs(\d+)\.x$/.exec(String(fn.Properties.Runtime))?.[1];
        expect(Number(major), String(fn.Properties.FunctionName)).toBeGreaterThanOrEqual(22);
        expect(fn.Properties.Architectures).toEqual(['arm64']);
        expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      }
    }
  });

  it("a function's asset holds index.js and the sdk.js its lazy AWS clients require on the first call", () => {
    let withSdkFile = 0;
    for (const name of functionNames) {
      const [, fn] = functionOf(dev, name);
      const key = String((fn.Properties.Code as { S3Key: unknown }).S3Key);
      const asset = path.join(dev.assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
      const index = readFileSync(path.join(asset, 'index.js'), 'utf8');
      // the SDK modules of shared/aws/lazy.ts stay out of the bundle read at init ...
      if (!/require\("#shared\/aws\/sdk\/[\w-]+"\)/.test(index)) continue;
      withSdkFile++;
      // ... and sit beside it (shared/aws/bundle/sdk-file.mjs), named by the asset's package.json
      expect(readFileSync(path.join(asset, 'sdk.js'), 'utf8').length, name).toBeGreaterThan(0);
      expect(JSON.parse(readFileSync(path.join(asset, 'package.json'), 'utf8')).imports, name).toEqual({
        '#shared/aws/sdk/*': './sdk.js',
      });
    }
    expect(withSdkFile).toBeGreaterThan(0);
  });

  it('every topology function exists, with its memory, timeout and Powertools settings', () => {
    for (const name of functionNames) {
      const spec = topology.functions[name]!;
      const [, fn] = functionOf(dev, name);
      expect(fn.Properties.MemorySize).toBe(spec.memoryMb);
      expect(fn.Properties.Timeout).toBe(spec.timeoutSeconds);
      expect(fn.Properties.Handler).toBe('index.handler');
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      // source maps are read when an error is logged, not parsed at every cold start
      expect(env.NODE_OPTIONS).toBeUndefined();
      expect(env).toMatchObject({
        POWERTOOLS_SERVICE_NAME: spec.service,
        POWERTOOLS_METRICS_NAMESPACE: 'ComplaintCare',
        STAGE: 'dev',
      });
    }
  });

  it('every function logs to its own log group with the stage retention', () => {
    for (const s of [dev, prod]) {
      const logGroups = resourcesOf(s.servicesTemplate, 'AWS::Logs::LogGroup');
      for (const fn of appFunctions(s.servicesTemplate)) {
        const logGroupId = refId((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup);
        const logGroup = logGroups[logGroupId]!;
        expect(logGroup.Properties.LogGroupName).toBe(`/aws/lambda/${fn.Properties.FunctionName}`);
        expect(logGroup.Properties.RetentionInDays).toBe(s.config.logRetention);
      }
    }
  });
});

describe('stacks', () => {
  // CloudFormation refuses a template of more than 500 resources; the margin is room to grow.
  const LIMIT = 500;
  const MARGIN = 100;
  it(`each stack of the product app, nested ones included, holds at most ${LIMIT - MARGIN} resources`, () => {
    const counts = prod.assembly.stacksRecursively.flatMap((stack) => [
      [stack.stackName, Object.keys(stack.template.Resources).length] as const,
      ...[...prod.services.services.values()].map((service) => {
        const file = path.join(prod.assembly.directory, service.templateFile);
        const template = JSON.parse(readFileSync(file, 'utf8')) as { Resources: object };
        return [service.node.path, Object.keys(template.Resources).length] as const;
      }),
    ]);
    expect(counts.length).toBeGreaterThan(prod.services.services.size);
    expect(counts.filter(([, count]) => count > LIMIT - MARGIN)).toEqual([]);
  });
});

describe('queues', () => {
  it('every subscription queue redrives to its -dlq after maxReceiveCount', () => {
    for (const sub of topology.subscriptions) {
      const [, queue] = queueOf(dev, sub.queue);
      const [dlqId] = queueOf(dev, `${sub.queue}-dlq`);
      const redrive = queue.Properties.RedrivePolicy as {
        deadLetterTargetArn: unknown;
        maxReceiveCount: number;
      };
      expect(getAttId(redrive.deadLetterTargetArn)).toBe(dlqId);
      expect(redrive.maxReceiveCount).toBe(sub.maxReceiveCount);
    }
  });

  it('every subscription queue hides a message for at least 6x its function timeout', () => {
    for (const sub of topology.subscriptions) {
      const [, queue] = queueOf(dev, sub.queue);
      const timeout = topology.functions[sub.function]!.timeoutSeconds;
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(VISIBILITY_TIMEOUT_FACTOR * timeout);
    }
  });

  it('every queue is encrypted at rest and refuses requests without TLS', () => {
    const policies = Object.values(resourcesOf(dev.servicesTemplate, 'AWS::SQS::QueuePolicy'));
    for (const [id, queue] of Object.entries(resourcesOf(dev.servicesTemplate, 'AWS::SQS::Queue'))) {
      expect(queue.Properties.SqsManagedSseEnabled ?? queue.Properties.KmsMasterKeyId).toBeTruthy();
      const denyInsecure = policies.some(
        (p) =>
          (p.Properties.Queues as unknown[]).some((q) => refId(q) === id) &&
          JSON.stringify(p.Properties.PolicyDocument).includes('"aws:SecureTransport":"false"'),
      );
      expect(denyInsecure, String(queue.Properties.QueueName)).toBe(true);
    }
  });

  it('every dead-letter queue has an alarm on visible messages > 0', () => {
    const alarms = Object.values(resourcesOf(dev.servicesTemplate, 'AWS::CloudWatch::Alarm'));
    const dlqs = Object.entries(resourcesOf(dev.servicesTemplate, 'AWS::SQS::Queue')).filter(([, q]) =>
      String(q.Properties.QueueName).endsWith('-dlq'),
    );
    // each subscription and stream has one; the schedules share one
    expect(dlqs.length).toBe(topology.subscriptions.length + 1 + topology.streams.length);
    for (const [dlqId, dlq] of dlqs) {
      const alarm = alarms.find((a) =>
        (a.Properties.Dimensions as { Name: string; Value: unknown }[]).some(
          (d) => d.Name === 'QueueName' && getAttId(d.Value) === dlqId,
        ),
      );
      expect(alarm, String(dlq.Properties.QueueName)).toBeDefined();
      expect(alarm!.Properties).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
      expect(alarm!.Properties.AlarmActions).toHaveLength(1);
    }
  });
});

describe('tables', () => {
  it('every table: on-demand, point-in-time recovery, customer-managed KMS, contract keys and indexes', () => {
    for (const s of [dev, prod]) {
      const all = resourcesOf(s.statefulTemplate, 'AWS::DynamoDB::Table');
      expect(Object.keys(all)).toHaveLength(tableIds.length);
      for (const id of tableIds) {
        const table = all[tableLogicalId(s, id)]!;
        const contract = tables[id];
        expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
        expect(table.Properties.PointInTimeRecoverySpecification).toMatchObject({
          PointInTimeRecoveryEnabled: true,
        });
        expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
        expect((table.Properties.SSESpecification as Record<string, unknown>).KMSMasterKeyId).toBeDefined();
        expect(table.Properties.KeySchema).toEqual([
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ]);
        const indexes =
          (table.Properties.GlobalSecondaryIndexes as { IndexName: string }[] | undefined) ?? [];
        expect(indexes.map((i) => i.IndexName).sort()).toEqual(contract.indexes.map((i) => i.name).sort());
        // a lookup index copies keys only, so updates that leave its keys alone never write it; an
        // INCLUDE index copies just the attributes it names
        for (const index of contract.indexes) {
          const deployed = indexes.find((i) => i.IndexName === index.name) as
            | { Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] } }
            | undefined;
          expect(deployed?.Projection, index.name).toEqual(
            index.projection === 'keys-only'
              ? { ProjectionType: 'KEYS_ONLY' }
              : index.projection === 'include'
                ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...(index.include ?? [])] }
                : { ProjectionType: 'ALL' },
          );
        }
        expect(table.Properties.StreamSpecification).toEqual(
          contract.stream ? { StreamViewType: 'NEW_AND_OLD_IMAGES' } : undefined,
        );
        expect(table.Properties.TimeToLiveSpecification).toEqual(
          contract.timeToLiveAttribute
            ? { AttributeName: contract.timeToLiveAttribute, Enabled: true }
            : undefined,
        );
      }
    }
  });

  it('prod retains tables and protects them from deletion; dev destroys them', () => {
    for (const id of tableIds) {
      const prodTable = resourcesOf(prod.statefulTemplate, 'AWS::DynamoDB::Table')[tableLogicalId(prod, id)]!;
      expect(prodTable.DeletionPolicy).toBe('Retain');
      expect(prodTable.Properties.DeletionProtectionEnabled).toBe(true);
      const devTable = resourcesOf(dev.statefulTemplate, 'AWS::DynamoDB::Table')[tableLogicalId(dev, id)]!;
      expect(devTable.DeletionPolicy).toBe('Delete');
      expect(devTable.Properties.DeletionProtectionEnabled).toBe(false);
    }
  });

  it('one generated secret per secret name, encrypted with the data key', () => {
    const [keyId] = Object.keys(resourcesOf(dev.statefulTemplate, 'AWS::KMS::Key'));
    for (const name of secretNames) {
      const [, secret] = byName(
        dev.statefulTemplate,
        'AWS::SecretsManager::Secret',
        'Name',
        resourceName('dev', name),
      );
      expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      expect(secret.Properties.GenerateSecretString).toBeDefined();
    }
  });

  it('the data key rotates', () => {
    for (const key of Object.values(resourcesOf(dev.statefulTemplate, 'AWS::KMS::Key'))) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
    }
  });

  it('the event bus has an archive of every domain event', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::Events::EventBus', {
      Name: resourceName('dev', 'events'),
    });
    dev.statefulTemplate.hasResourceProperties('AWS::Events::Archive', {
      EventPattern: { source: ['complaint-care'] },
    });
  });
});

describe('least privilege', () => {
  const tablesNamedBy = (s: Synthesized, fn: string): TableId[] => {
    const text = JSON.stringify(statementsOf(s, fn));
    return tableIds.filter((id) => text.includes(tableLogicalId(s, id)));
  };

  it("each function's policy names exactly the tables the topology gives it", () => {
    for (const name of functionNames) {
      const expected = Object.keys(tableAccessOf(topology, name)).sort();
      expect(tablesNamedBy(dev, name).sort(), name).toEqual(expected);
    }
  });

  it('the access audit is append-only: its writers may put items, and no function may update or delete one', () => {
    const audit = tableLogicalId(prod, 'AccessAudit');
    const writers: string[] = [];
    for (const name of Object.keys(productTopology.functions)) {
      const actions = statementsOf(prod, name)
        .filter((st) => JSON.stringify(st.Resource).includes(audit))
        .flatMap(actionsOf);
      for (const forbidden of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'])
        expect(actions, `${name} ${forbidden}`).not.toContain(forbidden);
      if (actions.includes('dynamodb:PutItem')) writers.push(name);
    }
    expect(writers.sort()).toEqual(['cases-api', 'privacy-api']);
  });

  it("the recorder's policy names the Messages table and not Complaints", () => {
    expect(tablesNamedBy(dev, 'recorder')).toEqual(['Messages']);
  });

  it('each function reads/consumes only its own subscription queues and sends only to its DLQs', () => {
    const queueIds = Object.fromEntries(
      Object.entries(resourcesOf(dev.servicesTemplate, 'AWS::SQS::Queue')).map(([id, q]) => [
        id,
        String(q.Properties.QueueName),
      ]),
    );
    for (const name of functionNames) {
      const text = JSON.stringify(statementsOf(dev, name));
      const named = Object.entries(queueIds)
        .filter(([id]) => text.includes(`"${id}"`))
        .map(([, queueName]) => queueName)
        .sort();
      const expected = [
        ...topology.subscriptions.filter((s) => s.function === name).map((s) => s.queue),
        ...(topology.functions[name]!.sendsToQueues ?? []),
        ...topology.streams
          .filter((s) => s.function === name)
          .map((s) => `${s.function}-${s.table.toLowerCase()}-stream-dlq`),
      ]
        .map((q) => resourceName('dev', q))
        .sort();
      expect(named, name).toEqual(expected);
    }
  });

  it('only functions that publish events may put them on the bus, and they get its name', () => {
    for (const name of functionNames) {
      const publishes = topology.functions[name]!.publishesEvents === true;
      const statements = statementsOf(dev, name);
      expect(
        statements.some((st) => actionsOf(st).includes('events:PutEvents')),
        name,
      ).toBe(publishes);
      const env = (functionOf(dev, name)[1].Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect('EVENT_BUS_NAME' in env, name).toBe(publishes);
    }
  });

  it('each function reads exactly the secrets it declares (and the hotline secret behind signed routes)', () => {
    const secretIds = Object.fromEntries(
      secretNames.map((n) => [
        n,
        byName(dev.statefulTemplate, 'AWS::SecretsManager::Secret', 'Name', resourceName('dev', n))[0],
      ]),
    );
    // the fixture's echo serves a hotline-signature route without declaring the secret
    expect(secretsReadBy(topology, 'echo')).toEqual(['hotline-signing']);
    for (const name of functionNames) {
      const text = JSON.stringify(statementsOf(dev, name));
      const env = (functionOf(dev, name)[1].Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      const expected = secretsReadBy(topology, name);
      expect(
        secretNames.filter((n) => text.includes(secretIds[n]!)),
        name,
      ).toEqual(expected);
      expect(
        secretNames.filter((n) => secretSources[n].arnEnvVar in env),
        name,
      ).toEqual(expected);
    }
  });

  it('no function may send messages or use a wildcard action unless declared', () => {
    for (const name of functionNames) {
      const actions = statementsOf(dev, name).flatMap(actionsOf);
      expect(
        actions.filter((a) => a.includes('*')),
        name,
      ).toEqual([]);
      expect(actions.some((a) => a.startsWith('ses:') || a.startsWith('sms-voice:'))).toBe(
        topology.functions[name]!.sendsMessages === true,
      );
    }
  });

  it('each function gets the env var of every table it is bound to', () => {
    for (const name of functionNames) {
      const env = (functionOf(dev, name)[1].Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      for (const table of Object.keys(tableAccessOf(topology, name)) as TableId[]) {
        expect(env[tables[table].envVar], `${name} ${table}`).toBeDefined();
      }
    }
  });
});

describe('buckets', () => {
  const bucketNamePrefix = (id: BucketId) =>
    `${resourceName('prod', id.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase())}-`;
  /** A bucket's name as the template spells it: a join of the prefix and pseudo parameters. */
  const named = (value: unknown, id: BucketId) =>
    (JSON.stringify(value) ?? '').includes(bucketNamePrefix(id));

  it('every bucket: encrypted, private, TLS only, access-logged, expiring after the stage retention', () => {
    const buckets = Object.entries(resourcesOf(prod.statefulTemplate, 'AWS::S3::Bucket'));
    const policies = Object.values(resourcesOf(prod.statefulTemplate, 'AWS::S3::BucketPolicy'));
    for (const id of bucketIds) {
      const found = buckets.find(([, b]) => named(b.Properties.BucketName, id));
      expect(found, id).toBeDefined();
      const [logicalId, bucket] = found!;
      // biome-ignore lint/suspicious/noExplicitAny: a CloudFormation template read as it is
      const props = bucket.Properties as Record<string, any>;
      const sse = props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
      expect(sse.SSEAlgorithm, id).toBe(buckets_[id].encryption === 'data-key' ? 'aws:kms' : 'AES256');
      expect(props.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(props.LoggingConfiguration?.DestinationBucketName, id).toBeDefined();
      const days = id === 'Attachments' ? 5 * 365 : 90;
      expect(props.LifecycleConfiguration.Rules[0].ExpirationInDays, id).toBe(days);
      const tlsOnly = policies.some(
        (p) =>
          JSON.stringify(p.Properties.Bucket).includes(logicalId) &&
          JSON.stringify(p.Properties.PolicyDocument).includes('"aws:SecureTransport":"false"'),
      );
      expect(tlsOnly, id).toBe(true);
    }
  });

  it('each function reads, writes and deletes from exactly the buckets the topology gives it, and gets their names', () => {
    for (const [name, spec] of Object.entries(productTopology.functions)) {
      const statements = statementsOf(prod, name);
      const env = (functionOf(prod, name)[1].Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      for (const id of bucketIds) {
        const access = spec.buckets?.[id];
        const on = statements.filter((s) => named(s.Resource, id)).flatMap(actionsOf);
        expect(on.includes('s3:GetObject'), `${name} reads ${id}`).toBe(
          access === 'read' || access === 'readWrite' || access === 'readErase',
        );
        expect(on.includes('s3:PutObject'), `${name} writes ${id}`).toBe(
          access === 'write' || access === 'readWrite',
        );
        expect(on.includes('s3:DeleteObject'), `${name} deletes from ${id}`).toBe(
          access === 'erase' || access === 'readErase',
        );
        expect(env[buckets_[id].envVar] !== undefined, `${name} ${id} env`).toBe(access !== undefined);
      }
    }
  });

  it("customers' replies: SES stores the email in the inbound-mail bucket, then invokes the email function; SMS arrive through a topic", () => {
    const [rule] = Object.values(resourcesOf(prod.servicesTemplate, 'AWS::SES::ReceiptRule'));
    // biome-ignore lint/suspicious/noExplicitAny: a CloudFormation template read as it is
    const actions = (rule!.Properties.Rule as { Actions: Record<string, any>[] }).Actions;
    expect((rule!.Properties.Rule as { Recipients: string[] }).Recipients).toEqual([
      'reply.complaints.example.com',
    ]);
    expect(actions[0]!.S3Action.ObjectKeyPrefix).toBe(INBOUND_MAIL_PREFIX);
    // the stateful stack's bucket, imported by reference
    expect(JSON.stringify(actions[0]!.S3Action.BucketName)).toContain('InboundMail');
    const [emailFn] = functionOf(prod, productTopology.inbound!.email);
    expect(JSON.stringify(actions[1]!.LambdaAction.FunctionArn)).toContain(emailFn);
    expect(actions[1]!.LambdaAction.InvocationType).toBe('Event');
    const [smsFn] = functionOf(prod, productTopology.inbound!.sms);
    const subscriptions = Object.values(resourcesOf(prod.servicesTemplate, 'AWS::SNS::Subscription'));
    expect(
      subscriptions.some(
        (s) => s.Properties.Protocol === 'lambda' && JSON.stringify(s.Properties.Endpoint).includes(smsFn),
      ),
    ).toBe(true);
  });
});
