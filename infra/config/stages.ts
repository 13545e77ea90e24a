/**
 * Per-stage settings of the CDK app and the one place resource names are derived from the stage.
 * Everything that differs between dev and prod is a field here, so a stack never branches on a
 * stage name. Further stages (uat, a second region…) are a JSON file named on the command line
 * (`--context stageConfig=<file>`, see stageConfigFrom), not an edit here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { FeaturePlan } from 'aws-cdk-lib/aws-cognito';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod/mini';
import { isSettingName, parseSettings } from '#shared/config/settings';
import { repoRoot } from '../paths';
import { devSettings, prodSettings, type StageSettings } from './stage-settings';

export const builtInStages = ['dev', 'prod'] as const;
export type BuiltInStage = (typeof builtInStages)[number];
/** A stage's name: a built-in one, or one a stage file declares. It prefixes every resource name. */
export type Stage = string;
const STAGE_NAME = /^[a-z][a-z0-9]{1,11}$/;

export const APP_NAME = 'complaint-care';

export interface StageConfig {
  readonly stage: Stage;
  /** Tables, key, bus archive, secret, user pool: what happens to data when the stack goes. */
  readonly removalPolicy: RemovalPolicy;
  /** Tables and the user pool refuse deletion while this is on. */
  readonly deletionProtection: boolean;
  /** CloudFormation refuses to delete the stateful stack while this is on. */
  readonly terminationProtection: boolean;
  readonly logRetention: RetentionDays;
  readonly eventArchiveRetention: Duration;
  /**
   * How long customers' documents are kept (the attachments bucket's lifecycle): as long as the
   * complaint file they belong to must be reconstructable.
   */
  readonly attachmentRetention: Duration;
  /** How long a received email's raw copy is kept once its reply is on the case. */
  readonly inboundMailRetention: Duration;
  /** Default-stage throttling of the HTTP API (steady requests per second, burst). */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Cognito tier. PLUS adds threat protection (compromised credentials, adaptive authentication);
   * it is billed per active user, which dev with a handful of test users does not need.
   */
  readonly userPoolFeaturePlan: FeaturePlan;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN';
  /**
   * The functions' settings (shared/config/settings.ts): each function gets the ones it declares in
   * the topology, and synth fails when a function lacks a required one. `EMAIL_FROM`'s domain is the
   * SES identity (verified in the target account) that sending functions may use, and nothing else;
   * `EMAIL_SEND_RATE`/`SMS_SEND_RATE` are the account's SES maximum send rate and the throughput of
   * its SMS origination identities (raise them with the quotas AWS grants).
   */
  readonly settings: StageSettings;
  /**
   * Origins besides the stage's own CloudFront distribution (whose https origin the services stack
   * always adds) that the HTTP API answers CORS preflights for: the complaint form posts JSON to the
   * API's own domain, cross-origin.
   */
  readonly webOrigins: readonly string[];
  /** The web pages' CloudFront distribution: the complaint form at `/`, the console at `/console/`. */
  readonly site: SiteConfig;
  /** How staff sign in to the console: Cognito managed login. */
  readonly signIn: SignInConfig;
}

export interface SignInConfig {
  /**
   * The user pool's managed login domain, `https://<prefix>.auth.<region>.amazoncognito.com`. A
   * prefix is unique per region across every AWS account, so a second deployment of a stage in the
   * same region (another account included) needs its own.
   */
  readonly domainPrefix: string;
  /**
   * An origin of a console served from a developer's machine (`http://localhost:3000`) that may
   * sign in with this stage's pool and call its API: a callback and sign-out URL of the console
   * client, and a CORS origin of the API. Development stages only.
   */
  readonly localConsoleOrigin?: string;
}

export interface SiteConfig {
  /**
   * A custom domain and its ACM certificate, which CloudFront only accepts from us-east-1. With it
   * viewers must speak TLS 1.2 or newer; without it the site answers on its *.cloudfront.net name
   * with CloudFront's default certificate, which still accepts TLS 1.0.
   */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
  /**
   * A CLOUDFRONT-scope AWS WAF web ACL to attach. Such web ACLs exist only in us-east-1, so it is
   * created outside these (regional) stacks and attached by ARN.
   */
  readonly webAclArn?: string;
}

export const stageConfigs: Record<BuiltInStage, StageConfig> = {
  dev: {
    stage: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    terminationProtection: false,
    logRetention: RetentionDays.TWO_WEEKS,
    eventArchiveRetention: Duration.days(7),
    attachmentRetention: Duration.days(30),
    inboundMailRetention: Duration.days(7),
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    userPoolFeaturePlan: FeaturePlan.ESSENTIALS,
    logLevel: 'DEBUG',
    settings: devSettings,
    webOrigins: [],
    site: {},
    signIn: { domainPrefix: 'complaint-care-dev', localConsoleOrigin: 'http://localhost:3000' },
  },
  prod: {
    stage: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    terminationProtection: true,
    // Complaint handling must be reconstructable for regulators well after the case is closed.
    logRetention: RetentionDays.ONE_YEAR,
    eventArchiveRetention: Duration.days(365),
    // complaint records are kept at least 3 years after the complaint (FCA DISP 1.9); documents
    // follow the file they belong to, with margin for a case that stays open for a while
    attachmentRetention: Duration.days(5 * 365),
    // the reply is on the case with its documents; the raw copy serves reprocessing and disputes
    inboundMailRetention: Duration.days(90),
    apiThrottle: { rateLimit: 500, burstLimit: 1000 },
    userPoolFeaturePlan: FeaturePlan.PLUS,
    logLevel: 'INFO',
    settings: prodSettings,
    webOrigins: ['https://complaints.example.com'],
    // Before go-live: the complaints.example.com domain with its us-east-1 certificate, and a web ACL.
    site: {},
    signIn: { domainPrefix: 'complaint-care-prod' },
  },
};

export function isBuiltInStage(value: unknown): value is BuiltInStage {
  return typeof value === 'string' && (builtInStages as readonly string[]).includes(value);
}

/** The built-in stage named by `--context stage=<name>` (cdk.json defaults it to dev). */
export function stageFrom(value: unknown): BuiltInStage {
  const stage = value ?? 'dev';
  if (!isBuiltInStage(stage))
    throw new Error(
      `Unknown stage "${String(stage)}"; expected one of: ${builtInStages.join(', ')}, ` +
        'or a stage file (--context stageConfig=<file>)',
    );
  return stage;
}

/**
 * A stage file: a new stage named `stage`, starting from a built-in one (`extends`: its
 * retention, protection and Cognito tier) with its own settings and any of the plain fields below.
 */
const StageFile = z.object({
  stage: z.string().check(z.regex(STAGE_NAME, 'Must be 2 to 12 lowercase letters or digits')),
  extends: z.enum(builtInStages),
  settings: z.optional(z.record(z.string(), z.string())),
  webOrigins: z.optional(z.array(z.string().check(z.url()))),
  logLevel: z.optional(z.enum(['DEBUG', 'INFO', 'WARN'])),
  apiThrottle: z.optional(z.object({ rateLimit: z.number(), burstLimit: z.number() })),
  signIn: z.optional(
    z.object({
      domainPrefix: z.optional(z.string()),
      localConsoleOrigin: z.optional(z.string().check(z.url())),
    }),
  ),
});

/** A stage file's config; its settings are merged over the stage it extends. */
export function stageConfigOfFile(json: unknown, source: string): StageConfig {
  const parsed = StageFile.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `Stage file ${source}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  const file = parsed.data;
  const unknown = Object.keys(file.settings ?? {}).filter((name) => !isSettingName(name));
  if (unknown.length > 0) throw new Error(`Stage file ${source}: unknown settings ${unknown.join(', ')}`);
  const base = stageConfigs[file.extends];
  const settings = { ...base.settings, ...file.settings } as StageSettings;
  parseSettings(settings);
  return {
    ...base,
    stage: file.stage,
    settings,
    webOrigins: file.webOrigins ?? base.webOrigins,
    logLevel: file.logLevel ?? base.logLevel,
    apiThrottle: file.apiThrottle ?? base.apiThrottle,
    signIn: {
      // never the base stage's prefix: both stages would claim the same domain
      domainPrefix: file.signIn?.domainPrefix ?? resourceName(file.stage),
      localConsoleOrigin: file.signIn?.localConsoleOrigin ?? base.signIn.localConsoleOrigin,
    },
  };
}

/**
 * The stage config the CDK context asks for: `--context stageConfig=<file>` (relative to the
 * repository) for a stage of one's own, else the built-in `--context stage=<name>`.
 */
export function stageConfigFrom(context: { stage?: unknown; stageConfig?: unknown }): StageConfig {
  if (typeof context.stageConfig === 'string' && context.stageConfig !== '') {
    const file = path.resolve(repoRoot, context.stageConfig);
    const config = stageConfigOfFile(JSON.parse(readFileSync(file, 'utf8')), context.stageConfig);
    if (context.stage !== undefined && context.stage !== config.stage && !isBuiltInStage(context.stage))
      throw new Error(
        `Stage file ${context.stageConfig} declares stage ${config.stage}, not ${String(context.stage)}`,
      );
    return config;
  }
  return stageConfigs[stageFrom(context.stage)];
}

/**
 * The SES identity sending functions may use: the domain of the stage's `EMAIL_FROM`, so the grant
 * always matches the address notify sends from.
 */
export function emailIdentityOf(config: StageConfig): string {
  const from = config.settings.EMAIL_FROM;
  const domain = from
    ?.slice(from.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
  if (!from?.includes('@') || !domain)
    throw new Error(`Stage ${config.stage} sends messages but sets no EMAIL_FROM address`);
  return domain;
}

/** Checks a stage's sign-in settings at synth, before Cognito would refuse them at deploy time. */
export function assertSignInConfig({ stage, signIn }: StageConfig): void {
  assertDomainPrefix(signIn.domainPrefix, stage);
  if (signIn.localConsoleOrigin !== undefined) assertLocalConsoleOrigin(signIn.localConsoleOrigin, stage);
}

/**
 * Refuses a managed login domain prefix Cognito would refuse at deploy time: 1 to 63 lowercase
 * letters, digits and inner hyphens, without the reserved words aws, amazon or cognito.
 */
function assertDomainPrefix(prefix: string, stage: Stage): void {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix))
    throw new Error(
      `Stage ${stage}: signIn.domainPrefix "${prefix}" must be 1 to 63 lowercase letters, digits or inner hyphens`,
    );
  const reserved = ['aws', 'amazon', 'cognito'].find((word) => prefix.includes(word));
  if (reserved)
    throw new Error(`Stage ${stage}: signIn.domainPrefix "${prefix}" may not contain "${reserved}"`);
}

/**
 * Refuses a local console origin that is not a plain http://localhost origin: Cognito accepts
 * http callback URLs for localhost only, and the console client must never trust anything else.
 */
function assertLocalConsoleOrigin(origin: string, stage: Stage): void {
  if (!/^http:\/\/localhost(:\d{1,5})?$/.test(origin))
    throw new Error(
      `Stage ${stage}: signIn.localConsoleOrigin "${origin}" must be http://localhost[:port], no path`,
    );
}

/** Physical names: `complaint-care-<stage>-<parts...>`. Every named resource goes through this. */
export function resourceName(stage: Stage, ...parts: string[]): string {
  return [APP_NAME, stage, ...parts].join('-');
}
