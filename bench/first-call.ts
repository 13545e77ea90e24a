/**
 * Bundled by the bench (infra/bundling.ts settings) and required after a function's bundle: what
 * a function's first DynamoDB call evaluates now that module init leaves the SDK alone
 * (shared/aws/lazy.ts): the SDK's document client stack, built with one command, as
 * shared/aws/dynamo.ts builds them on the first send. Signing, credentials and the request itself
 * are not part of it.
 */
import { dynamo } from '#shared/aws/sdk/dynamo-client';
import { GetCommand } from '#shared/aws/sdk/dynamodb-get';

export function firstCall(): unknown {
  return [dynamo(), new GetCommand({ TableName: 'bench-first-call', Key: { pk: 'first-call' } })];
}
