/**
 * Every capability a topology function can declare (read-only and write-only tables, the hotline
 * secret, sending messages, sending to another subscription's queue, a batching window) synthesizes
 * without nag errors and grants exactly that capability.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureTopology } from '../../test/fixtures/topology';
import { resourceName, stageConfigs } from '../config/stages';
import type { Topology } from '../topology-types';
import {
  actionsOf,
  functionOf,
  queueOf,
  reportedViolations,
  type Synthesized,
  statementsOf,
  synthesize,
  tableLogicalId,
} from './support/synth';

const SYNTH_TIMEOUT = 120_000;

const capable: Topology = {
  ...fixtureTopology,
  functions: {
    ...fixtureTopology.functions,
    echo: {
      ...fixtureTopology.functions.echo!,
      readsHotlineSecret: true,
      readsPiiHashKey: true,
      sendsMessages: true,
      sendsToQueues: ['recorder-received'],
    },
    ticker: { ...fixtureTopology.functions.ticker!, tables: { Campaigns: 'read', Customers: 'write' } },
  },
  subscriptions: fixtureTopology.subscriptions.map((s) =>
    s.queue === 'flaky-received' ? { ...s, batchSize: 50, maxBatchingWindowSeconds: 5 } : s,
  ),
};

let s: Synthesized;
beforeAll(() => {
  s = synthesize(capable, 'dev', { bundle: false });
}, SYNTH_TIMEOUT);

const envOf = (name: string) =>
  (functionOf(s, name)[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const statementsNaming = (fn: string, needle: string) =>
  statementsOf(s, fn).filter((st) => JSON.stringify(st.Resource).includes(needle));

describe('every declarable capability', () => {
  it('synthesizes with no nag or validation errors', () => {
    expect(reportedViolations(s.assembly).filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('read-only access grants no write action, write-only access no read action', () => {
    const campaigns = statementsNaming('ticker', tableLogicalId(s, 'Campaigns')).flatMap(actionsOf);
    expect(campaigns).toContain('dynamodb:Query');
    expect(campaigns.filter((a) => /Put|Update|Delete|BatchWrite/.test(a))).toEqual([]);
    const customers = statementsNaming('ticker', tableLogicalId(s, 'Customers')).flatMap(actionsOf);
    expect(customers).toContain('dynamodb:PutItem');
    expect(customers.filter((a) => /GetItem|Query|Scan/.test(a))).toEqual([]);
  });

  it('reads on a table reach its declared indexes by name, never index/*', () => {
    const resources = JSON.stringify(statementsNaming('ticker', tableLogicalId(s, 'Campaigns')));
    expect(resources).not.toContain('/index/*');
    const echoResources = JSON.stringify(statementsNaming('echo', tableLogicalId(s, 'Complaints')));
    for (const index of ['gsi1', 'gsi2', 'gsi3']) expect(echoResources).toContain(`/index/${index}`);
  });

  it('the table key is usable through DynamoDB only', () => {
    const keyStatements = statementsOf(s, 'ticker').filter((st) =>
      actionsOf(st).some((a) => a.startsWith('kms:')),
    );
    for (const st of keyStatements) {
      expect(JSON.stringify(st.Condition)).toContain('kms:ViaService');
    }
  });

  it('secrets: each ARN in its env var, read access to it, decryption via Secrets Manager only', () => {
    expect(envOf('echo').HOTLINE_SECRET_ARN).toBeDefined();
    expect(envOf('echo').PII_HASH_KEY_ARN).toBeDefined();
    const secretStatements = statementsOf(s, 'echo').filter((st) =>
      actionsOf(st).includes('secretsmanager:GetSecretValue'),
    );
    expect(secretStatements).toHaveLength(2);
    const keyForSecrets = statementsOf(s, 'echo').filter((st) =>
      JSON.stringify(st.Condition ?? {}).includes('secretsmanager.'),
    );
    // both secrets share the data key: one statement, decrypt only
    expect(keyForSecrets.flatMap(actionsOf)).toEqual(['kms:Decrypt']);
    expect(envOf('recorder').HOTLINE_SECRET_ARN).toBeUndefined();
    expect(envOf('recorder').PII_HASH_KEY_ARN).toBeUndefined();
  });

  it('sending messages: SES from the stage identity only, with the configuration set, and SMS', () => {
    const ses = statementsOf(s, 'echo').find((st) => actionsOf(st).includes('ses:SendEmail'))!;
    // the identity is the domain notify sends from (EMAIL_FROM), so the grant never refuses it
    expect(stageConfigs.dev.settings.EMAIL_FROM).toMatch(/@dev\.complaints\.example\.com$/);
    expect(JSON.stringify(ses.Resource)).toContain('identity/dev.complaints.example.com"');
    const [configurationSetId] = Object.keys(s.servicesTemplate.findResources('AWS::SES::ConfigurationSet'));
    expect(JSON.stringify(ses.Resource)).toContain('configuration-set/');
    expect(JSON.stringify(ses.Resource)).toContain(configurationSetId);
    expect(envOf('echo').SES_CONFIGURATION_SET).toEqual({ Ref: configurationSetId });
    expect(statementsOf(s, 'echo').flatMap(actionsOf)).toContain('sms-voice:SendTextMessage');
  });

  it('the SES configuration set publishes bounces and complaints to the default bus (the only bus SES supports)', () => {
    s.servicesTemplate.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: resourceName('dev', 'email'),
    });
    const [destination] = Object.values(
      s.servicesTemplate.findResources('AWS::SES::ConfigurationSetEventDestination'),
    ) as { Properties: { EventDestination: Record<string, unknown> } }[];
    const target = destination!.Properties.EventDestination;
    expect(target.MatchingEventTypes).toEqual(expect.arrayContaining(['bounce', 'complaint']));
    expect(JSON.stringify(target.EventBridgeDestination)).toContain('event-bus/default');
  });

  it("sending to another subscription's queue: its URL env var and send access", () => {
    const [queueId] = queueOf(s, 'recorder-received');
    expect(JSON.stringify(envOf('echo').QUEUE_URL_RECORDER_RECEIVED)).toContain(queueId);
    const send = statementsNaming('echo', queueId).flatMap(actionsOf);
    expect(send).toContain('sqs:SendMessage');
    expect(send).not.toContain('sqs:ReceiveMessage');
  });

  it('a batching window is kept and added to the visibility timeout', () => {
    const [, queue] = queueOf(s, 'flaky-received');
    expect(queue.Properties.VisibilityTimeout).toBe(6 * 10 + 5);
    s.servicesTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 5,
    });
    expect(queue.Properties.QueueName).toBe(resourceName('dev', 'flaky-received'));
  });
});
