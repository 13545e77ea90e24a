/**
 * Init layer probe (bench/run.ts): the lazy DynamoDB client with one command. The SDK is bundled
 * but not evaluated at init (shared/aws/lazy.ts); what is left is parsing its bytes.
 */
export { dynamo, GetCommand } from '#shared/aws/dynamo';
