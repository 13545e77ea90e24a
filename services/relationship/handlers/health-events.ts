/**
 * relationship-health: recomputes a customer's relationship health on the events that move it
 * (a complaint filed, resolved, closed or reopened; a claim or policy event; an NPS answer) and
 * keeps it on their profile (`healthScore`, `healthBand`, `healthReasons`). It reads the current
 * state each time, so a repeated or out-of-order delivery stores the same score. A customer whose
 * policy lookup or profile has expired (`expiresAt`) gets none, as once DynamoDB has purged them.
 */

import { readComplaint } from '#shared/aws/complaint-reader';
import { clock } from '#shared/clock';
import type { CatalogEvent } from '#shared/contracts/events/index';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { healthInputs, storeHealth } from '../adapters/health-inputs';
import { customerOfPolicy } from '../adapters/policy-holder';
import { relationshipHealth } from '../domain/health-score';

export const healthEventTypes = [
  'complaint.received',
  'complaint.resolved',
  'complaint.closed',
  'complaint.reopened',
  'journey.event-recorded',
  'nps.recorded',
] as const;

async function customerOf(
  event: CatalogEvent<(typeof healthEventTypes)[number]>,
  now: Date,
): Promise<string | undefined> {
  if (event.type === 'nps.recorded') return event.data.customerId;
  if (event.type === 'journey.event-recorded') return customerOfPolicy(event.data.policyNumber, now);
  return (await readComplaint(event.data.complaintId))?.customerId;
}

export const handler = sqsHandler(healthEventTypes, async ({ envelope }) => {
  const now = clock.now();
  const customerId = await customerOf(envelope, now);
  if (!customerId) return;
  const inputs = await healthInputs(customerId, now);
  if (!inputs) return;
  const health = relationshipHealth(inputs);
  const stored = await storeHealth(customerId, health, now.toISOString());
  logger.info('relationship health', { customerId, score: health.score, band: health.band, stored });
});
