/**
 * Synthesizes the CDK app for a topology once and offers the templates in the terms tests speak:
 * a function, queue or table by its topology name rather than by CloudFormation logical id.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { TableId } from '#shared/contracts/tables';
import { buildApp, type ComplaintCareApp, newApp } from '../../bin/app';
import { resourceName, type Stage, type StageConfig } from '../../config/stages';
import type { Topology } from '../../topology-types';

type Resource = { Type: string; Properties: Record<string, unknown> } & Record<string, unknown>;

export interface Synthesized extends ComplaintCareApp {
  readonly stage: Stage;
  readonly assembly: CloudAssembly;
  readonly statefulTemplate: Template;
  readonly servicesTemplate: Template;
}

export interface SynthOptions {
  /**
   * Run esbuild for every function (default). Tests about templates and nag findings can skip it:
   * bundles change only each function's code asset, and skipping keeps the suite fast.
   */
  readonly bundle?: boolean;
  /** Settings other than the stage's own (for the stage given). */
  readonly config?: StageConfig;
  /** The console build to deploy (default: a placeholder build, see placeholderConsoleDist). */
  readonly consoleDist?: string;
}

const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
/** Validation failures throw with the full report in the message, whatever NODE_ENV says. */
const IN_MEMORY = { '@aws-cdk/core:appMode': 'inmemory' };

export function synthesize(
  topology: Topology,
  stage: Stage = 'dev',
  { bundle = true, config, consoleDist = placeholderConsoleDist() }: SynthOptions = {},
): Synthesized {
  const app = newApp({ context: bundle ? IN_MEMORY : { ...IN_MEMORY, ...SKIP_BUNDLING } });
  const built = buildApp({ stage, topology, app, config, consoleDist });
  // Throws on any unacknowledged cdk-nag or CloudFormation validation error (in-memory mode).
  const assembly = built.app.synth();
  const template = (artifactId: string) =>
    Template.fromJSON(assembly.getStackArtifact(artifactId).template as Record<string, unknown>);
  return {
    ...built,
    stage,
    assembly,
    statefulTemplate: template(built.stateful.artifactId),
    servicesTemplate: servicesTemplateOf(built, assembly),
  };
}

/**
 * The services stack with its nested stacks (one per service) as one template, so tests find a
 * function, queue or policy by name wherever it lives and follow references as if no stack
 * boundary were there: a nested stack's parameter is replaced by what the parent passes it, and a
 * nested stack's output by its value. Logical ids are unique across the templates.
 */
function servicesTemplateOf(built: ComplaintCareApp, assembly: CloudAssembly): Template {
  const parent = assembly.getStackArtifact(built.services.artifactId).template as TemplateJson;
  const nestedStacks = [...built.services.services.values()].map((service) => ({
    id: Stack.of(service.nestedStackResource!).getLogicalId(service.nestedStackResource as CfnElement),
    template: JSON.parse(
      readFileSync(path.join(assembly.directory, service.templateFile), 'utf8'),
    ) as TemplateJson,
  }));
  const outputs = new Map<string, unknown>();
  for (const { id, template } of nestedStacks) {
    for (const [name, output] of Object.entries(template.Outputs ?? {})) {
      outputs.set(`${id}.Outputs.${name}`, (output as { Value: unknown }).Value);
    }
  }
  // parent terms: a nested output becomes its value (itself in a nested stack's terms, resolved again)
  const inParent = (value: unknown): unknown =>
    rewrite(value, (node) => {
      const getAtt = node['Fn::GetAtt'] as [string, string] | undefined;
      const key = getAtt && `${getAtt[0]}.${getAtt[1]}`;
      return key && outputs.has(key) ? inNested(outputs.get(key), key.split('.')[0]!) : undefined;
    });
  const parameters = new Map(
    nestedStacks.map(({ id }) => {
      const resource = parent.Resources[id] as { Properties: { Parameters?: Record<string, unknown> } };
      return [id, resource.Properties.Parameters ?? {}] as const;
    }),
  );
  const inNested = (value: unknown, stackId: string): unknown =>
    rewrite(value, (node) => {
      const ref = node.Ref as string | undefined;
      const passed = ref === undefined ? undefined : parameters.get(stackId)?.[ref];
      return passed === undefined ? undefined : inParent(passed);
    });

  const merged: TemplateJson = { ...parent, Resources: {} };
  const add = (id: string, resource: unknown) => {
    if (id in merged.Resources) throw new Error(`logical id ${id} is in more than one services template`);
    merged.Resources[id] = resource;
  };
  for (const [id, resource] of Object.entries(parent.Resources)) add(id, inParent(resource));
  for (const { id: stackId, template } of nestedStacks) {
    for (const [id, resource] of Object.entries(template.Resources)) add(id, inNested(resource, stackId));
  }
  return Template.fromJSON(merged as unknown as Record<string, unknown>);
}

/** A deep copy of value where `replace` returns a replacement for an object node (undefined: keep it). */
function rewrite(value: unknown, replace: (node: Record<string, unknown>) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, replace));
  if (value === null || typeof value !== 'object') return value;
  const node = value as Record<string, unknown>;
  const replaced = replace(node);
  if (replaced !== undefined) return replaced;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewrite(v, replace)]));
}

type TemplateJson = {
  Resources: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
} & Record<string, unknown>;

/** The files of the placeholder console build (a Vite build's shape: a shell and hashed assets). */
export const PLACEHOLDER_CONSOLE_FILES = {
  'index.html':
    '<!doctype html>\n<html lang="zh-CN">\n  <head>\n    <meta charset="UTF-8" />\n' +
    '    <script type="module" crossorigin src="/console/assets/index-Bx7Qd2aF.js"></script>\n' +
    '  </head>\n  <body><div id="root"></div></body>\n</html>\n',
  'assets/index-Bx7Qd2aF.js': 'console.log("console");\n',
  'assets/index-C4mG8sKq.css': 'body{margin:0}\n',
  'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
} as const;

let placeholder: string | undefined;
/**
 * A stand-in for web/console/dist, so template tests neither depend on nor race for the real
 * (slow) console build; made once per test process.
 */
export function placeholderConsoleDist(): string {
  if (placeholder) return placeholder;
  const dir = mkdtempSync(path.join(tmpdir(), 'console-dist-'));
  for (const [file, content] of Object.entries(PLACEHOLDER_CONSOLE_FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  placeholder = dir;
  return dir;
}

/** An app whose functions are not bundled, for tests that only look at templates and findings. */
export function unbundledApp() {
  return newApp({ context: { ...IN_MEMORY, ...SKIP_BUNDLING } });
}

/** Violations left in the validation report (acknowledged ones are removed from it). */
export function reportedViolations(
  assembly: CloudAssembly,
): { plugin: string; rule: string; severity: string }[] {
  const file = ['validation-report.json', 'policy-validation-report.json']
    .map((name) => path.join(assembly.directory, name))
    .find((candidate) => existsSync(candidate));
  if (!file) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    pluginReports?: { pluginName: string; violations: { ruleName: string; severity: string }[] }[];
  };
  return (report.pluginReports ?? []).flatMap((r) =>
    r.violations.map((v) => ({ plugin: r.pluginName, rule: v.ruleName, severity: v.severity })),
  );
}

export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

function single<T>(entries: [string, T][], what: string): [string, T] {
  if (entries.length !== 1) throw new Error(`expected exactly one ${what}, found ${entries.length}`);
  return entries[0]!;
}

/** A resource by the value of its physical-name property. */
export function byName(
  template: Template,
  type: string,
  nameProperty: string,
  name: string,
): [string, Resource] {
  const matches = Object.entries(resourcesOf(template, type)).filter(
    ([, r]) => r.Properties[nameProperty] === name,
  );
  return single(matches, `${type} named ${name}`);
}

/** Handlers CDK adds for its own custom resources (the web deployment, emptying buckets on delete). */
const CDK_HANDLER_IDS = /^Custom(CDKBucketDeployment|S3AutoDeleteObjectsCustomResourceProvider)/;

/** The app's functions in a template: every Lambda function but CDK's custom-resource handlers. */
export function appFunctions(template: Template): Resource[] {
  return Object.entries(resourcesOf(template, 'AWS::Lambda::Function'))
    .filter(([id]) => !CDK_HANDLER_IDS.test(id))
    .map(([, fn]) => fn);
}

export function functionOf(s: Synthesized, name: string): [string, Resource] {
  return byName(s.servicesTemplate, 'AWS::Lambda::Function', 'FunctionName', resourceName(s.stage, name));
}

export function queueOf(s: Synthesized, queue: string): [string, Resource] {
  return byName(s.servicesTemplate, 'AWS::SQS::Queue', 'QueueName', resourceName(s.stage, queue));
}

export function tableLogicalId(s: Synthesized, table: TableId): string {
  return byName(
    s.statefulTemplate,
    'AWS::DynamoDB::Table',
    'TableName',
    resourceName(s.stage, table.toLowerCase()),
  )[0];
}

/** Every statement of every IAM policy attached to the function's role. */
export function statementsOf(s: Synthesized, fnName: string): Record<string, unknown>[] {
  const [, fn] = functionOf(s, fnName);
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resourcesOf(s.servicesTemplate, 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
}

export function actionsOf(statement: Record<string, unknown>): string[] {
  const action = statement.Action as string | string[];
  return Array.isArray(action) ? action : [action];
}

/** The files of a staged directory asset, by the object key a deployment names. */
export function filesOfAsset(s: Synthesized, objectKey: string): string[] {
  const dir = path.join(s.assembly.directory, `asset.${objectKey.replace(/\.zip$/, '')}`);
  if (!existsSync(dir)) return [];
  const files = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const full = path.join(d, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
  return files(dir);
}
