/**
 * Lambda's SQS event source mapping, locally: receives up to the subscription's batch size,
 * invokes the function with a real SQS event, deletes what succeeded and leaves each record in
 * `batchItemFailures` (or the whole batch when the function throws) to reappear after the
 * visibility timeout; fauxqs moves it to the DLQ after maxReceiveCount receives. Like the mapping's
 * maximum concurrency, up to `maxConcurrency` batches are received and handled at once (one when
 * the subscription sets none).
 */
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { LocalFaults } from './faults';
import type { Invoker } from './invoke';
import { localLog } from './log';
import { PollingLoop } from './polling-loop';
import type { LocalQueue } from './resources';

/** SQS returns at most 10 messages per receive; larger batch sizes gather several receives. */
const SQS_RECEIVE_MAX = 10;

export function toSqsEvent(messages: readonly Message[], queue: LocalQueue, region: string): SQSEvent {
  return {
    Records: messages.map((m) => ({
      messageId: m.MessageId!,
      receiptHandle: m.ReceiptHandle!,
      body: m.Body ?? '',
      attributes: {
        ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
        SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
        SenderId: m.Attributes?.SenderId ?? 'local',
        ApproximateFirstReceiveTimestamp:
          m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: m.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: region,
    })),
  };
}

export class SqsPoller extends PollingLoop {
  /** Batches being handled right now; `settled()` waits for zero. */
  inFlight = 0;
  /** Per concurrent worker: whether its last receive came back empty. */
  readonly #lastEmpty: boolean[];

  constructor(
    private readonly sqs: SQSClient,
    private readonly queue: LocalQueue,
    private readonly invoker: Invoker,
    private readonly region: string,
    /** Fault tests only: may ask for every batch to be delivered twice. */
    private readonly faults?: LocalFaults,
  ) {
    super();
    this.#lastEmpty = Array.from({ length: queue.subscription.maxConcurrency ?? 1 }, () => false);
  }

  /** What `settle()` names when this queue is still busy. */
  get label(): string {
    return `queue ${this.queue.subscription.queue} → ${this.queue.subscription.function}`;
  }

  /** True when every worker's last receive was empty (the queue looked drained to all of them). */
  get lastReceiveEmpty(): boolean {
    return this.#lastEmpty.every(Boolean);
  }

  async #receive(): Promise<Message[]> {
    const { batchSize } = this.queue.subscription;
    const messages: Message[] = [];
    while (messages.length < batchSize) {
      const result = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queue.url,
          MaxNumberOfMessages: Math.min(SQS_RECEIVE_MAX, batchSize - messages.length),
          WaitTimeSeconds: messages.length === 0 ? 1 : 0,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      const received = result.Messages ?? [];
      messages.push(...received);
      if (received.length === 0) break;
    }
    return messages;
  }

  protected async run(): Promise<void> {
    await Promise.all(this.#lastEmpty.map((_, worker) => this.#work(worker)));
  }

  async #work(worker: number): Promise<void> {
    while (this.running) {
      try {
        const messages = await this.#receive();
        this.#lastEmpty[worker] = messages.length === 0;
        if (messages.length === 0) continue;
        this.inFlight++;
        try {
          await this.#handle(messages);
        } finally {
          this.inFlight--;
        }
      } catch (error) {
        if (!this.running) return;
        localLog.warn(`SQS poller ${this.queue.subscription.queue} error`, error);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** Invokes the function with one batch; returns the ids of the messages that failed. */
  async #invoke(messages: Message[]): Promise<Set<string>> {
    const { subscription } = this.queue;
    try {
      const response = (await this.invoker.invoke(
        subscription.function,
        toSqsEvent(messages, this.queue, this.region),
      )) as SQSBatchResponse | undefined;
      return new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      // A thrown error fails the whole batch, exactly like Lambda: every message comes back.
      localLog.warn(`${subscription.function} failed its whole batch`, error);
      return new Set(messages.map((m) => m.MessageId!));
    }
  }

  async #handle(messages: Message[]): Promise<void> {
    let failed: Set<string>;
    if (this.faults?.duplicateDelivery) {
      // SQS is at-least-once: the same messages reach two invocations at once. A message either
      // one handled is deleted, as the first DeleteMessage would delete it on SQS.
      this.faults.counts.duplicateDeliveries += messages.length;
      const [first, second] = await Promise.all([this.#invoke(messages), this.#invoke(messages)]);
      failed = new Set([...first].filter((id) => second.has(id)));
    } else {
      failed = await this.#invoke(messages);
    }
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    for (let i = 0; i < done.length; i += SQS_RECEIVE_MAX) {
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queue.url,
          Entries: done
            .slice(i, i + SQS_RECEIVE_MAX)
            .map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
  }
}
