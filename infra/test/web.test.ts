/**
 * The complaint form on S3 + CloudFront: a private bucket read only through origin access control,
 * HTTPS only with security headers, a deployment whose config.js and index.html point the form at
 * the stage's API, and CORS on the API for the site's origin. Also the same site with a custom
 * domain and a web ACL, which then need no acknowledgement.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureTopology } from '../../test/fixtures/topology';
import { type StageConfig, stageConfigs } from '../config/stages';
import { configScript, pinConnectSource } from '../constructs/web-hosting';
import { filesOfAsset, reportedViolations, resourcesOf, type Synthesized, synthesize } from './support/synth';

const SYNTH_TIMEOUT = 120_000;

const withDomain: StageConfig = {
  ...stageConfigs.prod,
  site: {
    domain: {
      name: 'complaints.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
    },
    webAclArn:
      'arn:aws:wafv2:us-east-1:123456789012:global/webacl/complaint-care/11111111-2222-3333-4444-555555555555',
  },
};

let dev: Synthesized;
let custom: Synthesized;
beforeAll(() => {
  dev = synthesize(fixtureTopology, 'dev', { bundle: false });
  custom = synthesize(fixtureTopology, 'prod', { bundle: false, config: withDomain });
}, SYNTH_TIMEOUT);

const only = (s: Synthesized, type: string) => {
  const entries = Object.entries(resourcesOf(s.servicesTemplate, type));
  expect(entries, type).toHaveLength(1);
  return entries[0]!;
};
/** The parts of AWS::CloudFront::Distribution's DistributionConfig these tests read. */
interface DistributionConfig {
  Origins: { OriginAccessControlId: unknown; S3OriginConfig: { OriginAccessIdentity: string } }[];
  DefaultCacheBehavior: Record<string, unknown>;
  DefaultRootObject: string;
  Enabled: boolean;
  Logging: { Bucket: unknown; Prefix: string };
  Aliases?: string[];
  ViewerCertificate?: unknown;
  WebACLId?: string;
}
interface Statement {
  Effect: string;
  Action: unknown;
  Principal?: { Service?: string };
  Condition?: unknown;
}
const distributionConfig = (s: Synthesized) =>
  only(s, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig as DistributionConfig;
const bucketStatements = (s: Synthesized) =>
  (only(s, 'AWS::S3::BucketPolicy')[1].Properties.PolicyDocument as { Statement: Statement[] }).Statement;
const siteOrigin = (distributionId: string) => ({
  'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]],
});
const deployments = (s: Synthesized) =>
  Object.values(resourcesOf(s.servicesTemplate, 'Custom::CDKBucketDeployment')).map((d) => d.Properties);

describe('the web bucket', () => {
  it('blocks all public access, is encrypted and refuses plain HTTP', () => {
    const [bucketId, bucket] = only(dev, 'AWS::S3::Bucket');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption).toBeDefined();
    const [, policy] = only(dev, 'AWS::S3::BucketPolicy');
    expect(bucketStatements(dev)).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(JSON.stringify(policy.Properties.Bucket)).toContain(bucketId);
  });

  it('is readable by this distribution only, through origin access control', () => {
    const [distributionId] = only(dev, 'AWS::CloudFront::Distribution');
    const [oacId, oac] = only(dev, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const [origin] = distributionConfig(dev).Origins;
    expect(origin!.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(origin!.S3OriginConfig.OriginAccessIdentity).toBe('');

    const statements = bucketStatements(dev);
    const cloudFront = statements.filter((st) => st.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(cloudFront).toHaveLength(1);
    expect(cloudFront[0]!.Action).toBe('s3:GetObject');
    expect(JSON.stringify(cloudFront[0]!.Condition)).toContain(`{"Ref":"${distributionId}"}`);
    // Nobody else is allowed anything but the auto-delete function of the stack.
    const others = statements.filter((st) => st.Effect === 'Allow' && st !== cloudFront[0]);
    for (const st of others) expect(JSON.stringify(st.Principal)).toContain('AutoDeleteObjects');
  });
});

describe('the distribution', () => {
  it('redirects HTTP to HTTPS, allows GET and HEAD only and serves index.html at /', () => {
    const config = distributionConfig(dev);
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      Compress: true,
    });
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.Enabled).toBe(true);
  });

  it('sends the security headers and a CSP allowing only its own scripts and styles', () => {
    const headersId = (
      distributionConfig(dev).DefaultCacheBehavior.ResponseHeadersPolicyId as { Ref: string }
    ).Ref;
    const headers = resourcesOf(dev.servicesTemplate, 'AWS::CloudFront::ResponseHeadersPolicy')[headersId]!;
    const security = (
      headers.Properties.ResponseHeadersPolicyConfig as {
        SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      }
    ).SecurityHeadersConfig;
    expect(security.StrictTransportSecurity).toMatchObject({ Override: true, IncludeSubdomains: true });
    expect(security.StrictTransportSecurity!.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ReferrerPolicy!.ReferrerPolicy).toBe('no-referrer');
    const csp = JSON.stringify(security.ContentSecurityPolicy!.ContentSecurityPolicy);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      'connect-src https://*.execute-api.',
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('writes access logs to the stateful access-log bucket', () => {
    const logging = distributionConfig(dev).Logging;
    expect(logging.Prefix).toBe('cloudfront/');
    expect(JSON.stringify(logging.Bucket)).toContain('AccessLogs');
    const [, logBucket] = Object.entries(resourcesOf(dev.statefulTemplate, 'AWS::S3::Bucket'))[0]!;
    expect(logBucket.Properties.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true });
    expect(logBucket.Properties.LifecycleConfiguration).toEqual({
      Rules: [{ ExpirationInDays: stageConfigs.dev.logRetention, Status: 'Enabled' }],
    });
  });

  it('is the SiteUrl output, and the API answers CORS preflights from it', () => {
    const [distributionId] = only(dev, 'AWS::CloudFront::Distribution');
    expect(dev.servicesTemplate.toJSON().Outputs.SiteUrl.Value).toEqual(siteOrigin(distributionId));
    const [, api] = only(dev, 'AWS::ApiGatewayV2::Api');
    const cors = api.Properties.CorsConfiguration as { AllowOrigins: unknown[] };
    expect(cors.AllowOrigins).toContainEqual(siteOrigin(distributionId));
    expect(cors.AllowOrigins).not.toContain('*');
  });
});

describe('the deployment', () => {
  it('uploads index.html, styles.css and a generated config.js, revalidated by browsers on every visit', () => {
    const [pages] = deployments(dev).filter((d) => d.DestinationBucketKeyPrefix === undefined);
    expect(pages).toBeDefined();
    const files = (pages!.SourceObjectKeys as string[]).flatMap((key) => filesOfAsset(dev, key));
    expect(files.map((f) => path.basename(f)).sort()).toEqual([
      'config.js',
      'index.html',
      'openapi.json',
      'styles.css',
    ]);
    expect(pages!.SystemMetadata).toEqual({
      'cache-control': 'max-age=0, must-revalidate, s-maxage=31536000',
    });
    expect(pages!.Prune).toBe(true);
    // the customer's pages are the next deployment's: never pruned by this one
    expect(pages!.Exclude).toEqual(['dist/*', 'console/*', 'status', 'rate', 'rsvp']);
    expect(JSON.stringify(pages!.DistributionPaths)).toContain('/config.js');
  });

  it('uploads the status, rating and RSVP pages at /status, /rate and /rsvp as HTML, pinned to the API', () => {
    const customer = deployments(dev).find((d) =>
      JSON.stringify(d.SystemMetadata ?? {}).includes('content-type'),
    );
    expect(customer).toBeDefined();
    expect(customer!.SystemMetadata).toMatchObject({ 'content-type': 'text/html; charset=utf-8' });
    const files = (customer!.SourceObjectKeys as string[]).flatMap((key) => filesOfAsset(dev, key));
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['rate', 'rsvp', 'status']);
    for (const file of files) {
      expect(readFileSync(file, 'utf8')).toContain(
        '<meta http-equiv="Content-Security-Policy" content="connect-src ',
      );
    }
    expect(customer!.Prune).toBe(false);
    expect(JSON.stringify(customer!.DistributionPaths)).toContain('/status');
    // the status page also connects to the attachments bucket, where its uploads go
    const status = (customer!.SourceObjectKeys as string[]).findIndex((key) =>
      filesOfAsset(dev, key).some((f) => path.basename(f) === 'status'),
    );
    const markers = JSON.stringify((customer!.SourceMarkers as unknown[])[status]);
    expect(markers).toContain('ApiEndpoint');
    expect(markers).toContain('RegionalDomainName');
  });

  it("lets the status page's presigned POSTs reach the attachments bucket: CORS there, and the CSP", () => {
    const cors = (s: Synthesized) =>
      Object.values(resourcesOf(s.statefulTemplate, 'AWS::S3::Bucket'))
        .map((b) => b.Properties.CorsConfiguration)
        .filter(Boolean);
    // without a custom domain the site's origin is made in the services stack: any origin may POST
    expect(cors(dev)).toEqual([
      { CorsRules: [{ AllowedMethods: ['POST'], AllowedOrigins: ['*'], MaxAge: 3600 }] },
    ]);
    expect(cors(custom)).toEqual([
      {
        CorsRules: [
          { AllowedMethods: ['POST'], AllowedOrigins: ['https://complaints.example.com'], MaxAge: 3600 },
        ],
      },
    ]);
    const policies = Object.values(
      resourcesOf(dev.servicesTemplate, 'AWS::CloudFront::ResponseHeadersPolicy'),
    );
    const pagesPolicy = JSON.stringify(
      policies.find((p) => JSON.stringify(p.Properties).includes('web-headers'))!.Properties,
    );
    expect(pagesPolicy).toContain('https://*.s3.');
  });

  it('config.js and index.html name the API endpoint (no trailing slash)', () => {
    const [pages] = deployments(dev).filter((d) => d.DestinationBucketKeyPrefix === undefined);
    const [apiId] = only(dev, 'AWS::ApiGatewayV2::Api');
    const keys = pages!.SourceObjectKeys as string[];
    const markers = pages!.SourceMarkers as Record<string, unknown>[];
    for (const file of ['config.js', 'index.html']) {
      const index = keys.findIndex((key) => filesOfAsset(dev, key).some((f) => path.basename(f) === file));
      const content = readFileSync(filesOfAsset(dev, keys[index]!)[0]!, 'utf8');
      const [marker, value] = Object.entries(markers[index]!)[0]!;
      expect(value, file).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
      if (file === 'config.js')
        expect(content).toContain(`window.COMPLAINT_CARE_CONFIG = { apiBase: "${marker}" };`);
      else
        expect(content).toContain(
          `<meta http-equiv="Content-Security-Policy" content="connect-src ${marker}" />`,
        );
    }
  });

  it("uploads the API document at v1/openapi.json: the topology's routes, served by the stage's API", () => {
    const [pages] = deployments(dev).filter((d) => d.DestinationBucketKeyPrefix === undefined);
    const [apiId] = only(dev, 'AWS::ApiGatewayV2::Api');
    const keys = pages!.SourceObjectKeys as string[];
    const index = keys.findIndex((key) =>
      filesOfAsset(dev, key).some((f) => f.endsWith(path.join('v1', 'openapi.json'))),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const document = JSON.parse(readFileSync(filesOfAsset(dev, keys[index]!)[0]!, 'utf8'));
    const [marker, value] = Object.entries((pages!.SourceMarkers as Record<string, unknown>[])[index]!)[0]!;
    expect(value).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: marker }]);
    expect(Object.keys(document.paths).sort()).toEqual(
      [...new Set(fixtureTopology.routes.map((r) => r.path))].sort(),
    );
    expect(pages!.DistributionPaths).toContain('/v1/openapi.json');
  });

  it('uploads the bundled scripts under dist/, cached briefly by browsers', () => {
    const [scripts] = deployments(dev).filter((d) => d.DestinationBucketKeyPrefix === 'dist/');
    expect(scripts).toBeDefined();
    expect(scripts!.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=300, s-maxage=31536000' });
    expect(scripts!.DistributionPaths).toEqual(['/dist/*']);
  });

  it('config.js sets the global the form reads; index.html gets its CSP meta element before any script', () => {
    expect(configScript('https://abc.execute-api.eu-west-1.amazonaws.com')).toContain(
      'window.COMPLAINT_CARE_CONFIG = { apiBase: "https://abc.execute-api.eu-west-1.amazonaws.com" };',
    );
    const csp = '<meta http-equiv="Content-Security-Policy" content="connect-src https://api" />';
    expect(
      pinConnectSource('<html><head><meta charset="utf-8" /><script></script></head></html>', 'https://api'),
    ).toBe(`<html><head><meta charset="utf-8" />\n    ${csp}<script></script></head></html>`);
    expect(pinConnectSource('<html><head><script></script></head></html>', 'https://api')).toBe(
      `<html><head>\n    ${csp}<script></script></head></html>`,
    );
    expect(() => pinConnectSource('<html></html>', 'https://api')).toThrow(/<head>/);
    // the default behaviour (the form) runs no function: only /console* rewrites
    expect(distributionConfig(dev).DefaultCacheBehavior.FunctionAssociations).toBeUndefined();
  });
});

describe('with a custom domain and a web ACL', () => {
  it('serves the domain with TLS 1.2 or newer behind the web ACL, with no nag error left', () => {
    const config = distributionConfig(custom);
    expect(config.Aliases).toEqual(['complaints.example.com']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: withDomain.site.domain!.certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(config.WebACLId).toBe(withDomain.site.webAclArn);
    const acknowledged = (s: Synthesized) =>
      s.services.web.distribution.node.metadata
        .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
        .flatMap((m) => Object.keys(m.data as Record<string, string>))
        .map((id) => id.split('::').at(-1));
    expect(acknowledged(dev)).toEqual(expect.arrayContaining(['AwsSolutions-CFR2', 'AwsSolutions-CFR4']));
    expect(acknowledged(custom)).toEqual(['AwsSolutions-CFR1']);
    expect(reportedViolations(custom.assembly).filter((v) => v.severity === 'error')).toEqual([]);
    expect(custom.servicesTemplate.toJSON().Outputs.SiteUrl.Value).toBe('https://complaints.example.com');
  });

  it('CORS allows the domain and the distribution name', () => {
    const [distributionId] = only(custom, 'AWS::CloudFront::Distribution');
    const [, api] = only(custom, 'AWS::ApiGatewayV2::Api');
    expect((api.Properties.CorsConfiguration as { AllowOrigins: unknown[] }).AllowOrigins).toEqual([
      'https://complaints.example.com',
      siteOrigin(distributionId),
    ]);
  });

  it(
    'refuses a certificate outside us-east-1 at synth',
    () => {
      const domain = {
        name: 'complaints.example.com',
        certificateArn: withDomain.site.domain!.certificateArn.replace('us-east-1', 'eu-west-1'),
      };
      expect(() =>
        synthesize(fixtureTopology, 'prod', { bundle: false, config: { ...withDomain, site: { domain } } }),
      ).toThrow(/needs a certificate in us-east-1/);
    },
    SYNTH_TIMEOUT,
  );
});
