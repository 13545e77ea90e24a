/**
 * AWS SDK v3 clients, created once per cold start and shared by every adapter. The same code talks
 * to AWS and to the local emulators: the SDK reads service endpoints from the standard
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, which only the local cloud sets.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type TableId, tables } from '../contracts/tables';
import { requiredEnv } from '../env';

let documentClient: DynamoDBDocumentClient | undefined;
let eventBridgeClient: EventBridgeClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return documentClient;
}

export function eventBridge(): EventBridgeClient {
  eventBridgeClient ??= new EventBridgeClient({});
  return eventBridgeClient;
}

/** Physical table name from the environment variable the topology binds (never hard-coded). */
export function tableName(id: TableId): string {
  return requiredEnv(tables[id].envVar);
}
