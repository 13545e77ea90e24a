/**
 * The console on AWS: staff sign in through Cognito managed login (code grant for a public client,
 * the console's callback and sign-out URLs, a per-stage domain), the SPA is served under /console/
 * by a rewrite function (run here as CloudFront runs it), with its own CSP, its build deployed with
 * the right cache headers and a config.json generated from the stack, and staff alerts link to it.
 */
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureTopology } from '../../test/fixtures/topology';
import { buildApp } from '../bin/app';
import { type StageConfig, stageConfigOfFile, stageConfigs } from '../config/stages';
import { CONSOLE_REWRITE_FILE, consoleBuild } from '../constructs/web-hosting';
import { topology } from '../topology';
import {
  filesOfAsset,
  functionOf,
  PLACEHOLDER_CONSOLE_FILES,
  resourcesOf,
  type Synthesized,
  synthesize,
  unbundledApp,
} from './support/synth';

const SYNTH_TIMEOUT = 180_000;

let dev: Synthesized;
let prod: Synthesized;
beforeAll(() => {
  dev = synthesize(topology, 'dev', { bundle: false });
  prod = synthesize(fixtureTopology, 'prod', { bundle: false });
}, SYNTH_TIMEOUT);

type Props = Record<string, unknown>;
const only = (s: Synthesized, type: string): [string, Props] => {
  const entries = Object.entries(resourcesOf(s.servicesTemplate, type));
  expect(entries, type).toHaveLength(1);
  return [entries[0]![0], entries[0]![1].Properties];
};
const json = (value: unknown) => JSON.stringify(value);
const siteOrigin = (s: Synthesized) => ({
  'Fn::Join': [
    '',
    ['https://', { 'Fn::GetAtt': [only(s, 'AWS::CloudFront::Distribution')[0], 'DomainName'] }],
  ],
});
const withPath = (s: Synthesized, suffix: string) => {
  const origin = siteOrigin(s)['Fn::Join'][1] as unknown[];
  return { 'Fn::Join': ['', [...origin, suffix]] };
};

describe('sign-in: Cognito managed login', () => {
  it('the console client: authorization code grant only, public (no secret), openid/email/profile', () => {
    const [, client] = only(dev, 'AWS::Cognito::UserPoolClient');
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    // no password ever sent to the API in the clear, no admin or custom flows
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    // the team reaches the ID token (profile scope: every attribute the client reads)
    expect(client.ReadAttributes).toContain('custom:team');
    expect(client.WriteAttributes).toEqual([]);
  });

  it('returns to the console on the site only, and to localhost only where the stage says so', () => {
    const [, client] = only(dev, 'AWS::Cognito::UserPoolClient');
    expect(client.CallbackURLs).toEqual([
      withPath(dev, '/console/auth/callback'),
      'http://localhost:3000/console/auth/callback',
    ]);
    expect(client.LogoutURLs).toEqual([withPath(dev, '/console/'), 'http://localhost:3000/console/']);
    const [, prodClient] = only(prod, 'AWS::Cognito::UserPoolClient');
    expect(prodClient.CallbackURLs).toEqual([withPath(prod, '/console/auth/callback')]);
    expect(prodClient.LogoutURLs).toEqual([withPath(prod, '/console/')]);
    expect(json(prodClient)).not.toContain('localhost');
  });

  it("managed login version 2 on the stage's prefix domain, branded with Cognito's style", () => {
    const [poolId] = only(dev, 'AWS::Cognito::UserPool');
    const [clientId] = only(dev, 'AWS::Cognito::UserPoolClient');
    const [, domain] = only(dev, 'AWS::Cognito::UserPoolDomain');
    expect(domain).toEqual({
      Domain: 'complaint-care-dev',
      ManagedLoginVersion: 2,
      UserPoolId: { Ref: poolId },
    });
    expect(only(prod, 'AWS::Cognito::UserPoolDomain')[1].Domain).toBe('complaint-care-prod');
    const [, branding] = only(dev, 'AWS::Cognito::ManagedLoginBranding');
    expect(branding).toEqual({
      ClientId: { Ref: clientId },
      UserPoolId: { Ref: poolId },
      UseCognitoProvidedValues: true,
    });
  });

  it('the pool: admins create staff, MFA (TOTP) required, groups are the roles', () => {
    const [, pool] = only(dev, 'AWS::Cognito::UserPool');
    expect(pool.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    const groups = Object.values(resourcesOf(dev.servicesTemplate, 'AWS::Cognito::UserPoolGroup'));
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual(['admin', 'agent', 'lead']);
  });

  it("the API's JWT authorizer accepts the console client's ID tokens from the pool", () => {
    const [poolId] = only(dev, 'AWS::Cognito::UserPool');
    const [clientId] = only(dev, 'AWS::Cognito::UserPoolClient');
    const [, authorizer] = only(dev, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.JwtConfiguration).toEqual({
      Audience: [{ Ref: clientId }],
      Issuer: {
        'Fn::Join': [
          '',
          ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: poolId }],
        ],
      },
    });
  });

  it('CORS on the API: the site, and the local console only where the stage says so', () => {
    const cors = (s: Synthesized) =>
      (only(s, 'AWS::ApiGatewayV2::Api')[1].CorsConfiguration as { AllowOrigins: unknown[] }).AllowOrigins;
    expect(cors(dev)).toEqual([siteOrigin(dev), 'http://localhost:3000']);
    expect(cors(prod)).toContainEqual(siteOrigin(prod));
    expect(cors(prod)).not.toContain('http://localhost:3000');
  });

  it('a prefix or local origin Cognito would refuse fails synth, naming the stage', () => {
    const build = (signIn: StageConfig['signIn']) => () =>
      buildApp({
        stage: 'dev',
        topology: fixtureTopology,
        config: { ...stageConfigs.dev, signIn },
        app: unbundledApp(),
      });
    expect(build({ domainPrefix: 'Complaint_Care' })).toThrow(/Stage dev: signIn.domainPrefix/);
    expect(build({ domainPrefix: 'my-cognito-login' })).toThrow(/may not contain "cognito"/);
    expect(build({ domainPrefix: 'ok-prefix', localConsoleOrigin: 'https://evil.example.com' })).toThrow(
      /localConsoleOrigin/,
    );
  });

  it("a stage file gets a prefix of its own by default (never the base stage's domain)", () => {
    const uat = stageConfigOfFile({ stage: 'uat', extends: 'prod' }, 'uat.json');
    expect(uat.signIn).toEqual({ domainPrefix: 'complaint-care-uat', localConsoleOrigin: undefined });
    const own = stageConfigOfFile(
      { stage: 'uat', extends: 'dev', signIn: { domainPrefix: 'insurer-uat-staff' } },
      'uat.json',
    );
    expect(own.signIn).toEqual({
      domainPrefix: 'insurer-uat-staff',
      localConsoleOrigin: 'http://localhost:3000',
    });
  });
});

/** The rewrite function as CloudFront runs it: the file's `handler` called with a viewer request. */
type Request = {
  uri: string;
  querystring: Record<string, { value: string; multiValue?: { value: string }[] }>;
};
const handler = vm.runInNewContext(`${readFileSync(CONSOLE_REWRITE_FILE, 'utf8')}\nhandler;`) as (event: {
  request: Request;
}) => Request | { statusCode: number; headers: Record<string, { value: string }> };
const viewerRequest = (uri: string, querystring: Request['querystring'] = {}) =>
  handler({ request: { uri, querystring } });

describe('the console behaviour (/console*)', () => {
  it.each([
    ['/console/', '/console/index.html'],
    ['/console/cases/01JEXAMPLE0000000000000000', '/console/index.html'],
    ['/console/auth/callback', '/console/index.html'],
    ['/console/dev-sign-in', '/console/index.html'],
    ['/console/dashboard/', '/console/index.html'],
    ['/console/assets/index-Bx7Qd2aF.js', '/console/assets/index-Bx7Qd2aF.js'],
    ['/console/assets/missing-chunk.js', '/console/assets/missing-chunk.js'],
    ['/console/config.json', '/console/config.json'],
    ['/console/favicon.svg', '/console/favicon.svg'],
    ['/consoles', '/consoles'],
  ])('%s is served from %s', (uri, served) => {
    expect(viewerRequest(uri)).toMatchObject({ uri: served });
  });

  it('keeps the query of a route (the code and state of the sign-in callback)', () => {
    const query = { code: { value: 'abc' }, state: { value: 'x%2By' } };
    expect(viewerRequest('/console/auth/callback', query)).toEqual({
      uri: '/console/index.html',
      querystring: query,
    });
  });

  it('redirects /console to /console/ with its query as received', () => {
    expect(viewerRequest('/console', { lang: { value: 'en' } })).toEqual({
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: '/console/?lang=en' } },
    });
    expect(
      viewerRequest('/console', {
        a: { value: '1', multiValue: [{ value: '1' }, { value: '2' }] },
        b: { value: '' },
      }),
    ).toMatchObject({ headers: { location: { value: '/console/?a=1&a=2&b' } } });
    expect(viewerRequest('/console')).toMatchObject({ headers: { location: { value: '/console/' } } });
  });

  it("runs the function on viewer requests of /console* only, with the console's headers", () => {
    const [functionId, fn] = only(dev, 'AWS::CloudFront::Function');
    expect(fn.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    expect(fn.FunctionCode).toBe(readFileSync(CONSOLE_REWRITE_FILE, 'utf8'));
    const config = only(dev, 'AWS::CloudFront::Distribution')[1].DistributionConfig as {
      DefaultCacheBehavior: Props;
      CacheBehaviors: Props[];
    };
    expect(config.CacheBehaviors).toHaveLength(1);
    const [behaviour] = config.CacheBehaviors;
    expect(behaviour).toMatchObject({
      PathPattern: '/console*',
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      TargetOriginId: config.DefaultCacheBehavior.TargetOriginId,
      FunctionAssociations: [
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
      ],
    });
    expect(behaviour!.ResponseHeadersPolicyId).not.toEqual(
      config.DefaultCacheBehavior.ResponseHeadersPolicyId,
    );
  });

  it('CSP: connect-src is the site, the API endpoints and the user pool, and nothing more', () => {
    const config = only(dev, 'AWS::CloudFront::Distribution')[1].DistributionConfig as {
      CacheBehaviors: Props[];
    };
    const policyId = (config.CacheBehaviors[0]!.ResponseHeadersPolicyId as { Ref: string }).Ref;
    const policy = resourcesOf(dev.servicesTemplate, 'AWS::CloudFront::ResponseHeadersPolicy')[policyId]!;
    const csp =
      dev.servicesTemplate.toJSON().Resources[policyId].Properties.ResponseHeadersPolicyConfig
        .SecurityHeadersConfig.ContentSecurityPolicy;
    expect(csp.Override).toBe(true);
    const text = (csp.ContentSecurityPolicy as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : `<${json(part)}>`))
      .join('');
    const directive = (name: string) =>
      text
        .split('; ')
        .find((d) => d.startsWith(`${name} `))
        ?.slice(name.length + 1)
        .split(' ');
    const region = `<${json({ Ref: 'AWS::Region' })}>`;
    expect(directive('connect-src')).toEqual([
      "'self'",
      `https://*.execute-api.${region}.<${json({ Ref: 'AWS::URLSuffix' })}>`,
      `https://cognito-idp.${region}.amazonaws.com`,
      `https://complaint-care-dev.auth.${region}.amazoncognito.com`,
    ]);
    expect(directive('default-src')).toEqual(["'none'"]);
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(directive('frame-ancestors')).toEqual(["'none'"]);
    expect(text).not.toContain('unsafe-');
    expect(policy.Properties.ResponseHeadersPolicyConfig).toMatchObject({
      SecurityHeadersConfig: { FrameOptions: { FrameOption: 'DENY', Override: true } },
    });
  });
});

describe('the console deployment', () => {
  const deployments = (s: Synthesized) =>
    Object.values(resourcesOf(s.servicesTemplate, 'Custom::CDKBucketDeployment')).map((d) => d.Properties);
  const byPrefix = (prefix: string) => deployments(dev).find((d) => d.DestinationBucketKeyPrefix === prefix)!;
  /** The deployed files of a deployment by name, with their content and the values of their markers. */
  const filesOf = (deployment: Props) => {
    const keys = deployment.SourceObjectKeys as string[];
    const markers = (deployment.SourceMarkers as Record<string, unknown>[] | undefined) ?? [];
    return keys.flatMap((key, i) => {
      const root = path.join(dev.assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
      return filesOfAsset(dev, key).map((file) => ({
        name: path.relative(root, file),
        content: readFileSync(file, 'utf8'),
        markers: markers[i] ?? {},
      }));
    });
  };

  it('hashed assets under console/assets/: immutable for a year, never pruned, no invalidation', () => {
    const assets = byPrefix('console/assets/');
    expect(assets.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
    expect(assets.Prune).toBe(false);
    expect(assets.DistributionId).toBeUndefined();
    expect(
      filesOf(assets)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['index-Bx7Qd2aF.js', 'index-C4mG8sKq.css']);
  });

  it('the shell under console/: index.html, config.json and public files, revalidated on every load', () => {
    const shell = byPrefix('console/');
    expect(shell.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(shell.Exclude).toEqual(['assets/*']);
    expect(shell.Prune).toBe(true);
    expect(shell.DistributionPaths).toEqual(['/console/*']);
    expect(
      filesOf(shell)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['config.json', 'favicon.svg', 'index.html']);
    // the shell goes after the assets its index names
    const ids = Object.entries(resourcesOf(dev.servicesTemplate, 'Custom::CDKBucketDeployment'));
    const assetsId = ids.find(([, d]) => d.Properties.DestinationBucketKeyPrefix === 'console/assets/')![0];
    const [, shellResource] = ids.find(([, d]) => d.Properties.DestinationBucketKeyPrefix === 'console/')!;
    expect(shellResource.DependsOn).toContain(assetsId);
  });

  it('config.json: the stage, the API and the managed login, in the contract the console reads', () => {
    const [apiId] = only(dev, 'AWS::ApiGatewayV2::Api');
    const [poolId] = only(dev, 'AWS::Cognito::UserPool');
    const [clientId] = only(dev, 'AWS::Cognito::UserPoolClient');
    const [domainId] = only(dev, 'AWS::Cognito::UserPoolDomain');
    const file = filesOf(byPrefix('console/')).find((f) => f.name === 'config.json')!;
    // markers are plain strings in the JSON: replace them in the parsed values
    const resolved = JSON.parse(file.content, (_key, value: unknown) => {
      if (typeof value !== 'string') return value;
      let text = value;
      for (const [marker, token] of Object.entries(file.markers))
        text = text.split(marker).join(`<${json(token)}>`);
      return text;
    });
    const region = `<${json({ Ref: 'AWS::Region' })}>`;
    expect(resolved).toEqual({
      stage: 'dev',
      apiBaseUrl: `<${json({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] })}>`,
      signIn: {
        kind: 'cognito',
        authority: `https://cognito-idp.${region}.amazonaws.com/<${json({ Ref: poolId })}>`,
        clientId: `<${json({ Ref: clientId })}>`,
        domain: `https://<${json({ Ref: domainId })}>.auth.${region}.amazoncognito.com`,
        redirectPath: '/console/auth/callback',
        signedOutPath: '/console/',
      },
    });
  });

  it("index.html is the build's, with connect-src pinned to the site, this API and the user pool", () => {
    const [apiId] = only(dev, 'AWS::ApiGatewayV2::Api');
    const file = filesOf(byPrefix('console/')).find((f) => f.name === 'index.html')!;
    let content = file.content;
    for (const [marker, value] of Object.entries(file.markers))
      content = content.split(marker).join(`<${json(value)}>`);
    const region = `<${json({ Ref: 'AWS::Region' })}>`;
    expect(content).toContain(
      '<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="connect-src ' +
        `'self' <${json({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] })}> https://cognito-idp.${region}.amazonaws.com ` +
        `https://complaint-care-dev.auth.${region}.amazoncognito.com" />`,
    );
    expect(content).toContain(PLACEHOLDER_CONSOLE_FILES['index.html'].split('<meta charset="UTF-8" />\n')[1]);
  });

  it('staff alerts link to the console on the site (CONSOLE_URL is its origin), and the outputs name it', () => {
    const env = (functionOf(dev, 'notify-events')[1].Properties.Environment as { Variables: Props })
      .Variables;
    expect(env.CONSOLE_URL).toEqual(siteOrigin(dev));
    const outputs = dev.servicesTemplate.toJSON().Outputs;
    expect(outputs.ConsoleUrl.Value).toEqual(withPath(dev, '/console/'));
    expect(json(outputs.SignInDomain.Value)).toContain('amazoncognito.com');
  });
});

describe('the console build at synth', () => {
  /** A console source directory; `built` adds a dist whose index.html is that many seconds old. */
  const consoleDir = (built?: number) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'console-src-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    const source = path.join(dir, 'src', 'main.tsx');
    mkdirSync(path.dirname(source));
    writeFileSync(source, 'export {};');
    const past = new Date(Date.now() - 60_000);
    utimesSync(source, past, past);
    utimesSync(path.join(dir, 'index.html'), past, past);
    if (built !== undefined) {
      mkdirSync(path.join(dir, 'dist'));
      const index = path.join(dir, 'dist', 'index.html');
      writeFileSync(index, 'built');
      const at = new Date(Date.now() - built * 1000);
      utimesSync(index, at, at);
    }
    return dir;
  };
  const builder = () => {
    const runs: string[] = [];
    const run = (dir: string) => {
      runs.push(dir);
      mkdirSync(path.join(dir, 'dist'), { recursive: true });
      writeFileSync(path.join(dir, 'dist', 'index.html'), 'fresh');
    };
    return { runs, run };
  };

  it('builds a console that has no build yet, and one older than its sources', () => {
    for (const dir of [consoleDir(), consoleDir(120)]) {
      const { runs, run } = builder();
      expect(consoleBuild(true, { dir, run })).toBe(path.join(dir, 'dist'));
      expect(runs).toEqual([dir]);
      expect(readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8')).toBe('fresh');
    }
  });

  it('keeps a build newer than every source, and never builds when the stack skips bundling', () => {
    const { runs, run } = builder();
    const fresh = consoleDir(0);
    expect(consoleBuild(true, { dir: fresh, run })).toBe(path.join(fresh, 'dist'));
    expect(consoleBuild(false, { dir: consoleDir(120), run })).toMatch(/dist$/);
    expect(consoleBuild(false, { dir: consoleDir(), run })).toBeUndefined();
    expect(runs).toEqual([]);
  });

  it('deploys no console where the checkout has none, and fails when a build writes no index.html', () => {
    expect(
      consoleBuild(true, { dir: path.join(tmpdir(), 'no-console-here'), run: () => {} }),
    ).toBeUndefined();
    expect(() => consoleBuild(true, { dir: consoleDir(), run: () => {} })).toThrow(/wrote no .*index.html/);
  });
});
