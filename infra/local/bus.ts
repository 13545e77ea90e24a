/**
 * The local EventBridge buses. Functions publish with the ordinary SDK `PutEvents` (their endpoint
 * points here); each event is matched against the rule of every subscription on its bus, exactly
 * as the CDK rules would, and sent to the queues that match. Two buses, as on AWS: ours (named)
 * and the account's default bus (`default`, or no name), where AWS services such as SES put their
 * events and which accepts any source. The last events are kept for `GET /dev/events`.
 */
import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { EVENT_SOURCE } from '#shared/contracts/events/index';
import { busOf, eventPatternOf } from '../topology-types';
import { matchesPattern } from './event-pattern';
import type { LocalQueue } from './resources';

export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: string[];
  readonly detail: Record<string, unknown>;
}

export interface PutEventsEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly Time?: number | string;
  readonly EventBusName?: string;
  readonly Resources?: string[];
}

export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

const EVENT_LOG_SIZE = 2000;

export class LocalBus {
  readonly #log: { event: BusEvent; deliveredTo: string[] }[] = [];
  /** Test hook: when set, entries it returns true for are rejected like a throttled PutEvents entry. */
  rejectEntry: ((entry: PutEventsEntry) => boolean) | undefined;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: readonly LocalQueue[],
    private readonly busName: string,
    private readonly region: string,
  ) {}

  async putEvents(entries: readonly PutEventsEntry[]): Promise<PutEventsResultEntry[]> {
    return Promise.all(entries.map((entry) => this.#put(entry)));
  }

  /** Which of the two buses an entry names: ours by name or ARN, else the default bus. */
  #busOf(entry: PutEventsEntry): 'app' | 'default' | undefined {
    const name = entry.EventBusName?.split(':event-bus/').pop();
    if (name === this.busName) return 'app';
    if (!name || name === 'default') return 'default';
    return undefined;
  }

  async #put(entry: PutEventsEntry): Promise<PutEventsResultEntry> {
    const bus = this.#busOf(entry);
    if (!bus) {
      return {
        ErrorCode: 'ResourceNotFoundException',
        ErrorMessage: `Event bus ${entry.EventBusName} does not exist.`,
      };
    }
    if (!entry.Source || !entry.DetailType || !entry.Detail) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required.' };
    }
    if (this.rejectEntry?.(entry)) return { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' };
    let detail: Record<string, unknown>;
    try {
      detail = JSON.parse(entry.Detail) as Record<string, unknown>;
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    const time =
      entry.Time === undefined
        ? new Date()
        : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time);
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: '000000000000',
      time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.region,
      resources: entry.Resources ?? [],
      detail,
    };
    const targets = this.queues.filter(
      (q) =>
        busOf(q.subscription) === bus &&
        matchesPattern(
          eventPatternOf(q.subscription, EVENT_SOURCE),
          event as unknown as Record<string, unknown>,
        ),
    );
    await Promise.all(
      targets.map((q) =>
        this.sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: JSON.stringify(event) })),
      ),
    );
    this.#log.push({ event, deliveredTo: targets.map((q) => q.subscription.queue) });
    if (this.#log.length > EVENT_LOG_SIZE) this.#log.shift();
    return { EventId: event.id };
  }

  /** Newest first. */
  recent(type: string | undefined, limit: number): { event: BusEvent; deliveredTo: string[] }[] {
    return this.#log
      .filter((e) => !type || e.event['detail-type'] === type)
      .slice(-limit)
      .reverse();
  }
}
