/**
 * The DynamoDB document client as adapters use it, with the SDK evaluated on the first call (see
 * ./lazy.ts for why). Sends go through the one shared `DynamoDBDocumentClient` (./sdk/dynamo-client.ts), so
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

export const GetCommand = /* @__PURE__ */ lazyCommand<lib.GetCommandInput, lib.GetCommandOutput>(() =>
  import('#shared/aws/sdk/dynamodb-get').then((m) => m.GetCommand),
);
export const PutCommand = /* @__PURE__ */ lazyCommand<lib.PutCommandInput, lib.PutCommandOutput>(() =>
  import('#shared/aws/sdk/dynamodb-put').then((m) => m.PutCommand),
);
export const UpdateCommand = /* @__PURE__ */ lazyCommand<lib.UpdateCommandInput, lib.UpdateCommandOutput>(
  () => import('#shared/aws/sdk/dynamodb-update').then((m) => m.UpdateCommand),
);
export const DeleteCommand = /* @__PURE__ */ lazyCommand<lib.DeleteCommandInput, lib.DeleteCommandOutput>(
  () => import('#shared/aws/sdk/dynamodb-delete').then((m) => m.DeleteCommand),
);
export const QueryCommand = /* @__PURE__ */ lazyCommand<lib.QueryCommandInput, lib.QueryCommandOutput>(() =>
  import('#shared/aws/sdk/dynamodb-query').then((m) => m.QueryCommand),
);
export const BatchGetCommand = /* @__PURE__ */ lazyCommand<
  lib.BatchGetCommandInput,
  lib.BatchGetCommandOutput
>(() => import('#shared/aws/sdk/dynamodb-batch-get').then((m) => m.BatchGetCommand));
export const BatchWriteCommand = /* @__PURE__ */ lazyCommand<
  lib.BatchWriteCommandInput,
  lib.BatchWriteCommandOutput
>(() => import('#shared/aws/sdk/dynamodb-batch-write').then((m) => m.BatchWriteCommand));
export const TransactWriteCommand = /* @__PURE__ */ lazyCommand<
  lib.TransactWriteCommandInput,
  lib.TransactWriteCommandOutput
>(() => import('#shared/aws/sdk/dynamodb-transact-write').then((m) => m.TransactWriteCommand));

export const ConditionalCheckFailedException = /* @__PURE__ */ sdkError<sdk.ConditionalCheckFailedException>(
  'ConditionalCheckFailedException',
);
export const TransactionCanceledException = /* @__PURE__ */ sdkError<sdk.TransactionCanceledException>(
  'TransactionCanceledException',
);

const documentClient = new LazyClient(async () => (await import('#shared/aws/sdk/dynamo-client')).dynamo());

/** The shared document client; its first call loads the SDK. */
export function dynamo(): LazyClient {
  return documentClient;
}

/** Physical table name from the environment variable the topology binds (never hard-coded). */
export function tableName(id: TableId): string {
  return requiredEnv(tables[id].envVar);
}
