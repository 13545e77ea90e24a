/**
 * Fault injection for the fault suite (test/faults): on demand, the local cloud's dependencies
 * misbehave the way AWS's do — DynamoDB throttles, SES and SMS answer 429 or 5xx, the outbox relay
 * dies between PutEvents and marking the item published, SQS delivers a message twice. All of it
 * sits on the local side of the SDK and of the emulators' HTTP, and only when `startLocalCloud` is
 * asked for `faults`; the production adapters run unchanged and never see a switch.
 */

import { createServer, request as httpRequest, type Server } from 'node:http';
import { ProvisionedThroughputExceededException, ThrottlingException } from '@aws-sdk/client-dynamodb';
import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/lib-dynamodb';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { dynamo } from '#shared/aws/clients';
import { isOutboxKey, OUTBOX_KIND } from '#shared/outbox/outbox-keys';

export type Channel = 'email' | 'sms';

/** What was injected so far; the fault tests print it as their figures. */
export interface FaultCounts {
  dynamoThrottled: number;
  relayMarksFailed: number;
  emailRefused: number;
  smsRefused: number;
  duplicateDeliveries: number;
  dynamoCallsFailed: number;
}

/** Which of the handlers' DynamoDB calls to fail: by command (either client's name) and table. */
export interface DynamoCallMatch {
  /** e.g. `DeleteItem` matches DeleteItemCommand and the document client's DeleteCommand. */
  readonly operation: 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query' | 'GetItem';
  readonly tableName: string;
}

const DOCUMENT_COMMANDS: Record<DynamoCallMatch['operation'], string> = {
  PutItem: 'PutCommand',
  UpdateItem: 'UpdateCommand',
  DeleteItem: 'DeleteCommand',
  Query: 'QueryCommand',
  GetItem: 'GetCommand',
};

/** A provider refusal: the HTTP status and the error the SDK will name. */
interface Refusal {
  readonly status: number;
  readonly errorType: string;
}

/** The errors each provider answers with for a status, in the protocol its SDK client parses. */
const REFUSALS: Record<Channel, Record<number, string>> = {
  // SES v2 is REST-JSON: the error type travels in x-amzn-errortype
  email: { 429: 'TooManyRequestsException', 500: 'InternalFailure', 503: 'ServiceUnavailable' },
  // End User Messaging SMS is JSON 1.0: the error type travels in the body's __type
  sms: { 429: 'ThrottlingException', 500: 'InternalServerException', 503: 'ServiceUnavailable' },
};

/** A deterministic random sequence, so a run injects the same pattern of throttles (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The outbox item key an UpdateItem targets, marshalled or not (the document client marshals). */
function outboxUpdate(commandName: string | undefined, input: Record<string, unknown>): boolean {
  if (commandName !== 'UpdateItemCommand' && commandName !== 'UpdateCommand') return false;
  const pk = (input.Key as Record<string, unknown> | undefined)?.pk;
  const value = typeof pk === 'string' ? pk : (pk as { S?: string } | undefined)?.S;
  return (
    typeof value === 'string' &&
    isOutboxKey(value) &&
    String(input.UpdateExpression ?? '').includes('publishedAt')
  );
}

export class LocalFaults {
  readonly counts: FaultCounts = {
    dynamoThrottled: 0,
    relayMarksFailed: 0,
    emailRefused: 0,
    smsRefused: 0,
    duplicateDeliveries: 0,
    dynamoCallsFailed: 0,
  };
  /** Calls that reached the providers through the gates (sent or refused). */
  readonly providerCalls: Record<Channel, number> = { email: 0, sms: 0 };
  /** When true, the SQS pollers hand every batch to two concurrent invocations. */
  duplicateDelivery = false;

  #throttle: { fraction: number; left: number; random: () => number } | undefined;
  #relayMarkFailures = 0;
  #callFailures: { match: DynamoCallMatch; left: number } | undefined;
  readonly #refusals: Record<Channel, Refusal[]> = { email: [], sms: [] };
  readonly #gates: Server[] = [];

  private constructor(
    /** Where the SES and SMS gates forward what they let through. */
    readonly targets: Record<Channel, string>,
  ) {}

  /** Puts the gates in front of SES and SMS; returns their URLs for the handlers' endpoint variables. */
  static async start(
    targets: Record<Channel, string>,
  ): Promise<{ faults: LocalFaults; urls: Record<Channel, string> }> {
    const faults = new LocalFaults({ ...targets });
    const urls = {
      email: await faults.#startGate('email'),
      sms: await faults.#startGate('sms'),
    };
    return { faults, urls };
  }

  /**
   * Puts the middleware on the DynamoDB client every handler shares (shared/aws/clients.ts), once
   * the environment points it at DynamoDB Local; the tests' own clients stay untouched.
   */
  interceptHandlerDynamoCalls(): void {
    const middleware: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
      (next, context) => (args) =>
        this.#beforeDynamoCall(context.commandName, args.input as Record<string, unknown>) ?? next(args);
    dynamo().middlewareStack.add(
      middleware,
      // inside the SDK's retry loop, so its own retries meet the throttles as they would on AWS
      { step: 'finalizeRequest', priority: 'low', name: 'localFaultInjection' },
    );
  }

  /**
   * Throttles each DynamoDB call of the handlers with probability `fraction`, `limit` times in all
   * (ProvisionedThroughputExceededException or ThrottlingException, as DynamoDB answers).
   */
  throttleDynamo(options: { fraction: number; limit: number; seed?: number }): void {
    this.#throttle = {
      fraction: options.fraction,
      left: options.limit,
      random: seeded(options.seed ?? 13),
    };
  }

  /** The relay's next `count` attempts to mark an outbox item published fail, after PutEvents took it. */
  failRelayMarks(count: number): void {
    this.#relayMarkFailures = count;
  }

  /**
   * The handlers' next `count` DynamoDB calls that match fail with an error the SDK does not retry,
   * as a function dying part-way through its work would leave it (a half-done erasure, say).
   */
  failDynamoCalls(match: DynamoCallMatch, count = 1): void {
    this.#callFailures = { match, left: count };
  }

  /** The provider of `channel` refuses its next calls, one per status given, in that order. */
  refuseSends(channel: Channel, statuses: readonly number[]): void {
    for (const status of statuses) {
      const errorType = REFUSALS[channel][status];
      if (!errorType) throw new Error(`no ${channel} refusal for HTTP ${status}`);
      this.#refusals[channel].push({ status, errorType });
    }
  }

  /** Refusals still to come, on either channel. */
  get pendingRefusals(): number {
    return this.#refusals.email.length + this.#refusals.sms.length;
  }

  get throttlesLeft(): number {
    return this.#throttle?.left ?? 0;
  }

  /** Ends every fault (the counts stay). */
  clear(): void {
    this.#throttle = undefined;
    this.#relayMarkFailures = 0;
    this.#callFailures = undefined;
    this.#refusals.email.length = 0;
    this.#refusals.sms.length = 0;
    this.duplicateDelivery = false;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.#gates.map(
        (gate) =>
          new Promise<void>((resolve) => {
            gate.closeAllConnections();
            gate.close(() => resolve());
          }),
      ),
    );
  }

  /** A rejected promise to answer the call with instead of sending it, or undefined to send it. */
  #beforeDynamoCall(
    commandName: string | undefined,
    input: Record<string, unknown>,
  ): Promise<never> | undefined {
    if (this.#relayMarkFailures > 0 && outboxUpdate(commandName, input)) {
      this.#relayMarkFailures--;
      this.counts.relayMarksFailed++;
      // not an AWS error, so the SDK does not retry it: the relay is as good as dead at this point
      return Promise.reject(
        new Error(`local fault: the relay died before marking an ${OUTBOX_KIND} item published`),
      );
    }
    const failure = this.#callFailures;
    if (
      failure &&
      failure.left > 0 &&
      input.TableName === failure.match.tableName &&
      (commandName === `${failure.match.operation}Command` ||
        commandName === DOCUMENT_COMMANDS[failure.match.operation])
    ) {
      failure.left--;
      this.counts.dynamoCallsFailed++;
      return Promise.reject(
        new Error(`local fault: ${failure.match.operation} on ${failure.match.tableName} failed`),
      );
    }
    const throttle = this.#throttle;
    if (throttle && throttle.left > 0 && throttle.random() < throttle.fraction) {
      throttle.left--;
      this.counts.dynamoThrottled++;
      const metadata = { $metadata: { httpStatusCode: 400 } };
      const message = 'local fault: throughput exceeded';
      return Promise.reject(
        this.counts.dynamoThrottled % 2
          ? new ProvisionedThroughputExceededException({ message, ...metadata })
          : new ThrottlingException({ message, ...metadata }),
      );
    }
    return undefined;
  }

  /** An HTTP gate that forwards to the channel's provider unless a refusal is queued. */
  async #startGate(channel: Channel): Promise<string> {
    const gate = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.providerCalls[channel]++;
        const refusal = this.#refusals[channel].shift();
        if (refusal) {
          this.counts[channel === 'email' ? 'emailRefused' : 'smsRefused']++;
          res.writeHead(refusal.status, {
            'content-type': channel === 'email' ? 'application/json' : 'application/x-amz-json-1.0',
            'x-amzn-errortype': refusal.errorType,
          });
          res.end(JSON.stringify({ __type: refusal.errorType, message: 'local fault: refused' }));
          return;
        }
        const target = new URL(req.url ?? '/', this.targets[channel]);
        const forward = httpRequest(
          target,
          { method: req.method, headers: { ...req.headers, host: target.host } },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on('error', (error) => {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: error.message }));
        });
        forward.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    this.#gates.push(gate);
    const address = gate.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }
}
