/**
 * AWS SDK v3 clients, created once per cold start and shared by every adapter. The same code talks
 * to AWS and to the local emulators: the SDK reads service endpoints from the standard
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, which only the local cloud sets.
 *
 * Function code reaches these through ./dynamo.ts and ./event-bridge.ts, which import this module
 * on the first call so that loading a function does not evaluate the SDK; the local cloud, tests
 * and benches use it directly (to add middleware, watch sends or destroy the clients).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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

export { tableName } from './dynamo';
