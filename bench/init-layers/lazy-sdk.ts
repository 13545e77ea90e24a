/**
 * Init layer probe (bench/run.ts): the lazy DynamoDB client with one command. The SDK is bundled
 * in sdk.js beside the bundle (shared/aws/bundle/sdk-file.mjs), neither read nor evaluated at init.
 */
export { dynamo, GetCommand } from '#shared/aws/dynamo';
