/**
 * The shape of the one wiring declaration (infra/topology.ts). CDK turns it into AWS resources
 * and the local cloud wires handlers from it, so every function, route, subscription, schedule and
 * stream is described here once.
 */
import type { SettingName } from '#shared/config/settings';
import type { BucketId } from '#shared/contracts/buckets';
import type { EventType } from '#shared/contracts/events/index';
import type { Role } from '#shared/contracts/roles';
import type { TableId } from '#shared/contracts/tables';

export type ServiceName =
  | 'intake'
  | 'triage'
  | 'sla'
  | 'cases'
  | 'notify'
  | 'care'
  | 'claims'
  | 'quality'
  | 'relationship'
  | 'privacy'
  | 'platform';
export type { Role };
/**
 * `append`: PutItem alone (no update, no delete), for append-only logs such as the access audit;
 * `readAppend` adds reading.
 */
export type TableAccess = 'read' | 'write' | 'readWrite' | 'append' | 'readAppend';
/** Objects a function reads (and presigns downloads of), writes (and presigns uploads of), or both. */
/** `erase`: list keys and delete objects, never read or write them (the privacy office's erasure). */
/** `readErase`: read, and delete what turned out not to be kept (an inbound email naming no complaint). */
export type BucketAccess = 'read' | 'write' | 'readWrite' | 'erase' | 'readErase';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface FunctionSpec {
  readonly service: ServiceName;
  /** Source file of the Lambda entry point, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Tables the function touches and how; CDK grants exactly this and sets each table's env var. */
  readonly tables?: Partial<Record<TableId, TableAccess>>;
  /** Buckets the function touches and how; CDK grants exactly this and sets each bucket's env var. */
  readonly buckets?: Partial<Record<BucketId, BucketAccess>>;
  /** Puts events on the bus (only the outbox relay should). */
  readonly publishesEvents?: boolean;
  /** Sends email through SES / SMS through End User Messaging. */
  readonly sendsMessages?: boolean;
  /** Reads the hotline signing secret. */
  readonly readsHotlineSecret?: boolean;
  /** Reads the key for keyed hashes of personal data (shared/pii.ts). */
  readonly readsPiiHashKey?: boolean;
  /** Signs or verifies unsubscribe links (the unsubscribe secret). */
  readonly readsUnsubscribeSecret?: boolean;
  /** Signs or verifies the customer's status and rating links (shared/links). */
  readonly readsCustomerLinkSecret?: boolean;
  /** Signs or verifies reply addresses (the reply secret, shared/domain/reply-address.ts). */
  readonly readsReplySecret?: boolean;
  /** Sends to another subscription's queue directly (bulk fan-out). */
  readonly sendsToQueues?: readonly string[];
  /**
   * The settings (shared/config/settings.ts) the function reads: CDK sets exactly these from the
   * stage and fails synth when a required one has no value; the local cloud sets them the same way.
   */
  readonly settings?: readonly SettingName[];
}

export type RouteAuth =
  | { readonly kind: 'public' }
  | { readonly kind: 'hotline-signature' }
  /** Signed like the hotline, with the core systems' own secret (claim and policy events). */
  | { readonly kind: 'core-events-signature' }
  | { readonly kind: 'jwt'; readonly roles: readonly Role[] };

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway path syntax, e.g. `/v1/cases/{complaintId}`. */
  readonly path: string;
  readonly function: string;
  readonly auth: RouteAuth;
  /** Per-route throttling on the HTTP API stage (requests per second and burst). */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

interface QueueSubscription {
  /** Queue name (stage-prefixed in AWS); the DLQ is `<name>-dlq`. */
  readonly queue: string;
  readonly function: string;
  readonly batchSize: number;
  readonly maxReceiveCount: number;
  readonly maxBatchingWindowSeconds?: number;
  /**
   * At most this many batches are handled at once (the SQS event source mapping's
   * `ScalingConfig.MaximumConcurrency`, 2 to 1000); the local poller runs as many. Unset: Lambda
   * scales with the queue, while the local poller handles one batch at a time. Bounding it keeps a
   * burst waiting in the queue, where waiting costs no receive count, instead of in invocations.
   */
  readonly maxConcurrency?: number;
}

/** One EventBridge rule on our bus → one SQS queue (with its DLQ) → one function. */
export interface DomainSubscriptionSpec extends QueueSubscription {
  readonly bus?: 'app';
  readonly eventTypes: readonly EventType[];
}

/**
 * One rule on the account's default bus, for events AWS services put only there (SES
 * configuration-set events): the source and detail types are theirs, not our catalog's.
 */
export interface DefaultBusSubscriptionSpec extends QueueSubscription {
  readonly bus: 'default';
  readonly source: string;
  readonly detailTypes: readonly string[];
}

export type SubscriptionSpec = DomainSubscriptionSpec | DefaultBusSubscriptionSpec;

export interface ScheduleSpec {
  readonly name: string;
  readonly function: string;
  /** EventBridge Scheduler expression: `cron(min hour dom month dow year)` or `rate(n unit)`. */
  readonly expression: string;
  readonly timeZone: string;
  readonly description: string;
}

/**
 * A Lambda event filter pattern on a stream record (`eventName`, `dynamodb.NewImage`…): EventBridge
 * pattern syntax, values in arrays, operators such as `prefix` or `anything-but` as objects.
 */
export type StreamRecordPattern = { readonly [key: string]: StreamRecordPattern | readonly unknown[] };

/** A DynamoDB stream consumer (the outbox relay). */
export interface StreamSpec {
  readonly table: TableId;
  readonly function: string;
  readonly batchSize: number;
  readonly maxRetries: number;
  /**
   * Records the function is invoked for (the event source's `FilterCriteria`; a record matching any
   * pattern passes); the rest are dropped before any invocation, on AWS and locally alike. Unset:
   * every record.
   */
  readonly filters?: readonly StreamRecordPattern[];
}

/**
 * Customers' replies from outside the API: email (SES receipt rule for the reply domain → the
 * inbound-mail bucket → the function) and SMS (End User Messaging two-way SMS → an SNS topic → the
 * function). Locally `POST /dev/inbound/email` and `POST /dev/inbound/sms` invoke the same functions.
 */
export interface InboundSpec {
  readonly email: string;
  readonly sms: string;
}

export interface Topology {
  readonly functions: Readonly<Record<string, FunctionSpec>>;
  readonly inbound?: InboundSpec;
  readonly routes: readonly RouteSpec[];
  readonly subscriptions: readonly SubscriptionSpec[];
  readonly schedules: readonly ScheduleSpec[];
  readonly streams: readonly StreamSpec[];
}

/**
 * The EventBridge pattern of a subscription's rule; CDK and the local bus both use this. `source`
 * is our events' source; default-bus subscriptions name their own.
 */
export function eventPatternOf(subscription: SubscriptionSpec, source: string) {
  return subscription.bus === 'default'
    ? { source: [subscription.source], 'detail-type': [...subscription.detailTypes] }
    : { source: [source], 'detail-type': [...subscription.eventTypes] };
}

/** Which bus a subscription's rule is on. */
export function busOf(subscription: SubscriptionSpec): 'app' | 'default' {
  return subscription.bus ?? 'app';
}

/**
 * Checks the cross-references a typo would break (unknown function, duplicate queue or route),
 * so both CDK synth and the local cloud refuse a broken topology with a clear message.
 */
export function assertValidTopology(topology: Topology): void {
  const problems: string[] = [];
  const known = (name: string, where: string) => {
    if (!topology.functions[name]) problems.push(`${where} names unknown function "${name}"`);
  };
  const seen = new Set<string>();
  const unique = (key: string, what: string) => {
    if (seen.has(key)) problems.push(`duplicate ${what}`);
    seen.add(key);
  };
  for (const r of topology.routes) {
    known(r.function, `route ${r.method} ${r.path}`);
    unique(`route:${r.method} ${r.path}`, `route ${r.method} ${r.path}`);
    if (r.path.startsWith('/dev'))
      problems.push(`route ${r.path}: /dev routes belong to the local cloud only`);
  }
  for (const s of topology.subscriptions) {
    known(s.function, `subscription ${s.queue}`);
    unique(`queue:${s.queue}`, `queue ${s.queue}`);
    const types = s.bus === 'default' ? s.detailTypes : s.eventTypes;
    if (types.length === 0) problems.push(`subscription ${s.queue} has no event types`);
    if (s.bus === 'default' && !s.source)
      problems.push(`subscription ${s.queue} on the default bus needs a source`);
    if (s.batchSize < 1 || s.batchSize > 10_000)
      problems.push(`subscription ${s.queue}: batch size out of range`);
    if (s.maxReceiveCount < 1) problems.push(`subscription ${s.queue}: maxReceiveCount must be >= 1`);
    if (
      s.maxConcurrency !== undefined &&
      (!Number.isInteger(s.maxConcurrency) || s.maxConcurrency < 2 || s.maxConcurrency > 1000)
    )
      problems.push(`subscription ${s.queue}: maxConcurrency must be a whole number from 2 to 1000`);
  }
  for (const s of topology.schedules) {
    known(s.function, `schedule ${s.name}`);
    unique(`schedule:${s.name}`, `schedule ${s.name}`);
    if (!/^(cron|rate)\(.+\)$/.test(s.expression)) problems.push(`schedule ${s.name}: bad expression`);
  }
  for (const s of topology.streams) {
    known(s.function, `stream on ${s.table}`);
    // Lambda takes at most 5 filters per event source mapping
    if (s.filters && (s.filters.length < 1 || s.filters.length > 5))
      problems.push(`stream on ${s.table}: 1 to 5 filters, or none`);
  }
  if (topology.inbound) {
    known(topology.inbound.email, 'inbound email');
    known(topology.inbound.sms, 'inbound sms');
  }
  for (const [name, fn] of Object.entries(topology.functions)) {
    if (new Set(fn.settings).size !== (fn.settings?.length ?? 0))
      problems.push(`function ${name} declares a setting twice`);
    for (const q of fn.sendsToQueues ?? []) {
      if (!topology.subscriptions.some((s) => s.queue === q))
        problems.push(`function ${name} sends to unknown queue ${q}`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid topology:\n- ${problems.join('\n- ')}`);
}
