/**
 * GET|PUT /v1/customers/{customerId}/preferences (admin): the customer's effective preferences
 * and which of them override the imported profile; a PUT merges a `PreferencesUpdate`. The
 * preferences version is the ETag; `If-Match` is optional (an update names only what it changes),
 * and when sent a stale one answers 412.
 */
import { clock } from '#shared/clock';
import { PreferencesUpdate } from '#shared/contracts/customer-profile';
import { NotFound, PreconditionFailed, Unauthenticated, ValidationFailed } from '#shared/http/errors';
import { httpRoute } from '#shared/middleware/http';
import { dynamoPreferencesStore } from '../adapters/dynamo-preferences-store';
import { CustomerPath } from '../domain/care-requests';
import {
  CustomerNotFound,
  changePreferences,
  preferencesView,
  StalePreferences,
} from '../domain/preferences';

const etag = (version: number) => ({ etag: `"${version}"` });

/** `If-Match: "7"` (or W/"7", or 7) → 7. */
function versionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match)
    throw new ValidationFailed([
      { path: 'headers.if-match', message: 'Must be the ETag of the preferences, e.g. "3"' },
    ]);
  return Number(match[1]);
}

const unknownCustomer = () => new NotFound('No customer with this id.');

const read = httpRoute({ path: CustomerPath }, async ({ path }) => {
  const stored = await dynamoPreferencesStore.read(path.customerId);
  if (!stored) throw unknownCustomer();
  return { status: 200, body: preferencesView(stored.item, stored.version), headers: etag(stored.version) };
});

const update = httpRoute(
  { path: CustomerPath, body: PreferencesUpdate },
  async ({ path, body, headers, principal }) => {
    if (!principal) throw new Unauthenticated('A valid bearer token is required.');
    try {
      const view = await changePreferences(dynamoPreferencesStore, {
        customerId: path.customerId,
        update: body,
        ifMatch: versionOf(headers['if-match']),
        by: principal.sub,
        at: clock.now(),
      });
      return { status: 200, body: view, headers: etag(view.version) };
    } catch (error) {
      if (error instanceof CustomerNotFound) throw unknownCustomer();
      if (error instanceof StalePreferences)
        throw new PreconditionFailed('The preferences changed since you read them; read them again.');
      throw error;
    }
  },
);

export const handler: typeof read = ((event, context) =>
  event.routeKey.startsWith('PUT ') ? update(event, context) : read(event, context)) as typeof read;
