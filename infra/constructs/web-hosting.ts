/**
 * The static web pages on S3 behind CloudFront: a private bucket that only the distribution may
 * read (origin access control), HTTPS only, security headers on every response. At `/` the
 * complaint form and at `/status` and `/rate` the customer's status and rating pages, whose
 * config.js points them at the stage's HTTP API, with the API's OpenAPI document at
 * /v1/openapi.json; at `/console/` the staff console (a single-page app built by Vite
 * from web/console), with a config.json naming the API and the user pool's managed login.
 *
 * The bucket holds build artifacts only (every deployment re-uploads them from the repository), so
 * it is stateless: no versioning, and it is emptied and removed with the stack in every stage.
 * Viewer access logs go to the stateful stack's access-log bucket.
 */
import { type ExecFileSyncOptions, execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { type IRole, type Policy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import {
  BucketDeployment,
  type BucketDeploymentProps,
  CacheControl,
  Source,
} from 'aws-cdk-lib/aws-s3-deployment';
// How cdk-nag names a resource in its findings (and so in acknowledgement ids).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { Construct } from 'constructs';
import type { ConsoleConfig, SignInConfig } from '../../web/console/src/config-contract';
import { resourceName, type StageConfig } from '../config/stages';
import { OPENAPI_PATH } from '../openapi/document';
import { repoRoot } from '../paths';

const WEB_DIR = path.join(repoRoot, 'web');
/** The customer's pages (web/<page>.html), served at /<page>: the status, rating and RSVP pages. */
const CUSTOMER_PAGES = ['status', 'rate', 'rsvp'];
const CONSOLE_DIR = path.join(WEB_DIR, 'console');
/** Vite's directory of content-hashed files inside the build (its `build.assetsDir`). */
const CONSOLE_ASSETS_DIR = 'assets';
/** The CloudFront Function that serves the console's index.html for its routes. */
export const CONSOLE_REWRITE_FILE = path.join(import.meta.dirname, 'console-spa-rewrite.js');

/**
 * CloudFront keeps every object until a deployment invalidates it; browsers revalidate pages on
 * every visit. The scripts' names carry no content hash (web/index.html loads /dist/form.js), so
 * browsers may keep them only briefly: a long browser cache would pair a new page with old code.
 */
const EDGE_CACHE = CacheControl.sMaxAge(Duration.days(365));
const PAGE_CACHE = [CacheControl.maxAge(Duration.seconds(0)), CacheControl.mustRevalidate(), EDGE_CACHE];
const SCRIPT_CACHE = [CacheControl.setPublic(), CacheControl.maxAge(Duration.minutes(5)), EDGE_CACHE];
/**
 * The console's hashed files never change under their name: kept a year by everyone. Its
 * index.html and config.json (and anything else without a hash) are revalidated on every load, so
 * a deployment reaches every open console at its next navigation.
 */
const HASHED_ASSET_CACHE = [
  CacheControl.setPublic(),
  CacheControl.maxAge(Duration.days(365)),
  CacheControl.immutable(),
];
const CONSOLE_SHELL_CACHE = [CacheControl.noCache()];

/** What the console's config.json says about signing in (the user pool's managed login). */
export type ConsoleSignIn = Omit<Extract<SignInConfig, { kind: 'cognito' }>, 'kind'>;

export interface PublishProps {
  /** The HTTP API's endpoint (https, no trailing slash). */
  readonly apiEndpoint: string;
  /** Where the status page's presigned POSTs go: the attachments bucket (https, regional name). */
  readonly uploadEndpoint: string;
  /** The OpenAPI document served at /v1/openapi.json. */
  readonly apiDocument: Record<string, unknown>;
  /** The console's sign-in, for its config.json. */
  readonly signIn: ConsoleSignIn;
}

export interface WebHostingProps {
  readonly config: StageConfig;
  /** Where CloudFront writes its access logs (under `cloudfront/`). */
  readonly accessLogs: IBucket;
  /**
   * The console's build to deploy (a directory with index.html and assets/). Defaults to
   * web/console/dist, built at synth when missing or older than its sources (see consoleBuild).
   */
  readonly consoleDist?: string;
}

export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The site's address: the custom domain when the stage has one, else the distribution's. */
  readonly url: string;
  /** Every https origin the pages are served from, for the API's CORS configuration. */
  readonly origins: readonly string[];
  private readonly config: StageConfig;
  private readonly consoleDist: string | undefined;

  constructor(scope: Construct, id: string, { config, accessLogs, consoleDist }: WebHostingProps) {
    super(scope, id);
    this.config = config;
    const { domain, webAclArn } = config.site;
    const { region, urlSuffix } = Stack.of(this);
    this.consoleDist = consoleDist ?? consoleBuild(Stack.of(this).bundlingRequired);

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only the CloudFront distribution reads this bucket (origin access control), and its access logs ' +
        'record every viewer request; the only writer is the deployment, which CloudTrail records.',
    });

    const apiEndpoints = `https://*.execute-api.${region}.${urlSuffix}`;
    // the status page uploads to the attachments bucket; its page's <meta> names that bucket only
    const uploadEndpoints = `https://*.s3.${region}.${urlSuffix}`;
    const headers = securityHeaders(this, 'Headers', {
      name: resourceName(config.stage, 'web-headers'),
      comment: 'Security headers of the Complaint & Care web pages',
      csp: contentSecurityPolicy({ connectSources: [apiEndpoints, uploadEndpoints] }),
    });
    // The console also talks to the user pool: its OIDC metadata and keys (cognito-idp) and the
    // managed login domain's token endpoint. Names known at synth, so no dependency on the pool.
    const consoleHeaders = securityHeaders(this, 'ConsoleHeaders', {
      name: resourceName(config.stage, 'console-headers'),
      comment: 'Security headers of the Complaint & Care console',
      csp: contentSecurityPolicy({
        connectSources: ["'self'", apiEndpoints, ...cognitoEndpoints(config, region)],
        // Vite inlines small fonts and images as data: URIs.
        fontSources: ["'self'", 'data:'],
      }),
    });

    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const rewrite = new EdgeFunction(this, 'ConsoleRewrite', {
      functionName: resourceName(config.stage, 'console-rewrite'),
      comment: 'Serves the console index.html for its routes under /console/',
      code: FunctionCode.fromFile({ filePath: CONSOLE_REWRITE_FILE }),
      runtime: FunctionRuntime.JS_2_0,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Complaint & Care ${config.stage} web pages`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      additionalBehaviors: {
        // `/console` itself too (the function redirects it to `/console/`).
        '/console*': {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: consoleHeaders,
          compress: true,
          functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(domain
        ? {
            domainNames: [domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', edgeCertificateArn(domain)),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
      webAclId: webAclArn,
      enableLogging: true,
      logBucket: accessLogs,
      logFilePrefix: 'cloudfront/',
    });

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Complaints must be accepted from wherever a policyholder is, travelling or living abroad ' +
        'included; refusing a country would refuse regulated complaints.',
    });
    if (!webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves static files only, cached at the edge; the form posts straight to the ' +
          'HTTP API, which WAF cannot front (HTTP APIs take no web ACL) and which stage and per-route ' +
          'throttling protect. A CLOUDFRONT-scope web ACL lives in us-east-1, outside these regional ' +
          'stacks: attach one through the stage config (site.webAclArn).',
      });
    }
    if (!domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain yet, so CloudFront serves its default *.cloudfront.net certificate, with which ' +
          'the minimum TLS version cannot be set. Setting site.domain in the stage config (certificate in ' +
          'us-east-1) switches the distribution to TLS 1.2 or newer.',
      });
    }

    const distributionOrigin = `https://${this.distribution.distributionDomainName}`;
    this.url = domain ? `https://${domain.name}` : distributionOrigin;
    this.origins = domain ? [this.url, distributionOrigin] : [distributionOrigin];
  }

  /**
   * Uploads the pages and the bundled scripts, with a config.js that points the form at
   * `apiEndpoint` (https, no trailing slash) and the API document (infra/openapi) at
   * /v1/openapi.json; and the console with its config.json. Invalidates what changed at the edge.
   * A separate step because the API's CORS configuration and the console's app client need this
   * construct's origins first.
   */
  publish({ apiEndpoint, uploadEndpoint, apiDocument, signIn }: PublishProps): void {
    // Every deployment shares CDK's singleton deployment function; this is its role and log group
    // (our own role, not AWSLambdaBasicExecutionRole: it may write to this log group only).
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: this.config.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Deploys the ${this.config.stage} web pages to their bucket`,
    });
    logGroup.grantWrite(role);
    const common = { destinationBucket: this.bucket, distribution: this.distribution, logGroup, role };

    new BucketDeployment(this, 'Pages', {
      ...common,
      sources: [
        Source.data('index.html', pinConnectSource(readWeb('index.html'), apiEndpoint)),
        Source.data('styles.css', readWeb('styles.css')),
        Source.data('config.js', configScript(apiEndpoint)),
        // served by the bucket like the pages: the HTTP API itself has no route for it
        Source.jsonData(OPENAPI_PATH.slice(1), apiDocument),
      ],
      // The scripts, the customer's pages and the console are the other deployments': never pruned by this one.
      exclude: ['dist/*', 'console/*', ...CUSTOMER_PAGES],
      cacheControl: PAGE_CACHE,
      distributionPaths: ['/', '/index.html', '/styles.css', '/config.js', OPENAPI_PATH],
    });
    // The customer's status and rating pages, at /status and /rate as the links in messages name
    // them: objects without an extension, so their media type is set here.
    new BucketDeployment(this, 'CustomerPages', {
      ...common,
      sources: CUSTOMER_PAGES.map((page) =>
        Source.data(
          page,
          pinConnectSource(
            readWeb(`${page}.html`),
            page === 'status' ? `${apiEndpoint} ${uploadEndpoint}` : apiEndpoint,
          ),
        ),
      ),
      prune: false,
      contentType: 'text/html; charset=utf-8',
      cacheControl: PAGE_CACHE,
      distributionPaths: CUSTOMER_PAGES.map((page) => `/${page}`),
    });
    new BucketDeployment(this, 'Scripts', {
      ...common,
      destinationKeyPrefix: 'dist/',
      sources: [webScripts()],
      cacheControl: SCRIPT_CACHE,
      distributionPaths: ['/dist/*'],
    });
    this.publishConsole(common, apiEndpoint, signIn);

    acknowledgeDeploymentWildcards(
      role,
      this.bucket,
      'CDK BucketDeployment grants: it reads its source zips from the CDK asset bucket, syncs and prunes ' +
        "every object of this site's bucket, and invalidates paths of this distribution (CloudFront " +
        'invalidation actions are granted on *).',
    );
    // The singleton function lives at stack level under CDK's fixed id.
    const handler = Stack.of(this).node.children.find((c) =>
      c.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (handler) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          "CDK's BucketDeployment function runs the Python runtime aws-cdk-lib bundles it for (the AWS CLI " +
          'layer matches it); it moves with aws-cdk-lib upgrades, not with ours.',
      });
    }
  }

  /**
   * The console under console/: its hashed assets (never pruned, so a console opened before a
   * deployment can still load its lazy chunks), then everything else with index.html carrying the
   * pinned CSP and the generated config.json, revalidated on every load.
   */
  private publishConsole(
    common: Pick<BucketDeploymentProps, 'destinationBucket' | 'distribution' | 'logGroup' | 'role'>,
    apiEndpoint: string,
    signIn: ConsoleSignIn,
  ): void {
    const config: ConsoleConfig = {
      stage: this.config.stage,
      apiBaseUrl: apiEndpoint,
      signIn: { kind: 'cognito', ...signIn },
    };
    const shell = [Source.jsonData('config.json', config)];
    const dist = this.consoleDist;
    let assets: BucketDeployment | undefined;
    if (dist) {
      assets = new BucketDeployment(this, 'ConsoleAssets', {
        ...common,
        // new names only: nothing at the edge to invalidate
        distribution: undefined,
        destinationKeyPrefix: `console/${CONSOLE_ASSETS_DIR}/`,
        sources: [Source.asset(path.join(dist, CONSOLE_ASSETS_DIR))],
        prune: false,
        cacheControl: HASHED_ASSET_CACHE,
      });
      const index = readFileSync(path.join(dist, 'index.html'), 'utf8');
      const connect = ["'self'", apiEndpoint, ...cognitoEndpoints(this.config, Stack.of(this).region)];
      shell.push(Source.data('index.html', pinConnectSource(index, connect.join(' '))));
      const generated = ['index.html', 'config.json'];
      const others = readdirSync(dist).filter((f) => f !== CONSOLE_ASSETS_DIR && !generated.includes(f));
      // Public files of the build (icons, robots.txt…) as they are.
      if (others.length > 0) shell.push(Source.asset(dist, { exclude: [CONSOLE_ASSETS_DIR, ...generated] }));
    }
    const shellDeployment = new BucketDeployment(this, 'ConsoleShell', {
      ...common,
      destinationKeyPrefix: 'console/',
      sources: shell,
      // The assets are the other deployment's: never pruned by this one.
      exclude: [`${CONSOLE_ASSETS_DIR}/*`],
      cacheControl: CONSOLE_SHELL_CACHE,
      distributionPaths: ['/console/*'],
    });
    // The index names assets of this build: they must be in the bucket before it is.
    if (assets) shellDeployment.node.addDependency(assets);
  }
}

/** The wildcards CDK's BucketDeployment grants (object and bucket read/write action groups). */
const DEPLOYMENT_WILDCARD_ACTIONS = [
  's3:GetObject*',
  's3:GetBucket*',
  's3:List*',
  's3:DeleteObject*',
  's3:Abort*',
];

/**
 * Acknowledges the deployment role's wildcards as cdk-nag names them: the action groups above, the
 * objects of the site bucket and of the CDK asset bucket (whose name holds the account and region
 * when the environment is concrete, hence computed) and `*` (CloudFront invalidations). Anything
 * else CDK might grant one day stays unacknowledged and fails synth.
 */
function acknowledgeDeploymentWildcards(role: IRole, site: Bucket, reason: string): void {
  const policy = role.node.tryFindChild('DefaultPolicy') as Policy | undefined;
  if (!policy) return;
  const stack = Stack.of(policy);
  const siteObjects = flattenCfnReference(stack.resolve(site.arnForObjects('*')));
  const assetObjects = /^arn:(<AWS::Partition>|aws[a-z-]*):s3:::cdk-[^/]+-assets-[^/]+\/\*$/;
  const document = stack.resolve(policy.document.toJSON()) as {
    Statement: { Effect: string; Action: string | string[]; Resource: unknown }[];
  };
  const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
  const findings = new Set<string>();
  for (const statement of document.Statement.filter((st) => st.Effect === 'Allow')) {
    for (const action of list(statement.Action)) {
      if (DEPLOYMENT_WILDCARD_ACTIONS.includes(action)) findings.add(`Action::${action}`);
    }
    for (const resource of list(statement.Resource).map(flattenCfnReference)) {
      if (resource === '*' || resource === siteObjects || assetObjects.test(resource)) {
        findings.add(`Resource::${resource}`);
      }
    }
  }
  Validations.of(policy).acknowledge(
    ...[...findings].map((f) => ({ id: `AwsSolutions-IAM5[${f}]`, reason })),
  );
}

/**
 * The user pool endpoints the console calls: the OIDC issuer (metadata, keys) and the managed login
 * domain (token, revocation). Both follow from the stage config and the region alone.
 */
export function cognitoEndpoints(config: StageConfig, region: string): string[] {
  return [
    `https://cognito-idp.${region}.amazonaws.com`,
    `https://${config.signIn.domainPrefix}.auth.${region}.amazoncognito.com`,
  ];
}

/** Security headers on every response of a behaviour, with its own CSP. */
function securityHeaders(
  scope: Construct,
  id: string,
  { name, comment, csp }: { name: string; comment: string; csp: string },
): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    responseHeadersPolicyName: name,
    comment,
    securityHeadersBehavior: {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(730),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      // Nothing the pages call needs to know which page called it.
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
    },
    customHeadersBehavior: {
      customHeaders: [
        {
          header: 'Permissions-Policy',
          value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
          override: true,
        },
        { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
      ],
    },
  });
}

/**
 * The CSP of every response. connect-src may name only the region's API Gateway endpoints here:
 * the API's CORS configuration names this distribution, so naming the API here would make a
 * dependency cycle. Each index.html pins connect-src to the API itself (see pinConnectSource).
 */
export function contentSecurityPolicy({
  connectSources,
  fontSources = ["'self'"],
}: {
  connectSources: readonly string[];
  fontSources?: readonly string[];
}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `font-src ${fontSources.join(' ')}`,
    "manifest-src 'self'",
    `connect-src ${connectSources.join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * A page as deployed: a second policy in a <meta> element allows connections to `connectSources`
 * only (the stage's API, and for the console 'self' and the user pool). Browsers enforce both
 * policies, so the header's region-wide connect-src narrows to it. It goes right after the charset
 * declaration (or first in <head>), before any script.
 */
export function pinConnectSource(html: string, connectSources: string): string {
  const anchor = /<meta charset=[^>]*>/i.exec(html) ?? /<head>/i.exec(html);
  if (!anchor) throw new Error('The page has no <head> to put the Content-Security-Policy in');
  const at = anchor.index + anchor[0].length;
  const meta = `\n    <meta http-equiv="Content-Security-Policy" content="connect-src ${connectSources}" />`;
  return html.slice(0, at) + meta + html.slice(at);
}

/** The deployed web/config.js: the same global the local cloud's file sets, with the API's URL. */
export function configScript(apiEndpoint: string): string {
  return (
    '// Generated by the CDK deployment (infra/constructs/web-hosting.ts).\n' +
    `window.COMPLAINT_CARE_CONFIG = { apiBase: "${apiEndpoint}" };\n`
  );
}

function readWeb(file: string): string {
  return readFileSync(path.join(WEB_DIR, file), 'utf8');
}

/**
 * web/dist as `npm run build:web` makes it, built at synth so a deployment never ships a stale
 * bundle. Versioned by the bundle's content. Skipped (like the functions' bundling) when the CDK
 * skips bundling for the stack.
 */
function webScripts() {
  return Source.asset(path.join(WEB_DIR, 'src'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: the local build below either succeeds or fails synth.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
      local: {
        tryBundle(outputDir: string): boolean {
          execFileSync(
            process.execPath,
            ['--import', 'tsx', path.join(repoRoot, 'infra/local/build-web.ts')],
            {
              cwd: repoRoot,
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
          cpSync(path.join(WEB_DIR, 'dist'), outputDir, { recursive: true });
          return true;
        },
      },
    },
  });
}

/**
 * The console's build (web/console/dist, from `vite build`), made at synth when it is missing or
 * older than any of its sources, so a deployment never ships a stale console. With `build` false
 * (the CDK skips bundling for the stack, as the functions' bundles are skipped) an existing build
 * is taken as it is and none is made. Undefined when this checkout has no web/console at all: the
 * site then serves the console's config.json only.
 */
export function consoleBuild(
  build: boolean,
  { dir = CONSOLE_DIR, run = runConsoleBuild }: { dir?: string; run?: (dir: string) => void } = {},
): string | undefined {
  const dist = path.join(dir, 'dist');
  const index = path.join(dist, 'index.html');
  if (!existsSync(dir)) return undefined;
  if (!build) return existsSync(index) ? dist : undefined;
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource(dir)) return dist;
  run(dir);
  if (!existsSync(index)) throw new Error(`The console build wrote no ${index}`);
  return dist;
}

/** `npm run build:console` when the repository has that script, else `vite build` in the console. */
function runConsoleBuild(dir: string): void {
  const { scripts } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const quiet: ExecFileSyncOptions = { stdio: ['ignore', 'pipe', 'pipe'] };
  if (scripts?.['build:console']) {
    execFileSync('npm', ['run', '--silent', 'build:console'], { cwd: repoRoot, ...quiet });
    return;
  }
  const vite = path.join(repoRoot, 'node_modules', '.bin', 'vite');
  if (!existsSync(vite))
    throw new Error(`${dir} has no build: add an npm script build:console (or install vite)`);
  execFileSync(vite, ['build'], { cwd: dir, ...quiet });
}

/**
 * The newest modification time of a file among the console's sources (its build and dependencies
 * aside), the shared contracts its API client is typed from, and the lockfile.
 */
function newestSource(dir: string): number {
  const skip = new Set([path.join(dir, 'dist'), path.join(dir, 'node_modules')]);
  const newest = (entry: string): number => {
    if (skip.has(entry) || !existsSync(entry)) return 0;
    const stat = statSync(entry);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(0, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
  };
  const sources = [dir, path.join(repoRoot, 'shared', 'contracts'), path.join(repoRoot, 'package-lock.json')];
  return Math.max(...sources.map(newest));
}

/** CloudFront takes viewer certificates from us-east-1 only; say so at synth, not at deploy. */
function edgeCertificateArn(domain: { name: string; certificateArn: string }): string {
  const { certificateArn } = domain;
  if (!Token.isUnresolved(certificateArn)) {
    // arn:<partition>:acm:<region>:<account>:certificate/<id>
    const region = certificateArn.split(':')[3];
    if (region !== 'us-east-1') {
      throw new Error(
        `site.domain.certificateArn for ${domain.name} is in ${region}; CloudFront needs a certificate in us-east-1`,
      );
    }
  }
  return certificateArn;
}
