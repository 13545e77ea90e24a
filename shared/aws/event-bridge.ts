/**
 * EventBridge as the outbox relay uses it, with the SDK evaluated on the first call (./lazy.ts):
 * sends go through the shared `EventBridgeClient` of ./clients.ts, which tests may watch.
 */
import type * as sdk from '@aws-sdk/client-eventbridge';
import { LazyClient, lazyCommand } from './lazy';

export const PutEventsCommand = lazyCommand<sdk.PutEventsCommandInput, sdk.PutEventsCommandOutput>(
  'PutEventsCommand',
);

const client = new LazyClient(async () => {
  const [clients, commands] = await Promise.all([import('./clients'), import('@aws-sdk/client-eventbridge')]);
  return { client: clients.eventBridge(), commands };
});

/** The shared EventBridge client; its first call loads the SDK. */
export function eventBridge(): LazyClient {
  return client;
}
