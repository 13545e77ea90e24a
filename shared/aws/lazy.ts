/**
 * SDK clients whose package is evaluated on the first send, not when a function's bundle loads.
 *
 * Evaluating the AWS SDK (its protocols, schemas, retry and endpoint code) was most of every
 * function's module init. Adapters build commands and await `send` exactly as with the SDK, but the
 * command classes here only hold the input: on the first send the client imports its SDK package
 * (esbuild turns `import()` into a lazy `require` inside the same CommonJS bundle), builds the SDK's
 * own client and command, and sends that. Retries, timeouts, marshalling and errors are the SDK's,
 * unchanged; only the moment the SDK's code is evaluated moves.
 */

/** An SDK command's name and input, turned into the SDK's own command when the client sends it. */
export class LazyCommand<Input extends object, Output> {
  /** Carries the output type for `send`; never set. */
  declare readonly output?: Output;

  constructor(
    /** The SDK's export name of the command class, e.g. `GetCommand`. */
    readonly commandName: string,
    readonly input: Input,
  ) {}
}

/** A class of commands with a fixed SDK name: `new GetCommand(input)` as with the SDK. */
export function lazyCommand<Input extends object, Output>(commandName: string) {
  return class extends LazyCommand<Input, Output> {
    constructor(input: Input) {
      super(commandName, input);
    }
  };
}

/** What the client needs from an SDK package once it has loaded. */
export interface LoadedSdk {
  readonly client: { send(command: unknown): Promise<unknown> };
  /** The package's exports, where the command classes are found by name. */
  readonly commands: object;
}

/** Sends lazy commands through an SDK client that `load` builds on the first send. */
export class LazyClient {
  #loaded: Promise<LoadedSdk> | undefined;
  readonly #load: () => Promise<LoadedSdk>;

  constructor(load: () => Promise<LoadedSdk>) {
    this.#load = load;
  }

  async send<Input extends object, Output>(command: LazyCommand<Input, Output>): Promise<Output> {
    // Concurrent first sends share one load; a failed load is dropped so the next send tries again.
    this.#loaded ??= this.#load().catch((error: unknown) => {
      this.#loaded = undefined;
      throw error;
    });
    const loaded = await this.#loaded;
    const Command = (loaded.commands as Record<string, new (input: Input) => unknown>)[command.commandName];
    if (typeof Command !== 'function') throw new Error(`the SDK package has no ${command.commandName}`);
    return (await loaded.client.send(new Command(command.input))) as Output;
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
