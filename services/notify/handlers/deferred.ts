/** Every five minutes: sends the messages that waited for the end of quiet hours. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../../shared/aws/clients';
import { scheduleHandler } from '../../../shared/middleware/schedule';
import { logger } from '../../../shared/observability/logger';
import { deliveryDeps } from '../adapters/deps';
import { deliver } from '../domain/deliver';
import type { NotificationRequest } from '../domain/notification';

/** Quiet hours last 11 hours; a day of buckets covers them and any sweep that was missed. */
const LOOKBACK_HOURS = 24;

export const handler = scheduleHandler(async () => {
  const now = deliveryDeps.clock.now();
  let sent = 0;
  for (let h = LOOKBACK_HOURS; h >= 0; h--) {
    const hour = new Date(now.getTime() - h * 3_600_000).toISOString().slice(0, 13);
    const result = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Messages'),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :bucket AND gsi2sk <= :now',
        ExpressionAttributeValues: { ':bucket': `DEFERRED#${hour}`, ':now': `${now.toISOString()}\uffff` },
      }),
    );
    for (const item of result.Items ?? []) {
      if (item.state !== 'deferred') continue;
      if ((await deliver(item.request as NotificationRequest, deliveryDeps, true)) === 'sent') sent++;
    }
  }
  if (sent > 0) logger.info('deferred messages sent', { sent });
  return { sent };
});
