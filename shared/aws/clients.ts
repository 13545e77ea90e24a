/**
 * AWS SDK v3 clients, created once per cold start and shared by every adapter. The same code talks
 * to AWS and to the local emulators: the SDK reads service endpoints from the standard
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, which only the local cloud sets.
 *
 * Function code reaches these through ./dynamo.ts and ./event-bridge.ts, which load them on the
 * first call so that loading a function does not evaluate the SDK; the local cloud, tests and
 * benches use this module to reach the same instances (to add middleware, watch sends, destroy).
 */
export { tableName } from './dynamo';
export { dynamo } from './sdk/dynamo-client';
export { eventBridge } from './sdk/event-bridge-client';
