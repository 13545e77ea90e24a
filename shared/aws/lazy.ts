/**
 * SDK clients whose package is evaluated on the first send, not when a function's bundle loads.
 *
 * Evaluating the AWS SDK (its protocols, schemas, retry and endpoint code) was most of every
 * function's module init. Adapters build commands and await `send` exactly as with the SDK, but the
 * command classes here only hold the input: on the first send the client imports the SDK's client
 * and command (`#shared/aws/sdk/<module>`: in a deployed function a `require` of the `sdk.js`
 * beside the bundle, ./bundle/sdk-file.mjs), builds the SDK's own command and sends it. Retries,
 * timeouts, marshalling and errors are the SDK's, unchanged; only the moment the SDK's code is read
 * and evaluated moves.
 *
 * Each SDK command is imported from a module of its own (./sdk/), and the stand-ins are marked
 * pure: a bundle keeps only the commands, and so the SDK schemas, its function sends.
 */

type SdkCommandClass<Input> = new (input: Input) => unknown;

interface SdkClient {
  send(command: unknown): Promise<unknown>;
}

/** An SDK command's input, turned into the SDK's own command when a lazy client sends it. */
export class LazyCommand<Input extends object, Output> {
  /** Carries the output type for `send`; never set. */
  declare readonly output?: Output;

  constructor(
    readonly input: Input,
    /** Imports the SDK's class of this command. */
    readonly sdkCommand: () => Promise<SdkCommandClass<Input>>,
  ) {}
}

/** A class of commands built like the SDK's (`new GetCommand(input)`), sent as `load()`'s class. */
export function lazyCommand<Input extends object, Output>(load: () => Promise<SdkCommandClass<Input>>) {
  // Imported once, not per send: each dynamic import is a module lookup (about 25 µs under vitest).
  let loaded: Promise<SdkCommandClass<Input>> | undefined;
  const loadOnce = () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
  return class extends LazyCommand<Input, Output> {
    constructor(input: Input) {
      super(input, loadOnce);
    }
  };
}

/** Sends lazy commands through the SDK client that `load` returns, imported on the first send. */
export class LazyClient {
  #client: Promise<SdkClient> | undefined;
  readonly #load: () => Promise<SdkClient>;

  constructor(load: () => Promise<SdkClient>) {
    this.#load = load;
  }

  async send<Input extends object, Output>(command: LazyCommand<Input, Output>): Promise<Output> {
    // Concurrent first sends share one load; a failed load is dropped so the next send tries again.
    this.#client ??= this.#load().catch((error: unknown) => {
      this.#client = undefined;
      throw error;
    });
    const [client, SdkCommand] = await Promise.all([this.#client, command.sdkCommand()]);
    return (await client.send(new SdkCommand(command.input))) as Output;
  }
}

/**
 * Stands in for an SDK exception class in `instanceof` checks without loading the SDK: it matches
 * an error by name, as the SDK's own exception classes do (`ServiceException[Symbol.hasInstance]`).
 */
export function sdkError<E extends Error>(name: string) {
  // A class, not a plain object, so that TypeScript narrows `error instanceof ...` to the SDK's type.
  // biome-ignore lint/complexity/noStaticOnlyClass: the class is only an `instanceof` target.
  return class {
    static [Symbol.hasInstance](value: unknown): value is E {
      return value instanceof Error && value.name === name;
    }
  };
}
