/**
 * How often one client address may send feedback: at most FEEDBACK_LIMIT per window (30 in 10 minutes, as for status lookups),
 * counted like the status lookups (services/intake/adapters/status-lookup-limit.ts): one atomic
 * counter per client and window, the address kept only as a keyed hash, expired by TTL.
 */
import { createHmac } from 'node:crypto';
import { dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { secretValue } from '#shared/aws/secrets';
import { clock } from '#shared/clock';
import { RateLimited } from '#shared/domain/errors';
import { feedbackLimitKey } from '#shared/tables/relationship';
import { parseFrequencyCap } from '../../notify/domain/frequency-cap';

const FEEDBACK_LIMIT = parseFrequencyCap('30/PT10M');

async function clientHash(sourceIp: string): Promise<string> {
  const key = await secretValue('pii-hash-key');
  return createHmac('sha256', key).update(`feedback-client|${sourceIp}`).digest('base64url').slice(0, 22);
}

/** Throws RateLimited (429 with Retry-After) past the client's limit. */
export async function admitFeedbackFrom(sourceIp: string): Promise<void> {
  const { limit, windowMs } = FEEDBACK_LIMIT;
  const now = clock.now().getTime();
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const result = await dynamo().send(
    new UpdateCommand({
      TableName: tableName('Relationship'),
      Key: feedbackLimitKey(await clientHash(sourceIp), windowStart),
      UpdateExpression: 'ADD sent :one SET expiresAt = :expiresAt',
      ExpressionAttributeValues: { ':one': 1, ':expiresAt': Math.ceil((windowStart + windowMs) / 1000) + 60 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  if (Number(result.Attributes?.sent ?? 1) > limit) {
    throw new RateLimited(
      'Too much feedback from this address. Please try again later. 提交过于频繁，请稍后再试。',
      Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)),
    );
  }
}
