/**
 * The one EventBridge client of a process (../clients.ts tells why it is shared). Function code
 * reaches it through ../event-bridge.ts, which imports this module on the first call.
 */
import { EventBridgeClient } from '#aws-sdk/client-eventbridge/EventBridgeClient';

let eventBridgeClient: EventBridgeClient | undefined;

export function eventBridge(): EventBridgeClient {
  eventBridgeClient ??= new EventBridgeClient({});
  return eventBridgeClient;
}
