/**
 * Every Lambda function of Complaint & Care is one of these: our runtime, architecture, tracing,
 * log group, bundling and Powertools settings are fixed here once, and a topology entry only says
 * what differs (entry, memory, timeout).
 */
import path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ENV } from '#shared/env';
import { bundling, esbuildArgs, LAMBDA_NODE_TARGET, sdkFileCommand } from '../bundling';
import { resourceName, type StageConfig } from '../config/stages';
import { repoRoot } from '../paths';
import type { FunctionSpec } from '../topology-types';

export const METRICS_NAMESPACE = 'ComplaintCare';

/** The runtime follows the esbuild target, so the bundle never uses syntax the runtime lacks. */
const RUNTIME_OF_TARGET: Record<typeof LAMBDA_NODE_TARGET, Runtime> = { node22: Runtime.NODEJS_22_X };
export const LAMBDA_RUNTIME = RUNTIME_OF_TARGET[LAMBDA_NODE_TARGET];

export interface LambdaFunctionProps {
  /** The function's name in the topology. */
  readonly name: string;
  readonly spec: FunctionSpec;
  readonly config: StageConfig;
}

export class LambdaFunction extends NodejsFunction {
  /** The topology's declaration of this function (its timeout sizes queue visibility timeouts). */
  readonly spec: FunctionSpec;

  constructor(scope: Construct, id: string, { name, spec, config }: LambdaFunctionProps) {
    const functionName = resourceName(config.stage, name);
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: it may write to this log group only.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${functionName}`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      functionName,
      entry: path.join(repoRoot, spec.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      // No NODE_OPTIONS=--enable-source-maps: it parses the source map at every cold start; the
      // logger maps a logged error's stack when it logs it (shared/observability/source-mapped-stack.ts).
      environment: {
        POWERTOOLS_SERVICE_NAME: spec.service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: config.logLevel,
        [ENV.stage]: config.stage,
      },
      bundling: {
        format: OutputFormat.CJS,
        target: bundling.target,
        minify: bundling.minify,
        sourceMap: bundling.sourcemap,
        sourcesContent: bundling.sourcesContent,
        mainFields: [...bundling.mainFields],
        externalModules: [...bundling.external],
        esbuildArgs: esbuildArgs(),
        forceDockerBundling: false,
        logLevel: LogLevel.ERROR,
        // The AWS SDK the function sends with, in `sdk.js` beside index.js, required on the first
        // AWS call rather than read and compiled at every cold start (shared/aws/bundle/sdk-file.mjs).
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => [sdkFileCommand(repoRoot, outputDir)],
        },
      },
    });
    this.spec = spec;

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; ' +
        'DynamoDB ListStreams (stream consumers only) likewise. Every data-plane grant names its resource.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is a supported Lambda runtime and the esbuild target (infra/bundling.ts) that the ' +
        'bundles, benchmarks and tests are built for; moving to a newer runtime is a deliberate change ' +
        'of LAMBDA_NODE_TARGET, not a side effect of a CDK upgrade.',
    });
  }
}
