/**
 * The HTTP API and the people who may call it: a Cognito user pool for agents, leads and admins
 * (groups carry the role, `custom:team` the team), a JWT authorizer on the ID token, default-stage
 * throttling and JSON access logs. Routes are added from the topology by each service.
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
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
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
} as const;

export class HttpApiGateway extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  private readonly jwt: HttpJwtAuthorizer;
  private readonly integrations = new Map<LambdaFunction, HttpLambdaIntegration>();
  /** Per-route throttling by route key, rendered into the stage's RouteSettings. */
  private readonly routeThrottles: Record<
    string,
    { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
  > = {};

  /**
   * `webOrigins`: every origin the web pages are served from (the stage config's and the site's
   * CloudFront origins); the API answers CORS preflights for exactly these.
   */
  constructor(scope: Construct, id: string, config: StageConfig, webOrigins: readonly string[]) {
    super(scope, id);
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
    this.client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: resourceName(config.stage, 'console'),
      // The console signs in with SRP; no hosted UI, so no OAuth flows or callback URLs.
      authFlows: { userSrp: true },
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      // Staff may read their team but never change it: only admins (through the Cognito API) may.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes('team'),
      writeAttributes: new ClientAttributes(),
    });

    // The ID token carries `cognito:groups` and `custom:team`; its audience is the console client.
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
        allowOrigins: [...webOrigins],
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
      integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn);
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
