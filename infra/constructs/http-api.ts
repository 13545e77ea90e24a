/**
 * The HTTP API and the people who may call it: a Cognito user pool for agents, leads and admins
 * (groups carry the role, `custom:team` the team) with its managed login domain and the console's
 * app client, a JWT authorizer on the ID token, default-stage throttling and JSON access logs.
 * Routes are added from the topology by each service.
 */
import { Duration, Lazy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { roles } from '#shared/contracts/roles';
import { resourceName, type StageConfig } from '../config/stages';
import { apiCors } from '../cors';
import { routeKeyOf } from '../topology-derived';
import type { RouteSpec } from '../topology-types';
import type { LambdaFunction } from './lambda-function';

/** Cognito group precedence: the lowest number wins when a user is in several groups. */
const GROUP_PRECEDENCE: Record<(typeof roles)[number], number> = { admin: 0, lead: 1, agent: 2 };

/** Why a route without a JWT is still protected, per auth kind (for the cdk-nag acknowledgement). */
const UNAUTHORIZED_ROUTE_REASON = {
  public:
    'Customer-facing by design (web complaint form, status lookup, unsubscribe): no account exists; ' +
    'abuse is limited by stage throttling, body limits, idempotency and contact checks in the function.',
  'hotline-signature':
    'Called by the CTI system, which cannot hold Cognito credentials; the function rejects any request ' +
    'without a valid HMAC-SHA256 signature over timestamp and body (5-minute replay window).',
  'core-events-signature':
    "Called by the insurer's core claim and policy systems, which hold no Cognito credentials; the function " +
    'rejects any request without a valid HMAC-SHA256 signature over timestamp and body (5-minute replay window).',
} as const;

/** Where managed login returns to in the console, and where signing out lands (the SPA's routes). */
export const CONSOLE_REDIRECT_PATH = '/console/auth/callback';
export const CONSOLE_SIGNED_OUT_PATH = '/console/';

export interface HttpApiGatewayProps {
  readonly config: StageConfig;
  /**
   * Every origin the web pages are served from (the stage config's and the site's CloudFront
   * origins); the API answers CORS preflights for exactly these (and the stage's local console).
   */
  readonly webOrigins: readonly string[];
  /** The https origins the console is served from: its client's callback and sign-out URLs. */
  readonly consoleOrigins: readonly string[];
}

export class HttpApiGateway extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly userPool: UserPool;
  /** The console's app client: authorization code grant (with PKCE, by the SPA) through managed login. */
  readonly client: UserPoolClient;
  /** The managed login domain (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly domain: UserPoolDomain;
  private readonly jwt: HttpJwtAuthorizer;
  private readonly integrations = new Map<LambdaFunction, HttpLambdaIntegration>();
  /** Per-route throttling by route key, rendered into the stage's RouteSettings. */
  private readonly routeThrottles: Record<
    string,
    { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
  > = {};

  constructor(scope: Construct, id: string, { config, webOrigins, consoleOrigins }: HttpApiGatewayProps) {
    super(scope, id);
    const { localConsoleOrigin } = config.signIn;
    const plus = config.userPoolFeaturePlan === FeaturePlan.PLUS;

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: resourceName(config.stage, 'staff'),
      // Staff accounts are created by admins, never by sign-up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { team: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: config.userPoolFeaturePlan,
      standardThreatProtectionMode: plus ? StandardThreatProtectionMode.FULL_FUNCTION : undefined,
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
    });
    if (!plus) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'Non-production pool with a handful of test staff and no customer data; threat protection ' +
          '(Plus tier, billed per active user) is enabled in prod through the stage config.',
      });
    }
    for (const role of roles) {
      this.userPool.addGroup(`${role}Group`, { groupName: role, precedence: GROUP_PRECEDENCE[role] });
    }
    // Managed login (version 2, the branding designer's pages) at the stage's prefix domain: it
    // signs staff in with password and TOTP (the pool requires MFA) and sets both up at first sign-in.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: config.signIn.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const consoleUrls = [...consoleOrigins, ...(localConsoleOrigin ? [localConsoleOrigin] : [])];
    this.client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: resourceName(config.stage, 'console'),
      // A browser app cannot keep a secret: a public client, whose code exchange the SPA binds with
      // PKCE (S256). No implicit grant (tokens in the URL) and no client credentials.
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        // `profile` puts every attribute the client may read (custom:team too) in the ID token.
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: consoleUrls.map((origin) => `${origin}${CONSOLE_REDIRECT_PATH}`),
        logoutUrls: consoleUrls.map((origin) => `${origin}${CONSOLE_SIGNED_OUT_PATH}`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // Managed login's password page signs in through the client's SRP flow (no password is sent).
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // The console renews its tokens with the refresh token; a working day at most, then sign in again.
      refreshTokenValidity: Duration.hours(12),
      // Staff may read their team but never change it: only admins (through the Cognito API) may.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('team'),
      writeAttributes: new ClientAttributes(),
    });
    // Managed login version 2 shows a client's pages only once the client has a branding style:
    // Cognito's own, until someone designs one in the branding designer.
    new CfnManagedLoginBranding(this, 'ConsoleBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    }).node.addDependency(this.domain);

    // The ID token carries `cognito:groups` and `custom:team` (the access token has no team), and
    // its audience is the console client: the console sends its ID token as the bearer token.
    this.jwt = new HttpJwtAuthorizer(
      'StaffJwt',
      `https://cognito-idp.${this.userPool.stack.region}.amazonaws.com/${this.userPool.userPoolId}`,
      { jwtAudience: [this.client.userPoolClientId], identitySource: ['$request.header.Authorization'] },
    );

    this.api = new HttpApi(this, 'Api', {
      apiName: resourceName(config.stage, 'api'),
      description: 'Complaint & Care public and staff API',
      createDefaultStage: false,
      // the one CORS policy: the functions set no CORS headers of their own
      corsPreflight: {
        allowOrigins: [...new Set([...webOrigins, ...(localConsoleOrigin ? [localConsoleOrigin] : [])])],
        allowMethods: apiCors.allowMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...apiCors.allowHeaders],
        exposeHeaders: [...apiCors.exposeHeaders],
        maxAge: Duration.seconds(apiCors.maxAgeSeconds),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${resourceName(config.stage, 'api')}`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: config.apiThrottle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat() },
    });
    (this.stage.node.defaultChild as CfnStage).routeSettings = Lazy.any({
      produce: () => (Object.keys(this.routeThrottles).length > 0 ? this.routeThrottles : undefined),
    });
  }

  get url(): string {
    return this.stage.url;
  }

  /**
   * Adds a topology route: jwt routes get the authorizer (the others say why they need none), and a
   * route's own throttle tightens the stage default for that route.
   */
  addRoute(route: RouteSpec, fn: LambdaFunction): HttpRoute {
    let integration = this.integrations.get(fn);
    if (!integration) {
      // One invoke permission per function for this API, not one per route: each is a resource of
      // the services stack, which CloudFormation caps at 500, and the function serves only the
      // routes the API sends it anyway.
      integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn, {
        scopePermissionToRoute: false,
      });
      this.integrations.set(fn, integration);
    }
    const key = routeKeyOf(route);
    const httpRoute = new HttpRoute(this, `Route ${key}`, {
      httpApi: this.api,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration,
      authorizer: route.auth.kind === 'jwt' ? this.jwt : undefined,
    });
    if (route.throttle) {
      this.routeThrottles[key] = {
        ThrottlingRateLimit: route.throttle.rateLimit,
        ThrottlingBurstLimit: route.throttle.burstLimit,
      };
      // Route settings may only name routes that already exist.
      this.stage.node.addDependency(httpRoute);
    }
    if (route.auth.kind !== 'jwt') {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: UNAUTHORIZED_ROUTE_REASON[route.auth.kind],
      });
    }
    return httpRoute;
  }
}

/** One JSON line per request; never the body, never the token. */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      time: '$context.requestTime',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latencyMs: '$context.responseLatency',
      integrationLatencyMs: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
      sub: '$context.authorizer.claims.sub',
      sourceIp: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
      responseLength: '$context.responseLength',
    }),
  );
}
