/**
 * cdk-nag (AwsSolutions) and CloudFormation validation run at every synth: zero unacknowledged
 * errors for both stages with the product and the fixture topology, and a violation nobody
 * acknowledged really fails synth.
 */
import { Validations } from 'aws-cdk-lib';
import { CfnQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { fixtureTopology } from '../../test/fixtures/topology';
import { buildApp } from '../bin/app';
import type { Stage } from '../config/stages';
import { topology as productTopology } from '../topology';
import type { Topology } from '../topology-types';
import { reportedViolations, synthesize, unbundledApp } from './support/synth';

const SYNTH_TIMEOUT = 120_000;

const cases: [string, Topology, Stage][] = [
  ['product topology, dev', productTopology, 'dev'],
  ['product topology, prod', productTopology, 'prod'],
  ['fixture topology, dev', fixtureTopology, 'dev'],
  ['fixture topology, prod', fixtureTopology, 'prod'],
];

describe('synth with cdk-nag AwsSolutions and CloudFormation validation', () => {
  it.each(cases)(
    '%s: no errors left in the validation report',
    (_label, topology, stage) => {
      // Bundling cannot change a finding; the other infra tests synthesize with real bundles.
      const { assembly } = synthesize(topology, stage, { bundle: false });
      expect(
        reportedViolations(assembly).filter((v) => v.severity === 'error' || v.severity === 'fatal'),
      ).toEqual([]);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'an unacknowledged nag error fails synth',
    () => {
      const { app, services } = buildApp({ stage: 'dev', topology: productTopology, app: unbundledApp() });
      new Queue(services, 'Careless', { encryption: QueueEncryption.UNENCRYPTED });
      expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
    },
    SYNTH_TIMEOUT,
  );

  it(
    "an unacknowledged nag error in a service's nested stack fails synth",
    () => {
      const { app, services } = buildApp({ stage: 'dev', topology: productTopology, app: unbundledApp() });
      new Queue(services.services.get('notify')!, 'Careless', { encryption: QueueEncryption.UNENCRYPTED });
      expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
    },
    SYNTH_TIMEOUT,
  );

  it(
    'a CloudFormation validation error fails synth (an error, not a warning)',
    () => {
      const { app, services } = buildApp({ stage: 'dev', topology: productTopology, app: unbundledApp() });
      const queue = new CfnQueue(services, 'TooShortRetention', {
        messageRetentionPeriod: 10,
        sqsManagedSseEnabled: true,
      });
      for (const id of ['AwsSolutions-SQS3', 'AwsSolutions-SQS4']) {
        Validations.of(queue).acknowledge({ id, reason: 'isolates the CloudFormation finding in this test' });
      }
      expect(() => app.synth()).toThrow(/MessageRetentionPeriod: 10 is less than the minimum/);
    },
    SYNTH_TIMEOUT,
  );

  it('a topology with a /dev route is refused before anything is built', () => {
    const withDevRoute: Topology = {
      ...fixtureTopology,
      routes: [
        ...fixtureTopology.routes,
        { method: 'GET', path: '/dev/clock', function: 'echo', auth: { kind: 'public' } },
      ],
    };
    expect(() => buildApp({ stage: 'dev', topology: withDevRoute })).toThrow(
      /\/dev routes belong to the local cloud/,
    );
  });
});
