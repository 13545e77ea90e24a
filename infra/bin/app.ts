/**
 * The CDK app: a stateful and a services stack per stage, built from the topology and checked by
 * cdk-nag (AwsSolutions) and CloudFormation validation at synth; any unacknowledged error fails it.
 * `cdk synth --context stage=<name>` runs this file; tests call `buildApp` with their own topology.
 */
import { pathToFileURL } from 'node:url';
import { App, type AppProps, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { assertSettingsComplete } from '../config/function-settings';
import { deploymentSettings } from '../config/stage-settings';
import {
  assertSignInConfig,
  isBuiltInStage,
  resourceName,
  type Stage,
  type StageConfig,
  stageConfigFrom,
  stageConfigs,
} from '../config/stages';
import { ServicesStack } from '../stacks/services-stack';
import { StatefulStack } from '../stacks/stateful-stack';
import { topology as productTopology } from '../topology';
import { assertValidTopology, type Topology } from '../topology-types';

/** CloudFormation validation findings are errors, not warnings, so they fail synth like nag errors. */
const STRICT_VALIDATION_CONTEXT = { '@aws-cdk/core:validateAgainstDefaultRules': true };

/**
 * Strong (exported) references from the services stack to tables, key, bus and secret: CloudFormation
 * then refuses to remove a stateful resource that a deployed function still uses.
 */
const DEFAULT_CONTEXT = { '@aws-cdk/core:defaultCrossStackReferences': 'strong' };

export function newApp(props: AppProps = {}): App {
  return new App({
    ...props,
    context: { ...DEFAULT_CONTEXT, ...props.context },
    postCliContext: { ...props.postCliContext, ...STRICT_VALIDATION_CONTEXT },
  });
}

export interface BuildAppOptions {
  readonly stage: Stage;
  readonly topology: Topology;
  /** Defaults to the built-in stage's entry in `stageConfigs`; tests and stage files vary it. */
  readonly config?: StageConfig;
  /** Defaults to `newApp()`. */
  readonly app?: App;
  readonly env?: Environment;
  /** The console build to deploy; defaults to web/console/dist, built at synth when stale. */
  readonly consoleDist?: string;
}

export interface ComplaintCareApp {
  readonly app: App;
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly services: ServicesStack;
}

export function buildApp({
  stage,
  topology,
  config = isBuiltInStage(stage) ? stageConfigs[stage] : undefined,
  app = newApp(),
  env,
  consoleDist,
}: BuildAppOptions): ComplaintCareApp {
  // Refuses unknown functions, duplicates and /dev routes before anything is built.
  assertValidTopology(topology);
  if (!config) throw new Error(`Stage ${stage} is not built in: give its config (a stage file)`);
  if (config.stage !== stage) throw new Error(`config is for stage ${config.stage}, not ${stage}`);
  // Every function has each required setting it declares, and every value parses.
  assertSettingsComplete(topology, config.settings, { stage, provided: deploymentSettings });
  // A managed login domain prefix or local console origin Cognito would refuse at deploy time.
  assertSignInConfig(config);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  const stateful = new StatefulStack(app, 'Stateful', {
    stackName: resourceName(stage, 'stateful'),
    description: `Complaint & Care ${stage}: tables, key, event bus, secrets, access logs`,
    env,
    config,
  });
  const services = new ServicesStack(app, 'Services', {
    stackName: resourceName(stage, 'services'),
    description: `Complaint & Care ${stage}: API, functions, queues, schedules, web pages`,
    env,
    config,
    topology,
    stateful: stateful.resources,
    consoleDist,
  });
  return { app, config, stateful, services };
}

function main(): void {
  const app = newApp();
  const config = stageConfigFrom({
    stage: app.node.tryGetContext('stage'),
    stageConfig: app.node.tryGetContext('stageConfig'),
  });
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  buildApp({ stage: config.stage, config, topology: productTopology, app, env });
  app.synth();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
