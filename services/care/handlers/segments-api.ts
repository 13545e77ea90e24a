/**
 * The segments API (admins and leads): GET|POST /v1/segments, GET|PUT /v1/segments/{segmentId} (the
 * version is the ETag; a PUT's If-Match is optional and a stale one answers 412; a PUT whose rules
 * match nobody while an active campaign uses the segment answers 409 naming the campaigns), and
 * GET /v1/segments/{segmentId}/preview (member count and a masked sample, nothing written).
 */
import { clock } from '#shared/clock';
import { Conflict, NotFound, PreconditionFailed, Unauthenticated } from '#shared/http/errors';
import { versionOf } from '#shared/http/if-match';
import { newId } from '#shared/ids';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { activeCampaigns } from '../adapters/active-campaigns';
import { dynamoCandidateSource } from '../adapters/dynamo-segment-members';
import { dynamoSegmentStore } from '../adapters/dynamo-segment-store';
import { segmentMembers } from '../domain/segments/segment-members';
import { SegmentDraft, SegmentPath } from '../domain/segments/segment-rules';
import { campaignsOver } from '../domain/segments/segment-use';
import {
  newSegment,
  previewSegment,
  revisedSegment,
  type Segment,
  StaleSegment,
} from '../domain/segments/segments';

const noStore = { 'cache-control': 'no-store' };
const etag = (segment: Segment) => ({ ...noStore, etag: `"${segment.version}"` });

async function segmentOr404(segmentId: string): Promise<Segment> {
  const segment = await dynamoSegmentStore.get(segmentId);
  if (!segment) throw new NotFound(`There is no segment ${segmentId}.`);
  return segment;
}

const list = httpRoute({}, async () => ({
  status: 200,
  body: { segments: await dynamoSegmentStore.list() },
  headers: noStore,
}));

const create = httpRoute({ body: SegmentDraft }, async ({ body, principal }) => {
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  const segment = newSegment(newId(), body, principal.sub, clock.now());
  await dynamoSegmentStore.create(segment);
  logger.info('segment created', { segmentId: segment.segmentId, rules: Object.keys(body.rules) });
  return {
    status: 201,
    body: segment,
    headers: { ...etag(segment), location: `/v1/segments/${segment.segmentId}` },
  };
});

const read = httpRoute({ path: SegmentPath }, async ({ path }) => {
  const segment = await segmentOr404(path.segmentId);
  return { status: 200, body: segment, headers: etag(segment) };
});

/**
 * A change that would leave an active campaign reaching nobody is refused, naming the campaigns:
 * the new rules must match at least one customer (the evaluation stops at the first member).
 */
async function refuseOrphaning(segmentId: string, draft: SegmentDraft): Promise<void> {
  const { catalog } = await activeCampaigns(clock.now());
  const campaigns = campaignsOver(segmentId, catalog.campaigns);
  if (campaigns.length === 0) return;
  for await (const _member of segmentMembers(draft.rules, clock.now(), dynamoCandidateSource)) return;
  throw new Conflict(
    `These rules match no customer, and active campaigns reach their customers through this segment: ${campaigns.join(', ')}. Pause or retire them, or point them at another segment, first.`,
    { campaigns },
  );
}

const replace = httpRoute(
  { path: SegmentPath, body: SegmentDraft },
  async ({ path, body, headers, principal }) => {
    if (!principal) throw new Unauthenticated('A valid bearer token is required.');
    const current = await segmentOr404(path.segmentId);
    await refuseOrphaning(path.segmentId, body);
    try {
      const revised = revisedSegment(
        current,
        body,
        versionOf(headers['if-match'], 'segment'),
        principal.sub,
        clock.now(),
      );
      await dynamoSegmentStore.replace(revised, current.version);
      logger.info('segment changed', { segmentId: revised.segmentId, version: revised.version });
      return { status: 200, body: revised, headers: etag(revised) };
    } catch (error) {
      if (error instanceof StaleSegment)
        throw new PreconditionFailed('The segment changed since you read it; read it again.');
      throw error;
    }
  },
);

const preview = httpRoute({ path: SegmentPath }, async ({ path }) => {
  const segment = await segmentOr404(path.segmentId);
  const result = await previewSegment(segment, clock.now(), dynamoCandidateSource);
  logger.info('segment previewed', {
    segmentId: segment.segmentId,
    count: result.count,
    itemsRead: result.itemsRead,
  });
  return { status: 200, body: result, headers: noStore };
});

const routes: Record<string, typeof list> = {
  'POST /v1/segments': create,
  'GET /v1/segments/{segmentId}': read,
  'PUT /v1/segments/{segmentId}': replace,
  'GET /v1/segments/{segmentId}/preview': preview,
};

export const handler: typeof list = ((event, context) =>
  (routes[event.routeKey] ?? list)(event, context)) as typeof list;
