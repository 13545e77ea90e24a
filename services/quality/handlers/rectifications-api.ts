/**
 * POST|GET /v1/rectifications, GET /v1/rectifications/{rectificationId} and
 * POST /v1/rectifications/{rectificationId}/{action} (update, complete, verify, reopen), with
 * `If-Match` on every action and the version as `ETag`, like cases.
 */
import * as z from 'zod/mini';
import { versionOf } from '#shared/http/if-match';
import { parseOrThrow } from '#shared/http/validation';
import { staffRoute } from '#shared/middleware/http';
import { qualityDeps } from '../adapters/deps';
import {
  NewRectification,
  RectificationActionPath,
  RectificationListQuery,
  RectificationPath,
  rectificationBodies,
  rectificationStatuses,
} from '../domain/rectification-contracts';
import { actOnRectification, createRectification, rectificationView } from '../domain/rectification-work';

const etag = (version: number) => ({ etag: `"${version}"` });

const create = staffRoute({ body: NewRectification }, async ({ body, principal }) => {
  const r = await createRectification(body, principal, qualityDeps);
  return {
    status: 201,
    body: r,
    headers: { ...etag(r.version), location: `/v1/rectifications/${r.rectificationId}` },
  };
});

const list = staffRoute({ query: RectificationListQuery }, async ({ query }) => {
  const items = await qualityDeps.store.list(query.status ? [query.status] : rectificationStatuses);
  items.sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.rectificationId.localeCompare(b.rectificationId),
  );
  return { status: 200, body: { items } };
});

const detail = staffRoute({ path: RectificationPath }, async ({ path }) => {
  const view = await rectificationView(path.rectificationId, qualityDeps);
  return { status: 200, body: view, headers: etag(view.version) };
});

const act = staffRoute(
  { path: RectificationActionPath, body: z.unknown() },
  async ({ path, body, headers, principal }) => {
    const parsed = parseOrThrow(rectificationBodies[path.action], body, 'body');
    const r = await actOnRectification(
      {
        rectificationId: path.rectificationId,
        action: path.action,
        body: parsed as never,
        principal: principal,
        ifMatch: versionOf(headers['if-match'], 'rectification'),
      },
      qualityDeps,
    );
    return { status: 200, body: r, headers: etag(r.version) };
  },
);

export const handler: typeof list = ((event, context) => {
  switch (event.routeKey) {
    case 'POST /v1/rectifications':
      return create(event, context);
    case 'GET /v1/rectifications/{rectificationId}':
      return detail(event, context);
    case 'POST /v1/rectifications/{rectificationId}/{action}':
      return act(event, context);
    default:
      return list(event, context);
  }
}) as typeof list;
