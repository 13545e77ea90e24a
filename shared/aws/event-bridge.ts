/**
 * EventBridge as the outbox relay uses it, with the SDK evaluated on the first call (./lazy.ts):
 * sends go through the shared `EventBridgeClient` (./sdk/event-bridge-client.ts), which tests may watch.
 */
import type * as sdk from '@aws-sdk/client-eventbridge';
import { LazyClient, lazyCommand } from './lazy';

export const PutEventsCommand = /* @__PURE__ */ lazyCommand<
  sdk.PutEventsCommandInput,
  sdk.PutEventsCommandOutput
>(() => import('#shared/aws/sdk/eventbridge-put-events').then((m) => m.PutEventsCommand));
const client = new LazyClient(async () =>
  (await import('#shared/aws/sdk/event-bridge-client')).eventBridge(),
);

/** The shared EventBridge client; its first call loads the SDK. */
export function eventBridge(): LazyClient {
  return client;
}
