/**
 * quality-complaint-resolved: counts each resolution in its week under its root-cause code (the
 * trend job's counters) and links the complaint to the open rectification of that cause. Both are
 * idempotent, so a repeated delivery changes nothing.
 */
import { canonicalRootCause } from '#shared/contracts/root-causes/taxonomy';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { trendDeps } from '../adapters/deps';
import { linkResolvedComplaint } from '../domain/rectification-work';
import { resolutionWeek } from '../domain/trends';

export const handler = sqsHandler(['complaint.resolved'], async ({ envelope }) => {
  const { complaintId, rootCause, resolvedAt } = envelope.data;
  const code = canonicalRootCause(rootCause);
  if (!code) return;
  const counted = await trendDeps.trends.recordResolution(
    complaintId,
    code,
    resolutionWeek(resolvedAt, trendDeps.timeZone()),
  );
  const linked = await linkResolvedComplaint({ complaintId, rootCause: code }, trendDeps);
  logger.info('resolution counted', { complaintId, rootCause: code, counted, linked });
});
