/**
 * The local cloud: every Lambda handler of a topology running in this process against real AWS-API
 * emulators, wired exactly as CDK wires them on AWS. `npm start` and the test suite both use it.
 */
import { readFile } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ControllableClock, useClock } from '#shared/clock';
import { reloadSettings, settings } from '#shared/config/settings';
import { buckets } from '#shared/contracts/buckets';
import { tables } from '#shared/contracts/tables';
import { ENV, queueUrlEnvVar } from '#shared/env';
import {
  MalformedRequest,
  NotFound,
  PayloadTooLarge,
  RequestHeaderFieldsTooLarge,
  toProblem,
  Unauthenticated,
} from '#shared/http/errors';
import { assertSettingsComplete, settingsOfTopology } from '../config/function-settings';
import { deploymentSettings, localCorsOrigins, localSettings } from '../config/stage-settings';
import { OPENAPI_PATH, openApiDocument } from '../openapi/document';
import { assertValidTopology, type Topology } from '../topology-types';
import {
  fromHandlerResult,
  MAX_PAYLOAD_BYTES,
  MAX_REQUEST_HEADER_BYTES,
  RouteTable,
  toHttpApiEvent,
} from './api-gateway';
import { SmsSink, startAwsEndpoint } from './aws-endpoint';
import { LocalBus } from './bus';
import { serveConsole } from './console-site';
import { isPreflight, preflightHeaders, withCorsHeaders } from './cors';
import { addIsoDuration } from './duration';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startEmulators } from './emulators';
import { LocalFaults } from './faults';
import { LocalInbound } from './inbound';
import { Invoker, useConcurrentInvokeStore } from './invoke';
import { LocalIdentityProvider } from './jwt';
import { ensurePortFree, isAddressInUse, PortInUseError } from './ports';
import { noteCleanStop, republishOutbox, uncleanStopBefore } from './recovery';
import { createQueues, createTables, deleteTables, type LocalQueue, localBucketNames } from './resources';
import { LocalScheduler } from './scheduler';
import { CloudNotSettled, type SettleWatched, settle as settleCloud } from './settle';
import { SqsPoller } from './sqs-poller';
import { StreamPoller } from './stream-poller';

export const LOCAL_BUS_NAME = 'complaint-care-local';

export interface LocalCloudOptions {
  readonly topology: Topology;
  /** API port; 0 picks a free one (tests). */
  readonly port: number;
  readonly sesPort: number;
  /** DynamoDB Local keeps its file here; in memory when absent (tests). */
  readonly dataDir?: string;
  /** s3rver keeps the buckets' objects here; in a temporary directory when absent (tests). */
  readonly s3Dir?: string;
  /** Repository root the topology's entry paths are relative to. */
  readonly root: string;
  /** Shorter visibility timeouts make retry tests fast; AWS uses 6 × the function timeout. */
  readonly visibilityTimeoutSeconds?: number;
  /** Directory of static pages served at `/` (web/). */
  readonly webDir?: string;
  /** The built console (web/console/dist) served at /console/ (console-site.ts). */
  readonly consoleDir?: string;
  /** Puts the fault controller (faults.ts) in front of DynamoDB, SES, SMS and SQS (fault tests). */
  readonly faults?: boolean;
  /**
   * An SES to send to instead of the embedded emulator: the crash test's mailbox, which outlives a
   * killed cloud. Set at start, because a restarted cloud sends the messages it recovers at once.
   */
  readonly mailboxUrl?: string;
  /**
   * A DynamoDB Local that other clouds of the same test run share (emulators.ts): this cloud
   * creates its tables there under a prefix of its own and deletes them when it stops.
   */
  readonly sharedDynamoEndpoint?: string;
}

export interface LocalCloud {
  readonly url: string;
  readonly sesUrl: string;
  /** s3rver's address (path-style: `<s3Url>/<bucket>/<key>`). */
  readonly s3Url: string;
  /** Physical bucket names by bucket id (shared/contracts/buckets.ts). */
  readonly bucketNames: Readonly<Record<string, string>>;
  readonly clock: ControllableClock;
  readonly bus: LocalBus;
  readonly sms: SmsSink;
  readonly scheduler: LocalScheduler;
  readonly invoker: Invoker;
  readonly queues: readonly LocalQueue[];
  readonly tableNames: Readonly<Record<string, string>>;
  readonly sqs: SQSClient;
  readonly dynamo: DynamoDBClient;
  readonly identity: LocalIdentityProvider;
  /** Present when started with `faults: true`. */
  readonly faults?: LocalFaults;
  /**
   * Waits until every queue and stream is drained and no handler is running; throws
   * `CloudNotSettled` (naming the busy queues and streams) when `timeoutMs` (30 s: a busy 2-core machine runs a whole story slowly) passes first.
   */
  settle(timeoutMs?: number): Promise<void>;
  healthy(): Promise<boolean>;
  stop(): Promise<void>;
}

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

function routeRoles(topology: Topology): string {
  const map: Record<string, readonly string[]> = {};
  for (const r of topology.routes) if (r.auth.kind === 'jwt') map[`${r.method} ${r.path}`] = r.auth.roles;
  return JSON.stringify(map);
}

/** The environment every in-process handler sees: what CDK would set, pointing at the emulators. */
function configureEnvironment(
  topology: Topology,
  endpoints: { dynamo: string; sqs: string; ses: string; aws: string; sms: string; s3: string },
  tableNames: Record<string, string>,
  queues: readonly LocalQueue[],
): void {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamo,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamo,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.aws,
    AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: endpoints.sms,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    [ENV.stage]: 'local',
    [ENV.eventBusName]: LOCAL_BUS_NAME,
    [ENV.routeRoles]: routeRoles(topology),
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  for (const table of Object.values(tables)) process.env[table.envVar] = tableNames[table.id];
  for (const bucket of Object.values(buckets)) process.env[bucket.envVar] = localBucketNames[bucket.id];
  for (const q of queues) process.env[queueUrlEnvVar(q.subscription.queue)] = q.url;
  // The settings the topology's functions declare, from the local stage; the handlers share this
  // process, so it gets every one of them. A variable already in the environment wins.
  for (const name of settingsOfTopology(topology)) {
    const value = localSettings[name];
    if (value !== undefined) process.env[name] ||= value;
  }
  reloadSettings();
  // an override that does not parse stops the start, naming it, rather than the first message
  settings();
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is read to its end and dropped: leaving it unread would make the socket
  // unusable, and the client's next keep-alive request on it would be reset.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit) throw new PayloadTooLarge(`Request bodies are limited to ${limit} bytes.`);
  return Buffer.concat(chunks);
}

/**
 * What API Gateway answers to a request Node's parser refuses before it reaches a route: 431 for a
 * request line and headers over the quota, 400 for anything else malformed; problem+json either way.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const problem = toProblem(
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new RequestHeaderFieldsTooLarge(
          `The request line and headers are limited to ${MAX_REQUEST_HEADER_BYTES} bytes.`,
        )
      : new MalformedRequest('The request is not valid HTTP.'),
  );
  const body = JSON.stringify(problem);
  socket.end(
    [
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}`,
      'content-type: application/problem+json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}

const DEV_ROUTE_SETTLE_MS = 120_000;

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(JSON.stringify(body));
}

function sendProblem(res: ServerResponse, error: unknown): void {
  const problem = toProblem(error);
  sendJson(res, problem.status, problem, 'application/problem+json; charset=utf-8');
}

let sharedClouds = 0;
/** `c4711-2-`: unique among the clouds that share one DynamoDB Local (one per process and start). */
const sharedTablePrefix = () => `c${process.pid}-${++sharedClouds}-`;

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  assertValidTopology(options.topology);
  // the same check as synth: the local stage gives every function its required settings
  assertSettingsComplete(options.topology, localSettings, { stage: 'local', provided: deploymentSettings });
  if (options.port !== 0) await ensurePortFree(options.port, 'API', 'PORT');
  const clock = new ControllableClock();
  useClock(clock);

  const emulators = await startEmulators({
    dataDir: options.dataDir,
    sesPort: options.sesPort,
    s3Dir: options.s3Dir,
    bucketNames: Object.values(localBucketNames),
    sharedDynamoEndpoint: options.sharedDynamoEndpoint,
  });
  const stops: (() => Promise<void>)[] = [() => emulators.stop()];
  try {
    const sdk = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
    const dynamo = new DynamoDBClient({ ...sdk, endpoint: emulators.dynamoEndpoint });
    const streams = new DynamoDBStreamsClient({ ...sdk, endpoint: emulators.dynamoEndpoint });
    const sqs = new SQSClient({ ...sdk, endpoint: emulators.sqsEndpoint });

    const tableNames = await createTables(
      dynamo,
      options.sharedDynamoEndpoint ? sharedTablePrefix() : undefined,
    );
    if (options.sharedDynamoEndpoint) stops.unshift(() => deleteTables(dynamo, Object.values(tableNames)));
    const queues = await createQueues(sqs, options.topology, options.visibilityTimeoutSeconds);
    const bus = new LocalBus(sqs, queues, LOCAL_BUS_NAME, LOCAL_REGION);
    const sms = new SmsSink();
    const aws = await startAwsEndpoint(bus, sms, () => clock.now());
    stops.unshift(() => new Promise((r) => aws.server.close(() => r())));
    const gated = options.faults
      ? await LocalFaults.start({ email: options.mailboxUrl ?? emulators.sesEndpoint, sms: aws.url })
      : undefined;
    if (gated) stops.unshift(() => gated.faults.stop());
    configureEnvironment(
      options.topology,
      {
        dynamo: emulators.dynamoEndpoint,
        sqs: emulators.sqsEndpoint,
        ses: gated?.urls.email ?? options.mailboxUrl ?? emulators.sesEndpoint,
        aws: aws.url,
        sms: gated?.urls.sms ?? aws.url,
        s3: emulators.s3Endpoint,
      },
      tableNames,
      queues,
    );
    gated?.faults.interceptHandlerDynamoCalls();

    // before any handler module loads: Powertools must find the runtime's concurrent InvokeStore
    useConcurrentInvokeStore();
    const invoker = new Invoker(options.topology, options.root);
    await invoker.warmAll();
    const sqsPollers = queues.map((q) => new SqsPoller(sqs, q, invoker, LOCAL_REGION, gated?.faults));
    const streamPollers = options.topology.streams.map(
      (s) => new StreamPoller(dynamo, streams, s, tableNames[s.table]!, invoker, LOCAL_REGION),
    );
    const scheduler = new LocalScheduler(options.topology, clock, invoker, LOCAL_REGION);
    for (const p of [...sqsPollers, ...streamPollers]) p.start();
    scheduler.start();
    stops.unshift(async () => {
      await scheduler.stop();
      await Promise.all([...sqsPollers, ...streamPollers].map((p) => p.stop()));
    });
    if (options.dataDir) {
      const dataDir = options.dataDir;
      // the queues died with an unclean stop; the outbox still has every event they held
      if (uncleanStopBefore(dataDir)) {
        const outboxTables = options.topology.streams.map((stream) => tableNames[stream.table]!);
        await republishOutbox(dynamo, outboxTables, bus, LOCAL_BUS_NAME);
      }
      stops.push(async () => noteCleanStop(dataDir));
    }

    const inbound =
      options.topology.inbound &&
      new LocalInbound(
        options.topology.inbound,
        invoker,
        localBucketNames.InboundMail!,
        { endpoint: emulators.s3Endpoint, ...sdk },
        () => clock.now(),
      );
    if (inbound) stops.push(async () => inbound.stop());

    const routes = new RouteTable(options.topology);
    let apiUrl = '';
    const identity = await LocalIdentityProvider.create('http://localhost/local-issuer');

    const watched = (): SettleWatched[] => [
      ...sqsPollers.map((p) => ({ label: p.label, inProgress: p.inFlight, idle: p.lastReceiveEmpty })),
      ...streamPollers.map((p) => ({ label: p.label, inProgress: p.pending, idle: p.lastReadEmpty })),
    ];
    const settle = (timeoutMs = 30_000) => settleCloud(watched, timeoutMs);

    /**
     * The dev routes answer once what they started has run: a long clock jump fires many timers, so
     * they wait up to two minutes, and answer 504 naming what was still busy rather than a silent 200.
     */
    const settleForRoute = async (res: ServerResponse): Promise<boolean> => {
      try {
        await settle(DEV_ROUTE_SETTLE_MS);
        return true;
      } catch (error) {
        if (!(error instanceof CloudNotSettled)) throw error;
        sendJson(
          res,
          504,
          {
            type: 'about:blank',
            title: 'The local cloud did not settle',
            status: 504,
            detail: error.message,
          },
          'application/problem+json; charset=utf-8',
        );
        return false;
      }
    };

    const healthy = async () => {
      try {
        await emulators.dynamoHealthy();
        await sqs.send(new ListQueuesCommand({}));
        const ses = await fetch(`${emulators.sesEndpoint}/health-check`);
        // s3rver answers an unsigned request with an S3 error: any answer short of a 5xx is up
        const s3 = await fetch(emulators.s3Endpoint);
        return ses.ok && s3.status < 500 && aws.server.listening;
      } catch {
        return false;
      }
    };

    const devRoutes = async (
      req: IncomingMessage,
      res: ServerResponse,
      url: URL,
      body: Buffer,
    ): Promise<boolean> => {
      const method = req.method ?? 'GET';
      const json = (): Record<string, unknown> => {
        if (body.length === 0) return {};
        try {
          return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        } catch {
          throw new MalformedRequest('The body is not valid JSON.');
        }
      };
      if (url.pathname === '/dev/token' && method === 'POST') {
        let request: ReturnType<typeof LocalIdentityProvider.parseRequest>;
        try {
          request = LocalIdentityProvider.parseRequest(json());
        } catch (error) {
          throw new MalformedRequest((error as Error).message);
        }
        sendJson(res, 200, { token: await identity.issue(request, clock.now()) });
        return true;
      }
      if (url.pathname === '/dev/clock' && (method === 'GET' || method === 'POST')) {
        if (method === 'POST') {
          const { set, advance } = json();
          try {
            if (typeof set === 'string') {
              const instant = new Date(set);
              if (Number.isNaN(instant.getTime())) throw new Error(`"${set}" is not an ISO instant`);
              clock.set(instant);
            }
            if (typeof advance === 'string') clock.set(addIsoDuration(clock.now(), advance));
          } catch (error) {
            throw new MalformedRequest((error as Error).message);
          }
          await scheduler.catchUp();
          if (!(await settleForRoute(res))) return true;
        }
        sendJson(res, 200, { now: clock.now().toISOString() });
        return true;
      }
      const scheduleRun = /^\/dev\/schedules\/([^/]+)\/run$/.exec(url.pathname);
      if (scheduleRun && method === 'POST') {
        const name = decodeURIComponent(scheduleRun[1]!);
        if (!options.topology.schedules.some((s) => s.name === name))
          throw new NotFound(`No schedule named ${name}.`);
        await scheduler.runNow(name);
        if (!(await settleForRoute(res))) return true;
        sendJson(res, 200, { schedule: name, ranAt: clock.now().toISOString() });
        return true;
      }
      if (url.pathname === '/dev/events' && method === 'GET') {
        const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
        const events = bus.recent(url.searchParams.get('type') ?? undefined, limit);
        sendJson(res, 200, { events: events.map((e) => ({ ...e.event, deliveredTo: e.deliveredTo })) });
        return true;
      }
      if (inbound && url.pathname === '/dev/inbound/email' && method === 'POST') {
        sendJson(res, 200, await inbound.email(req.headers['content-type'], body));
        return true;
      }
      if (inbound && url.pathname === '/dev/inbound/sms' && method === 'POST') {
        sendJson(res, 200, await inbound.sms(json()));
        return true;
      }
      if (url.pathname === '/dev/sms' && method === 'GET') {
        sendJson(res, 200, { messages: [...sms.messages].reverse() });
        return true;
      }
      return false;
    };

    const serveStatic = async (res: ServerResponse, pathname: string): Promise<boolean> => {
      if (!options.webDir) return false;
      const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^(\.\.[/\\])+/, '');
      // the customer's pages are served without their extension (/status, /rate), as on AWS
      const file = join(options.webDir, extname(relative) ? relative : `${relative}.html`);
      if (!resolve(file).startsWith(resolve(options.webDir))) return false;
      try {
        const content = await readFile(file);
        res.writeHead(200, { 'content-type': MEDIA_TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(content);
        return true;
      } catch {
        return false;
      }
    };

    const server: Server = createServer({ maxHeaderSize: MAX_REQUEST_HEADER_BYTES }, async (req, res) => {
      try {
        const url = new URL(req.url ?? '/', apiUrl);
        const body = await readBody(req, MAX_PAYLOAD_BYTES);
        if (url.pathname === '/health') {
          const ok = await healthy();
          return sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'starting' });
        }
        if (url.pathname.startsWith('/dev/') && (await devRoutes(req, res, url, body))) return;
        // the API document, from the generator whose output the CDK deploys with the web pages
        if (url.pathname === OPENAPI_PATH && req.method === 'GET')
          return sendJson(res, 200, openApiDocument(options.topology, { serverUrl: apiUrl }));
        const matched = routes.match(req.method ?? 'GET', url.pathname);
        if (matched === 'methodMismatch' || !matched) {
          // the console first: its source folder sits inside webDir, its build is what is served
          if (
            req.method === 'GET' &&
            options.consoleDir &&
            (await serveConsole(res, url.pathname, options.consoleDir))
          )
            return;
          if (req.method === 'GET' && (await serveStatic(res, url.pathname))) return;
          if (isPreflight(req.method, req.headers) && matched === 'methodMismatch') {
            res.writeHead(204, preflightHeaders(localCorsOrigins, req.headers.origin));
            return res.end();
          }
          return sendProblem(res, new NotFound(`No route for ${req.method} ${url.pathname}.`));
        }
        let claims: Record<string, string> | undefined;
        if (matched.route.auth.kind === 'jwt') {
          claims = await identity.verify(req.headers.authorization, clock.now());
          if (!claims) return sendProblem(res, new Unauthenticated('A valid bearer token is required.'));
        }
        const event = toHttpApiEvent(req, url, body, matched, claims, clock.now());
        const result = fromHandlerResult(await invoker.invoke(matched.route.function, event));
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
        const corsHeaders = withCorsHeaders(localCorsOrigins, req.headers.origin, headers);
        if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
        res.writeHead(result.statusCode ?? 200, corsHeaders);
        res.end(
          result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? ''),
        );
      } catch (error) {
        // A handler that throws past its middleware is a 500 on API Gateway too ("Internal Server Error").
        if (!res.headersSent) sendProblem(res, error);
      }
    });
    server.on('clientError', answerClientError);
    await new Promise<void>((resolvePromise, reject) => {
      server.once('error', (error) =>
        reject(isAddressInUse(error) ? new PortInUseError(options.port, 'API', 'PORT') : error),
      );
      server.listen(options.port, '127.0.0.1', () => resolvePromise());
    });
    const address = server.address();
    apiUrl = `http://localhost:${typeof address === 'object' && address ? address.port : options.port}`;
    // what the deployment sets on AWS: unsubscribe links point at this API, and staff alerts at
    // the console it serves, and status and rating links at its pages
    process.env.PUBLIC_API_URL ||= apiUrl;
    process.env.CONSOLE_URL ||= apiUrl;
    process.env.PUBLIC_SITE_URL ||= apiUrl;
    reloadSettings();
    stops.unshift(
      () =>
        new Promise((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );

    return {
      url: apiUrl,
      sesUrl: emulators.sesEndpoint,
      s3Url: emulators.s3Endpoint,
      bucketNames: localBucketNames,
      clock,
      bus,
      sms,
      scheduler,
      invoker,
      queues,
      tableNames,
      sqs,
      dynamo,
      identity,
      faults: gated?.faults,
      settle,
      healthy,
      async stop() {
        for (const stop of stops) await stop().catch(() => undefined);
        dynamo.destroy();
        streams.destroy();
        sqs.destroy();
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw error;
  }
}
