/**
 * quality-complaint-resolved: on `complaint.resolved`, counts the resolution in its week under its
 * root-cause code (the trend job's counters) and links the complaint to the open rectification of
 * that cause; on every complaint lifecycle event the regulators' returns count (received, triaged,
 * resolved, closed, reopened, and a clock met: the FCA's 3-business-day band is a clock's state),
 * counts the complaint as it is now into the returns' counters
 * (services/cases/adapters/dynamo-return-counters.ts). All of it is idempotent, so a repeated
 * delivery changes nothing.
 */
import { clock } from '#shared/clock';
import { setting } from '#shared/config/settings';
import { canonicalRootCause } from '#shared/contracts/root-causes/taxonomy';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { dynamoReportSource } from '../../cases/adapters/dynamo-report-source';
import { countComplaint, noteCountingSince } from '../../cases/adapters/dynamo-return-counters';
import { trendDeps } from '../adapters/deps';
import { linkResolvedComplaint } from '../domain/rectification-work';
import { resolutionWeek } from '../domain/trends';

/** The start of the counters is recorded once per cold start (a conditional write, first one wins). */
let countingSinceNoted: Promise<void> | undefined;

export const handler = sqsHandler(
  [
    'complaint.received',
    'complaint.triaged',
    'complaint.resolved',
    'complaint.closed',
    'complaint.reopened',
    'sla.met',
  ],
  async ({ envelope }) => {
    const { complaintId } = envelope.data;
    countingSinceNoted ??= noteCountingSince(clock.now()).catch((error) => {
      countingSinceNoted = undefined;
      throw error;
    });
    await countingSinceNoted;
    const returns = await countComplaint(complaintId, {
      source: dynamoReportSource,
      timeZone: setting('COMPANY_TIME_ZONE'),
    });
    logger.info('complaint counted for the returns', { complaintId, event: envelope.type, returns });
    if (envelope.type !== 'complaint.resolved') return;
    const { rootCause, resolvedAt } = envelope.data as { rootCause: string; resolvedAt: string };
    const code = canonicalRootCause(rootCause);
    if (!code) return;
    const counted = await trendDeps.trends.recordResolution(
      complaintId,
      code,
      resolutionWeek(resolvedAt, trendDeps.timeZone()),
    );
    const linked = await linkResolvedComplaint({ complaintId, rootCause: code }, trendDeps);
    logger.info('resolution counted', { complaintId, rootCause: code, counted, linked });
  },
);
