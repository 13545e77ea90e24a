/**
 * Per-stage settings of the CDK app and the one place resource names are derived from the stage.
 * Everything that differs between dev and prod is a field here, so a stack never branches on a
 * stage name.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { FeaturePlan } from 'aws-cdk-lib/aws-cognito';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const stages = ['dev', 'prod'] as const;
export type Stage = (typeof stages)[number];

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
  /** Default-stage throttling of the HTTP API (steady requests per second, burst). */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Cognito tier. PLUS adds threat protection (compromised credentials, adaptive authentication);
   * it is billed per active user, which dev with a handful of test users does not need.
   */
  readonly userPoolFeaturePlan: FeaturePlan;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN';
  /**
   * The SES identity (a domain verified in the target account) that email is sent from; functions
   * that send messages may use this identity only. Replace with the insurer's domain before deploying.
   */
  readonly emailIdentity: string;
  /**
   * Messages per second across every function that sends: the account's SES maximum send rate and
   * the SMS throughput of its origination identities (raise both with the quotas AWS grants).
   */
  readonly sendRates: { readonly email: number; readonly sms: number };
  /**
   * Origins besides the stage's own CloudFront distribution (whose https origin the services stack
   * always adds) that the HTTP API answers CORS preflights for: the complaint form posts JSON to the
   * API's own domain, cross-origin.
   */
  readonly webOrigins: readonly string[];
  /** The complaint form's CloudFront distribution. */
  readonly site: SiteConfig;
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

export const stageConfigs: Record<Stage, StageConfig> = {
  dev: {
    stage: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    terminationProtection: false,
    logRetention: RetentionDays.TWO_WEEKS,
    eventArchiveRetention: Duration.days(7),
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    userPoolFeaturePlan: FeaturePlan.ESSENTIALS,
    logLevel: 'DEBUG',
    emailIdentity: 'dev.complaints.example.com',
    sendRates: { email: 14, sms: 20 },
    webOrigins: [],
    site: {},
  },
  prod: {
    stage: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    terminationProtection: true,
    // Complaint handling must be reconstructable for regulators well after the case is closed.
    logRetention: RetentionDays.ONE_YEAR,
    eventArchiveRetention: Duration.days(365),
    apiThrottle: { rateLimit: 500, burstLimit: 1000 },
    userPoolFeaturePlan: FeaturePlan.PLUS,
    logLevel: 'INFO',
    emailIdentity: 'complaints.example.com',
    sendRates: { email: 14, sms: 20 },
    webOrigins: ['https://complaints.example.com'],
    // Before go-live: the complaints.example.com domain with its us-east-1 certificate, and a web ACL.
    site: {},
  },
};

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (stages as readonly string[]).includes(value);
}

/** The stage named by `--context stage=<name>` (cdk.json defaults it to dev). */
export function stageFrom(value: unknown): Stage {
  const stage = value ?? 'dev';
  if (!isStage(stage))
    throw new Error(`Unknown stage "${String(stage)}"; expected one of: ${stages.join(', ')}`);
  return stage;
}

/** Physical names: `complaint-care-<stage>-<parts...>`. Every named resource goes through this. */
export function resourceName(stage: Stage, ...parts: string[]): string {
  return [APP_NAME, stage, ...parts].join('-');
}
