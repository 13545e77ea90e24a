/**
 * Tells the local cloud's stream pollers the moment a DynamoDB write they may care about has been
 * answered, so they read its stream record at once instead of polling for it (stream-poller.ts).
 * Watches the process's shared document client, through which every handler writes, and any other
 * client the cloud hands it (the tests' own). A write it misses is still read within the pollers'
 * idle second.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware } from '@smithy/types';
import { dynamo } from '#shared/aws/clients';

type WriteListener = (tables: readonly string[] | 'all') => void;

const listeners = new Set<WriteListener>();
const watchedClients = new WeakSet<object>();
const MIDDLEWARE_NAME = 'localCloudWriteSignal';

const WRITE_COMMAND =
  /^(Put|Update|Delete|BatchWrite|TransactWrite|ExecuteStatement|BatchExecuteStatement|ExecuteTransaction)/;

/** The tables a write names; 'all' when it names them in PartiQL. */
export function tablesWritten(commandName: string, input: Record<string, unknown>): string[] | 'all' {
  if (typeof input.TableName === 'string') return [input.TableName];
  if (input.RequestItems && typeof input.RequestItems === 'object') return Object.keys(input.RequestItems);
  if (Array.isArray(input.TransactItems)) {
    const names = new Set<string>();
    for (const item of input.TransactItems as Record<string, { TableName?: string } | undefined>[])
      for (const action of Object.values(item)) if (action?.TableName) names.add(action.TableName);
    return [...names];
  }
  return commandName.includes('Statement') || commandName.includes('Transaction') ? 'all' : [];
}

/** The handlers' document client shares its middleware with its DynamoDB client. */
type WatchedClient = Pick<DynamoDBClient, 'middlewareStack'>;

function watch(client: WatchedClient): void {
  if (watchedClients.has(client)) return;
  watchedClients.add(client);
  const middleware: InitializeMiddleware<ServiceInputTypes, ServiceOutputTypes> =
    (next, context) => async (args) => {
      const commandName = String(context.commandName ?? '');
      if (!WRITE_COMMAND.test(commandName) || listeners.size === 0) return next(args);
      try {
        return await next(args);
      } finally {
        // a failed write may still have landed (a timeout after DynamoDB took it): nudge either way
        const tables = tablesWritten(commandName, args.input as Record<string, unknown>);
        for (const listener of listeners) listener(tables);
      }
    };
  client.middlewareStack.add(middleware, { step: 'initialize', name: MIDDLEWARE_NAME });
}

/**
 * Calls `listener` after each write through the handlers' shared client and through `clients`;
 * returns the function that stops it.
 */
export function onDynamoWrite(listener: WriteListener, clients: readonly WatchedClient[] = []): () => void {
  for (const client of [dynamo(), ...clients]) watch(client);
  listeners.add(listener);
  return () => listeners.delete(listener);
}
