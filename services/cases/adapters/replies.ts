/**
 * Customers' replies wired to AWS: the case store, the attachment store, the reply records in the
 * Complaints table, and what is counted of each reply (a metric and a log line, no personal data).
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import { clock } from '#shared/clock';
import { logger } from '#shared/observability/logger';
import { metrics } from '#shared/observability/metrics';
import type { ReplyChannel, ReplyDeps } from '../domain/customer-reply';
import type { SmsOutcome } from '../domain/sms-reply';
import { dynamoCaseStore } from './dynamo-case-store';

/**
 * The case side of recording a reply, with where its documents go: the attachment store for email,
 * none for SMS (whose function is not bound to the bucket, and so bundles no S3 client).
 */
export const replyDeps = (attachments: ReplyDeps['attachments']): ReplyDeps => ({
  store: dynamoCaseStore,
  attachments,
  clock,
  async replyRecorded(key) {
    const found = await dynamo().send(
      new GetCommand({ TableName: tableName('Complaints'), Key: key, ConsistentRead: true }),
    );
    return found.Item !== undefined;
  },
});

/** `CustomerReplies` by channel and outcome (and reason, when it changed nothing). */
export function countReply(channel: ReplyChannel, result: SmsOutcome): void {
  const metric = metrics.singleMetric();
  metric.addDimension('channel', channel);
  metric.addDimension('outcome', result.outcome);
  if (result.outcome === 'ignored') metric.addDimension('reason', result.reason);
  metric.addMetric('CustomerReplies', MetricUnit.Count, 1);
  logger.info('customer reply', {
    channel,
    outcome: result.outcome,
    ...('reason' in result ? { reason: result.reason } : {}),
    ...('complaintId' in result ? { complaintId: result.complaintId } : {}),
  });
}
