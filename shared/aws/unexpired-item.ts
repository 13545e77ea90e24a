/**
 * One item by its key, answered as DynamoDB would answer it had it purged the item on time: an
 * item whose `expiresAt` has passed (../tables/expiry.ts) is absent, whether or not it is still
 * stored (days late on AWS, for ever on the local cloud). A narrowed projection gets `expiresAt`
 * added, so that no reader judges an item without it.
 */
import { hasExpired } from '../tables/expiry';
import { dynamo, GetCommand, type GetCommandInput, type GetCommandOutput } from './dynamo';

const EXPIRES_AT = 'expiresAt';

/** The projection with `expiresAt` in it (a path named twice is refused by DynamoDB). */
const projectingExpiry = (projection: string) =>
  projection
    .split(',')
    .map((path) => path.trim())
    .includes(EXPIRES_AT)
    ? projection
    : `${projection}, ${EXPIRES_AT}`;

export async function getUnexpired(input: GetCommandInput, now: Date): Promise<GetCommandOutput['Item']> {
  const { ProjectionExpression: projection } = input;
  const found = await dynamo().send(
    new GetCommand({ ...input, ...(projection && { ProjectionExpression: projectingExpiry(projection) }) }),
  );
  return found.Item && !hasExpired(found.Item, now) ? found.Item : undefined;
}
