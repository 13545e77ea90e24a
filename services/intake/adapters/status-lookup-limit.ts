/**
 * The status lookups' per-client limit on the Complaints table: one counter item per client
 * address and window, incremented with one atomic update. The address is kept only as a keyed
 * hash (the personal-data key), never in clear.
 */
import { createHmac } from 'node:crypto';
import { dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { secretValue } from '#shared/aws/secrets';
import { clock } from '#shared/clock';
import { settings } from '#shared/config/settings';
import { statusLookupWindowKey } from '#shared/tables/complaints';
import {
  admitStatusLookup,
  DEFAULT_STATUS_LOOKUP_LIMIT,
  type LookupCounter,
  parseStatusLookupLimit,
} from '../domain/status-lookup-limit';

const counter: LookupCounter = {
  async countLookup(client, windowStart, expiresAtSeconds) {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: tableName('Complaints'),
        Key: statusLookupWindowKey(client, windowStart),
        UpdateExpression: 'ADD lookups :one SET expiresAt = :expiresAt',
        ExpressionAttributeValues: { ':one': 1, ':expiresAt': expiresAtSeconds },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.lookups ?? 1);
  },
};

async function clientHash(sourceIp: string): Promise<string> {
  const key = await secretValue('pii-hash-key');
  return createHmac('sha256', key).update(`client-address|${sourceIp}`).digest('base64url').slice(0, 22);
}

/** Throws RateLimited (429 with Retry-After) past the client's limit. */
export async function admitStatusLookupFrom(sourceIp: string): Promise<void> {
  const limit = parseStatusLookupLimit(settings().STATUS_LOOKUP_LIMIT ?? DEFAULT_STATUS_LOOKUP_LIMIT);
  await admitStatusLookup(await clientHash(sourceIp), clock.now(), limit, counter);
}
