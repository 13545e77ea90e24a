/**
 * relationship-health: recomputes a customer's relationship health on the events that move it
 * (a complaint filed, resolved, closed or reopened; a claim or policy event; an NPS answer) and
 * keeps it on their profile (`healthScore`, `healthBand`, `healthReasons`). It reads the current
 * state each time, so a repeated or out-of-order delivery stores the same score.
 */

import { readComplaint } from '#shared/aws/complaint-reader';
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import { clock } from '#shared/clock';
import type { CatalogEvent } from '#shared/contracts/events/index';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { customerLookupKey } from '#shared/tables/customers';
import { healthInputs, storeHealth } from '../adapters/health-inputs';
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
): Promise<string | undefined> {
  if (event.type === 'nps.recorded') return event.data.customerId;
  if (event.type === 'journey.event-recorded') {
    const found = await dynamo().send(
      new GetCommand({
        TableName: tableName('Customers'),
        Key: customerLookupKey.policy(event.data.policyNumber),
      }),
    );
    return found.Item?.customerId as string | undefined;
  }
  return (await readComplaint(event.data.complaintId))?.customerId;
}

export const handler = sqsHandler(healthEventTypes, async ({ envelope }) => {
  const customerId = await customerOf(envelope);
  if (!customerId) return;
  const now = clock.now();
  const inputs = await healthInputs(customerId, now);
  if (!inputs) return;
  const health = relationshipHealth(inputs);
  const stored = await storeHealth(customerId, health, now.toISOString());
  logger.info('relationship health', { customerId, score: health.score, band: health.band, stored });
});
