/** Posts a core-system event (claims, policies) to the local cloud, signed as the core systems sign it. */

import { LOCAL_CORE_EVENTS_SECRET, signHotlineBody } from '#shared/http/hotline-signature';
import type { LocalCloud } from '../../infra/local/cloud';
import { api } from './local-cloud';

export function postCoreEvent(
  cloud: LocalCloud,
  body: string,
  {
    contentType = 'application/json',
    // signed at the cloud's time: the route refuses a signature far from its clock
    t = Math.floor(cloud.clock.now().getTime() / 1000),
    secret = LOCAL_CORE_EVENTS_SECRET,
  }: { contentType?: string; t?: number; secret?: string } = {},
) {
  return api(cloud, '/v1/integrations/core/events', {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-signature': signHotlineBody(secret, t, body) },
    body,
  });
}

/** One event of a claim, as a core system sends it, at the cloud's time. */
export const claimEvent = (
  cloud: LocalCloud,
  fields: { eventId: string; type: string; policyNumber: string; claimNumber: string },
) => JSON.stringify({ ...fields, occurredAt: cloud.clock.now().toISOString(), data: {} });
