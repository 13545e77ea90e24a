/**
 * The synthesized wiring equals the topology, both ways: every rule, route, schedule and event
 * source mapping the topology declares exists with its settings, and nothing else does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_SOURCE } from '#shared/contracts/events/index';
import { fixtureTopology } from '../../test/fixtures/topology';
import { resourceName, stageConfigs } from '../config/stages';
import { topology as productTopology } from '../topology';
import { routeKeyOf, routeRolesOf } from '../topology-derived';
import { assertValidTopology, busOf, eventPatternOf, type Topology } from '../topology-types';
import {
  functionOf,
  queueOf,
  resourcesOf,
  type Synthesized,
  synthesize,
  tableLogicalId,
} from './support/synth';

const SYNTH_TIMEOUT = 120_000;

const cases: [string, Topology][] = [
  ['fixture topology', fixtureTopology],
  ['product topology', productTopology],
];
const synthesized = new Map<Topology, Synthesized>();
beforeAll(() => {
  // Templates only: resources.test.ts synthesizes with real bundles.
  for (const [, topology] of cases) synthesized.set(topology, synthesize(topology, 'dev', { bundle: false }));
}, SYNTH_TIMEOUT);

const getAttId = (value: unknown) => (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
const refId = (value: unknown) => (value as { Ref: string }).Ref;
const sorted = <T>(items: T[]) => items.map((i) => JSON.stringify(i)).sort();

describe.each(cases)('%s', (_label, topology) => {
  const s = () => synthesized.get(topology)!;
  const functionIdOf = (name: string) => functionOf(s(), name)[0];
  const queueIdOf = (queue: string) => queueOf(s(), queue)[0];

  it('rules: one per subscription on the bus it names (ours, or the default bus for AWS service events), pattern and target queue as declared', () => {
    const actual = Object.values(resourcesOf(s().servicesTemplate, 'AWS::Events::Rule')).map((rule) => {
      const targets = rule.Properties.Targets as { Arn: unknown; DeadLetterConfig?: { Arn: unknown } }[];
      expect(targets).toHaveLength(1);
      const bus = rule.Properties.EventBusName === 'default' ? 'default' : 'app';
      if (bus === 'app') expect(JSON.stringify(rule.Properties.EventBusName)).toContain('Bus');
      return { bus, pattern: rule.Properties.EventPattern, queue: getAttId(targets[0]!.Arn) };
    });
    const expected = topology.subscriptions.map((sub) => ({
      bus: busOf(sub),
      pattern: eventPatternOf(sub, EVENT_SOURCE),
      queue: queueIdOf(sub.queue),
    }));
    expect(sorted(actual)).toEqual(sorted(expected));
  });

  it('routes: every route key with JWT exactly where the topology says, and no /dev route', () => {
    const routes = Object.values(resourcesOf(s().servicesTemplate, 'AWS::ApiGatewayV2::Route'));
    const actual = routes.map((r) => ({ key: r.Properties.RouteKey, auth: r.Properties.AuthorizationType }));
    const expected = topology.routes.map((r) => ({
      key: routeKeyOf(r),
      auth: r.auth.kind === 'jwt' ? 'JWT' : 'NONE',
    }));
    expect(sorted(actual)).toEqual(sorted(expected));
    for (const route of routes) expect(String(route.Properties.RouteKey)).not.toContain('/dev');
  });

  it('routes: each integration invokes the function the topology names', () => {
    const integrations = resourcesOf(s().servicesTemplate, 'AWS::ApiGatewayV2::Integration');
    for (const route of topology.routes) {
      const [, cfnRoute] = Object.entries(resourcesOf(s().servicesTemplate, 'AWS::ApiGatewayV2::Route')).find(
        ([, r]) => r.Properties.RouteKey === routeKeyOf(route),
      )!;
      const integrationId = refId(
        (cfnRoute.Properties.Target as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][1],
      );
      expect(getAttId(integrations[integrationId]!.Properties.IntegrationUri)).toBe(
        functionIdOf(route.function),
      );
    }
  });

  it('stage throttling: the stage default everywhere, tighter where a route declares its own', () => {
    const [stage] = Object.values(resourcesOf(s().servicesTemplate, 'AWS::ApiGatewayV2::Stage'));
    const { rateLimit, burstLimit } = stageConfigs.dev.apiThrottle;
    expect(stage!.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: rateLimit,
      ThrottlingBurstLimit: burstLimit,
    });
    const expected = Object.fromEntries(
      topology.routes.flatMap((r) =>
        r.throttle
          ? [
              [
                routeKeyOf(r),
                { ThrottlingRateLimit: r.throttle.rateLimit, ThrottlingBurstLimit: r.throttle.burstLimit },
              ],
            ]
          : [],
      ),
    );
    expect(stage!.Properties.RouteSettings ?? {}).toEqual(expected);
  });

  it("the API answers CORS preflights for the stage web origins, the site's own origin and the stage's local console", () => {
    const [distributionId] = Object.keys(resourcesOf(s().servicesTemplate, 'AWS::CloudFront::Distribution'));
    s().servicesTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [
          ...stageConfigs.dev.webOrigins,
          { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] },
          stageConfigs.dev.signIn.localConsoleOrigin,
        ],
      },
    });
  });

  it('functions serving jwt routes carry ROUTE_ROLES for exactly those routes', () => {
    for (const name of Object.keys(topology.functions)) {
      const env = (functionOf(s(), name)[1].Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      const roles = routeRolesOf(topology, name);
      expect(env.ROUTE_ROLES === undefined ? undefined : JSON.parse(String(env.ROUTE_ROLES))).toEqual(roles);
    }
  });

  it('schedules: expression, time zone, target function and the Scheduled Event input', () => {
    const schedules = Object.values(resourcesOf(s().servicesTemplate, 'AWS::Scheduler::Schedule'));
    const actual = schedules.map((sch) => ({
      name: sch.Properties.Name,
      expression: sch.Properties.ScheduleExpression,
      timeZone: sch.Properties.ScheduleExpressionTimezone,
      target: getAttId((sch.Properties.Target as { Arn: unknown }).Arn),
    }));
    const expected = topology.schedules.map((sch) => ({
      name: resourceName('dev', sch.name),
      expression: sch.expression,
      timeZone: sch.timeZone,
      target: functionIdOf(sch.function),
    }));
    expect(sorted(actual)).toEqual(sorted(expected));
    for (const sch of schedules) {
      const target = sch.Properties.Target as Record<string, unknown>;
      expect(target.DeadLetterConfig).toBeDefined();
      expect(target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: expect.any(Number) });
      const input = JSON.stringify(target.Input);
      for (const part of [
        '\\"detail-type\\":\\"Scheduled Event\\"',
        '\\"source\\":\\"aws.scheduler\\"',
        '\\"id\\":\\"<aws.scheduler.execution-id>\\"',
        '\\"time\\":\\"<aws.scheduler.scheduled-time>\\"',
        '\\"resources\\":[\\"<aws.scheduler.schedule-arn>\\"]',
      ]) {
        expect(input).toContain(part);
      }
    }
  });

  it('event source mappings: one per subscription queue and per stream, with batch settings', () => {
    const mappings = Object.values(resourcesOf(s().servicesTemplate, 'AWS::Lambda::EventSourceMapping'));
    const actual = mappings.map((m) => ({
      fn: refId(m.Properties.FunctionName),
      source: JSON.stringify(m.Properties.EventSourceArn),
      batchSize: m.Properties.BatchSize,
      responseTypes: m.Properties.FunctionResponseTypes,
      maxConcurrency: (m.Properties.ScalingConfig as { MaximumConcurrency?: number } | undefined)
        ?.MaximumConcurrency,
    }));
    const expected = [
      ...topology.subscriptions.map((sub) => ({
        fn: functionIdOf(sub.function),
        source: JSON.stringify({ 'Fn::GetAtt': [queueIdOf(sub.queue), 'Arn'] }),
        batchSize: sub.batchSize,
        responseTypes: ['ReportBatchItemFailures'],
        maxConcurrency: sub.maxConcurrency,
      })),
      ...topology.streams.map((st) => ({
        fn: functionIdOf(st.function),
        source: JSON.stringify(
          mappings.find((m) =>
            JSON.stringify(m.Properties.EventSourceArn).includes(tableLogicalId(s(), st.table)),
          )?.Properties.EventSourceArn ?? `stream of ${st.table}`,
        ),
        batchSize: st.batchSize,
        responseTypes: ['ReportBatchItemFailures'],
        maxConcurrency: undefined,
      })),
    ];
    expect(sorted(actual)).toEqual(sorted(expected));
  });

  it('stream mappings: from the oldest record, retries as declared, no bisecting, failures to a DLQ', () => {
    for (const st of topology.streams) {
      const mapping = Object.values(
        resourcesOf(s().servicesTemplate, 'AWS::Lambda::EventSourceMapping'),
      ).find(
        (m) =>
          refId(m.Properties.FunctionName) === functionIdOf(st.function) &&
          JSON.stringify(m.Properties.EventSourceArn).includes(`${tableLogicalId(s(), st.table)}StreamArn`),
      );
      expect(mapping, `${st.function} on ${st.table}`).toBeDefined();
      expect(mapping!.Properties).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        MaximumRetryAttempts: st.maxRetries,
        BisectBatchOnFunctionError: false,
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
      const patterns = (
        mapping!.Properties.FilterCriteria as { Filters: { Pattern: string }[] } | undefined
      )?.Filters.map((f) => JSON.parse(f.Pattern));
      expect(patterns, `filters of ${st.function} on ${st.table}`).toEqual(st.filters);
    }
  });

  it('stream mappings: the outbox relay is invoked for new outbox items only', () => {
    const relayStreams = topology.streams.filter((st) => st.function === 'outbox-relay');
    expect(relayStreams.length).toBeGreaterThan(0);
    for (const st of relayStreams) {
      const mapping = Object.values(
        resourcesOf(s().servicesTemplate, 'AWS::Lambda::EventSourceMapping'),
      ).find((m) =>
        JSON.stringify(m.Properties.EventSourceArn).includes(`${tableLogicalId(s(), st.table)}StreamArn`),
      );
      expect(mapping?.Properties.FilterCriteria).toEqual({
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { kind: { S: ['outbox'] } } },
            }),
          },
        ],
      });
    }
  });

  it('subscription mappings keep the declared batching window', () => {
    for (const sub of topology.subscriptions) {
      const mapping = Object.values(
        resourcesOf(s().servicesTemplate, 'AWS::Lambda::EventSourceMapping'),
      ).find((m) => getAttId(m.Properties.EventSourceArn) === queueIdOf(sub.queue))!;
      expect(mapping.Properties.MaximumBatchingWindowInSeconds).toBe(sub.maxBatchingWindowSeconds);
    }
  });
});

describe('topology streams', () => {
  it('stream filters Lambda refuses (none in the list, more than 5) are refused before synth', () => {
    for (const filters of [[], Array.from({ length: 6 }, () => ({ eventName: ['INSERT'] }))]) {
      const broken = {
        ...productTopology,
        streams: productTopology.streams.map((st) => ({ ...st, filters })),
      };
      expect(() => assertValidTopology(broken)).toThrow(/1 to 5 filters, or none/);
    }
  });
});

describe('product topology: notify-events', () => {
  it('is invoked by at most 2 batches at once (the send rate is shared; a burst waits in the queue)', () => {
    const s = synthesized.get(productTopology)!;
    const queueId = queueOf(s, 'notify-events')[0];
    const mapping = Object.values(resourcesOf(s.servicesTemplate, 'AWS::Lambda::EventSourceMapping')).find(
      (m) => getAttId(m.Properties.EventSourceArn) === queueId,
    );
    expect(mapping?.Properties.ScalingConfig).toEqual({ MaximumConcurrency: 2 });
  });

  it('a maximum concurrency Lambda refuses (below 2, above 1000) is refused before synth', () => {
    for (const maxConcurrency of [1, 1001, 2.5]) {
      const broken = {
        ...productTopology,
        subscriptions: productTopology.subscriptions.map((sub) => ({ ...sub, maxConcurrency })),
      };
      expect(() => assertValidTopology(broken)).toThrow(
        /maxConcurrency must be a whole number from 2 to 1000/,
      );
    }
    expect(() => assertValidTopology(productTopology)).not.toThrow();
  });

  it('sending functions get the stage send rates', () => {
    const s = synthesized.get(productTopology)!;
    for (const [name, spec] of Object.entries(productTopology.functions)) {
      const env = (functionOf(s, name)[1].Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(env.EMAIL_SEND_RATE, name).toBe(
        spec.sendsMessages ? stageConfigs.dev.settings.EMAIL_SEND_RATE : undefined,
      );
      expect(env.SMS_SEND_RATE, name).toBe(
        spec.sendsMessages ? stageConfigs.dev.settings.SMS_SEND_RATE : undefined,
      );
    }
  });
});

describe('product topology: the public status lookup', () => {
  const key = 'GET /v1/complaints/{reference}/status';

  it('has its own throttle on the stage, tighter than the default, set after its route exists', () => {
    const s = synthesized.get(productTopology)!;
    const declared = productTopology.routes.find((r) => routeKeyOf(r) === key)?.throttle;
    expect(declared).toBeDefined();
    const stageDefault = stageConfigs.dev.apiThrottle;
    expect(declared!.rateLimit).toBeLessThan(stageDefault.rateLimit);
    expect(declared!.burstLimit).toBeLessThan(stageDefault.burstLimit);

    const [stage] = Object.values(resourcesOf(s.servicesTemplate, 'AWS::ApiGatewayV2::Stage'));
    expect((stage!.Properties.RouteSettings as Record<string, unknown>)[key]).toEqual({
      ThrottlingRateLimit: declared!.rateLimit,
      ThrottlingBurstLimit: declared!.burstLimit,
    });
    // Route settings may only name a route that exists when the stage is updated.
    const [routeId] = Object.entries(resourcesOf(s.servicesTemplate, 'AWS::ApiGatewayV2::Route')).find(
      ([, r]) => r.Properties.RouteKey === key,
    )!;
    expect(stage!.DependsOn).toContain(routeId);
  });
});
