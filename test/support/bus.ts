/**
 * Puts an event envelope on the local cloud's bus exactly as the outbox relay would: a test's way to
 * deliver an event again (a redelivery, a replay from the archive) or one no flow of the test makes.
 */
import { EVENT_SOURCE } from '#shared/contracts/events/index';
import { LOCAL_BUS_NAME, type LocalCloud } from '../../infra/local/cloud';

export async function publishEnvelope(
  cloud: LocalCloud,
  envelope: { readonly id: string; readonly type: string },
): Promise<void> {
  const [result] = await cloud.bus.putEvents([
    {
      EventBusName: LOCAL_BUS_NAME,
      Source: EVENT_SOURCE,
      DetailType: envelope.type,
      Detail: JSON.stringify(envelope),
    },
  ]);
  if (result?.ErrorCode) throw new Error(`the bus refused ${envelope.type}: ${result.ErrorCode}`);
}
