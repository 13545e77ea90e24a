/** Consumes `complaint.received` from triage's queue and triages the complaint. */
import { clock } from '#shared/clock';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { dynamoTriageStore } from '../adapters/dynamo-triage-store';
import { triageRules } from '../domain/default-rules';
import { triageComplaint } from '../domain/triage-complaint';

const deps = { store: dynamoTriageStore, rules: triageRules, clock };

export const handler = sqsHandler(['complaint.received'], async ({ envelope }) => {
  const { complaintId } = envelope.data;
  const result = await triageComplaint(complaintId, envelope.correlationId, deps);
  if (result.outcome === 'triaged') {
    const { category, priority, team } = result.decision;
    logger.info('complaint triaged', { complaintId, category, priority, team });
  } else {
    logger.info('triage skipped', { complaintId, why: result.why });
  }
});
