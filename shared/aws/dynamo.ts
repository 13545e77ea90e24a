/**
 * The DynamoDB document client as adapters use it, with the SDK evaluated on the first call (see
 * ./lazy.ts for why). Sends go through the one shared `DynamoDBDocumentClient` of ./clients.ts, so
 * its marshalling options, the SDK's retries and timeouts, and any middleware the local cloud or a
 * bench puts on that client (fault injection, capacity counting) apply as before.
 */
import type * as sdk from '@aws-sdk/client-dynamodb';
import type * as lib from '@aws-sdk/lib-dynamodb';
import { type TableId, tables } from '../contracts/tables';
import { requiredEnv } from '../env';
import { LazyClient, lazyCommand, sdkError } from './lazy';

export type {
  BatchGetCommandInput,
  BatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  TransactWriteCommandInput,
  TransactWriteCommandOutput,
  UpdateCommandInput,
  UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';

export const GetCommand = lazyCommand<lib.GetCommandInput, lib.GetCommandOutput>('GetCommand');
export const PutCommand = lazyCommand<lib.PutCommandInput, lib.PutCommandOutput>('PutCommand');
export const UpdateCommand = lazyCommand<lib.UpdateCommandInput, lib.UpdateCommandOutput>('UpdateCommand');
export const DeleteCommand = lazyCommand<lib.DeleteCommandInput, lib.DeleteCommandOutput>('DeleteCommand');
export const QueryCommand = lazyCommand<lib.QueryCommandInput, lib.QueryCommandOutput>('QueryCommand');
export const BatchGetCommand = lazyCommand<lib.BatchGetCommandInput, lib.BatchGetCommandOutput>(
  'BatchGetCommand',
);
export const BatchWriteCommand = lazyCommand<lib.BatchWriteCommandInput, lib.BatchWriteCommandOutput>(
  'BatchWriteCommand',
);
export const TransactWriteCommand = lazyCommand<
  lib.TransactWriteCommandInput,
  lib.TransactWriteCommandOutput
>('TransactWriteCommand');

export const ConditionalCheckFailedException = sdkError<sdk.ConditionalCheckFailedException>(
  'ConditionalCheckFailedException',
);
export const TransactionCanceledException = sdkError<sdk.TransactionCanceledException>(
  'TransactionCanceledException',
);

const documentClient = new LazyClient(async () => {
  const [clients, commands] = await Promise.all([import('./clients'), import('@aws-sdk/lib-dynamodb')]);
  return { client: clients.dynamo(), commands };
});

/** The shared document client; its first call loads the SDK. */
export function dynamo(): LazyClient {
  return documentClient;
}

/** Physical table name from the environment variable the topology binds (never hard-coded). */
export function tableName(id: TableId): string {
  return requiredEnv(tables[id].envVar);
}
