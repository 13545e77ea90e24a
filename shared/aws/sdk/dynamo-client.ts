/**
 * The one DynamoDB document client of a process (../clients.ts tells why it is shared). Function
 * code reaches it through ../dynamo.ts, which imports this module on the first call.
 */
import { DynamoDBClient } from '#aws-sdk/client-dynamodb/DynamoDBClient';
import { DynamoDBDocumentClient } from '#aws-sdk/lib-dynamodb/DynamoDBDocumentClient';

let documentClient: DynamoDBDocumentClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return documentClient;
}
