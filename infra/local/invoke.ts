/**
 * Loads each function's handler in-process (the module is imported once, like a warm Lambda) and
 * invokes it with a Lambda-shaped context and the function's timeout.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionSpec, Topology } from '../topology-types';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export class FunctionTimeout extends Error {}

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
    try {
      return await Promise.race([handler(event, context), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
