/**
 * Loads each function's handler in-process (the module is imported once, like a warm Lambda) and
 * invokes it with a Lambda-shaped context and the function's timeout.
 *
 * Many invocations of many functions run at once in this one process, as in a Lambda execution
 * environment with concurrency (`AWS_LAMBDA_MAX_CONCURRENCY`). Like that runtime, each invocation
 * runs inside the Lambda InvokeStore, so Powertools keeps its Lambda context and log keys per
 * invocation: a log line names its own function and request, never a concurrent one's.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvokeStoreBase } from '@aws/lambda-invoke-store';
import type { Context } from 'aws-lambda';
import type { FunctionSpec, Topology } from '../topology-types';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export class FunctionTimeout extends Error {}

/** How many invocations one local execution environment admits at once, as Lambda reads it. */
const LOCAL_MAX_CONCURRENCY = '1000';

/**
 * The InvokeStore of a concurrent Lambda runtime: one context per invocation, kept across awaits
 * by AsyncLocalStorage. Installed by hand because an AWS SDK client may already have created the
 * single-invocation store (its default outside such a runtime) before the local cloud starts.
 */
class ConcurrentInvokeStore extends InvokeStoreBase {
  readonly #contexts = new AsyncLocalStorage<Record<string | symbol, unknown>>();

  getContext() {
    return this.#contexts.getStore();
  }
  hasContext() {
    return this.#contexts.getStore() !== undefined;
  }
  get<T = unknown>(key: string | symbol): T | undefined {
    return this.#contexts.getStore()?.[key] as T | undefined;
  }
  set<T = unknown>(key: string | symbol, value: T): void {
    if (this.isProtectedKey(key))
      throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    const context = this.#contexts.getStore();
    if (!context) throw new Error('No context available');
    context[key] = value;
  }
  run<T>(context: Record<string | symbol, unknown>, fn: () => T): T {
    return this.#contexts.run(context, fn);
  }
}

const runtimeGlobals = globalThis as { awslambda?: { InvokeStore?: unknown } };

/**
 * Installs the concurrent InvokeStore and declares the environment concurrent, as the Lambda
 * runtime does; Powertools reads both on every call. Must run before any handler is invoked.
 */
export function useConcurrentInvokeStore(): ConcurrentInvokeStore {
  runtimeGlobals.awslambda ??= {};
  let store = runtimeGlobals.awslambda.InvokeStore;
  if (!(store instanceof ConcurrentInvokeStore)) {
    store = new ConcurrentInvokeStore();
    runtimeGlobals.awslambda.InvokeStore = store;
  }
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= LOCAL_MAX_CONCURRENCY;
  return store as ConcurrentInvokeStore;
}

export class Invoker {
  readonly #modules = new Map<string, Promise<Handler>>();

  constructor(
    private readonly topology: Topology,
    private readonly root: string,
  ) {}

  #load(name: string, spec: FunctionSpec): Promise<Handler> {
    let loaded = this.#modules.get(name);
    if (!loaded) {
      loaded = import(pathToFileURL(resolve(this.root, spec.entry)).href).then(
        (module: { handler?: Handler }) => {
          if (typeof module.handler !== 'function')
            throw new Error(`${spec.entry} does not export a handler`);
          return module.handler;
        },
      );
      this.#modules.set(name, loaded);
    }
    return loaded;
  }

  /** Imports every handler now, so a broken module fails `npm start` instead of the first request. */
  async warmAll(): Promise<void> {
    await Promise.all(Object.entries(this.topology.functions).map(([name, spec]) => this.#load(name, spec)));
  }

  async invoke(name: string, event: unknown): Promise<unknown> {
    const spec = this.topology.functions[name];
    if (!spec) throw new Error(`unknown function ${name}`);
    const handler = await this.#load(name, spec);
    const deadline = Date.now() + spec.timeoutSeconds * 1000;
    const context: Context = {
      callbackWaitsForEmptyEventLoop: false,
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
      memoryLimitInMB: String(spec.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new FunctionTimeout(`${name} timed out after ${spec.timeoutSeconds}s`)),
        spec.timeoutSeconds * 1000,
      );
    });
    const store = useConcurrentInvokeStore();
    const invocation = { [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId };
    try {
      return await Promise.race([store.run(invocation, () => handler(event, context)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
