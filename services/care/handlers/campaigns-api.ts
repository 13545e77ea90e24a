/**
 * The admins' campaign API: GET /v1/campaigns (each campaign's status and versions, with the
 * definition that runs or, not yet approved, the latest), POST /v1/campaigns (a draft: a new
 * campaign or a new version, answered with its texts rendered for a sample customer),
 * POST /v1/campaigns/{campaignId}/{approve|pause|resume|retire} (approval by an admin other than
 * the author), GET /v1/campaigns/{campaignId}/preview?date=&timeZone= (audience by outcome and a
 * masked sample, nothing written) and GET /v1/campaigns/{campaignId}/runs (newest first); and the
 * knowledge library's routes (article-routes.ts).
 */
import { clock } from '#shared/clock';
import { Conflict, Forbidden, NotFound, Unauthenticated, ValidationFailed } from '#shared/http/errors';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { ensureCampaignSeed } from '../adapters/campaign-seed';
import { dynamoCampaignDefinitions } from '../adapters/dynamo-campaign-definitions';
import { dynamoCampaignStore } from '../adapters/dynamo-campaign-store';
import { dynamoSegmentStore } from '../adapters/dynamo-segment-store';
import { CampaignChangedMeanwhile, takeAction, writeDraft } from '../domain/authoring/author-campaign';
import {
  AuthorCannotApprove,
  CampaignActionPath,
  CampaignDraft,
  type CampaignHead,
  CampaignMissing,
  CampaignRefused,
  renderedPreview,
} from '../domain/authoring/campaign-authoring';
import { type CampaignDefinition, campaignCatalog } from '../domain/campaign-definitions';
import { CampaignPath, CampaignPreviewQuery } from '../domain/care-requests';
import { FestivalYearMissing } from '../domain/occasions';
import { previewCampaign } from '../domain/preview-campaign';
import { SegmentNotFound } from '../domain/segments/segment-members';
import { segmentsOf } from '../domain/segments/segment-use';
import { articleRoutes } from './article-routes';

const noStore = { 'cache-control': 'no-store' };

/** The definition an admin looks at: the one that runs, else the latest draft. */
const shownDefinition = (h: CampaignHead): CampaignDefinition => ({
  ...(h.active ?? h.latest),
  enabled: h.status === 'active',
});

async function headOr404(campaignId: string): Promise<CampaignHead> {
  await ensureCampaignSeed(clock.now());
  const head = await dynamoCampaignDefinitions.head(campaignId);
  if (!head) throw new NotFound(`There is no campaign ${campaignId}.`);
  return head;
}

const authored = (h: CampaignHead) => ({
  campaignId: h.campaignId,
  status: h.status,
  latestVersion: h.latestVersion,
  ...(h.activeVersion ? { activeVersion: h.activeVersion } : {}),
  ...(h.pendingVersion ? { pendingVersion: h.pendingVersion } : {}),
  updatedAt: h.updatedAt,
  updatedBy: h.updatedBy,
});

/** The store's refusals as problems: 403 for the author approving, 409 for the wrong state or a race. */
function asProblem(error: unknown): never {
  if (error instanceof AuthorCannotApprove) throw new Forbidden(error.message);
  if (error instanceof CampaignMissing) throw new NotFound(error.message);
  if (error instanceof CampaignRefused) throw new Conflict(error.message);
  if (error instanceof CampaignChangedMeanwhile)
    throw new Conflict('The campaign changed at the same moment; read it again and retry.');
  throw error;
}

function missingSegments(definition: CampaignDefinition, segments: ReadonlySet<string>) {
  const missing = segmentsOf(definition).filter((id) => !segments.has(id));
  return missing.length > 0 ? { missingSegments: missing } : {};
}

const list = httpRoute({}, async () => {
  await ensureCampaignSeed(clock.now());
  const heads = await dynamoCampaignDefinitions.heads();
  // a campaign whose segment is gone reaches nobody: the list says so (its runs say it too)
  const segments = new Set((await dynamoSegmentStore.list()).map((s) => s.segmentId));
  return {
    status: 200,
    body: {
      version: campaignCatalog.version,
      campaigns: heads.map((h) => {
        const c = shownDefinition(h);
        return {
          id: c.id,
          title: c.title,
          enabled: c.enabled,
          consent: c.consent,
          holdWhileComplaintOpen: c.holdWhileComplaintOpen,
          audience: c.audience,
          content: c.content,
          ...(c.contentByProduct ? { contentByProduct: c.contentByProduct } : {}),
          status: h.status,
          ...missingSegments(c, segments),
          latestVersion: h.latestVersion,
          ...(h.activeVersion ? { activeVersion: h.activeVersion } : {}),
          ...(h.pendingVersion ? { pendingVersion: h.pendingVersion } : {}),
        };
      }),
    },
    headers: noStore,
  };
});

const draft = httpRoute({ body: CampaignDraft }, async ({ body, principal }) => {
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  // a campaign over a segment that does not exist would fail (or find nobody) every day it runs
  const unknownSegments = [
    ...(body.audience.kind === 'knowledge' ? [['body.audience.segmentId', body.audience.segmentId]] : []),
    ...(body.segmentId ? [['body.segmentId', body.segmentId]] : []),
  ];
  const missing = [];
  for (const [path, segmentId] of unknownSegments)
    if (!(await dynamoSegmentStore.get(segmentId!)))
      missing.push({ path: path!, message: `There is no segment ${segmentId}.` });
  if (missing.length > 0) throw new ValidationFailed(missing);
  await ensureCampaignSeed(clock.now());
  try {
    const { head, version } = await writeDraft(dynamoCampaignDefinitions, body, principal.sub, clock.now());
    logger.info('campaign draft written', { campaignId: head.campaignId, version: version.version });
    return {
      status: 201,
      body: { ...authored(head), preview: renderedPreview(body, campaignCatalog) },
      headers: { ...noStore, location: `/v1/campaigns/${head.campaignId}` },
    };
  } catch (error) {
    return asProblem(error);
  }
});

const act = httpRoute({ path: CampaignActionPath }, async ({ path, principal }) => {
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  await ensureCampaignSeed(clock.now());
  try {
    const head = await takeAction(
      dynamoCampaignDefinitions,
      path.campaignId,
      path.action,
      principal.sub,
      clock.now(),
    );
    logger.info('campaign action taken', {
      campaignId: head.campaignId,
      action: path.action,
      status: head.status,
    });
    return { status: 200, body: authored(head), headers: noStore };
  } catch (error) {
    return asProblem(error);
  }
});

const preview = httpRoute({ path: CampaignPath, query: CampaignPreviewQuery }, async ({ path, query }) => {
  const definition = shownDefinition(await headOr404(path.campaignId));
  const timeZones = query.timeZone ? [query.timeZone] : await dynamoCampaignStore.timeZones();
  try {
    const result = await previewCampaign(
      campaignCatalog,
      definition,
      query.date,
      timeZones,
      dynamoCampaignStore,
    );
    logger.info('campaign previewed', {
      campaignId: definition.id,
      date: query.date,
      audience: result.audience,
      wouldSend: result.wouldSend,
    });
    return { status: 200, body: result, headers: noStore };
  } catch (error) {
    if (error instanceof FestivalYearMissing)
      throw new ValidationFailed([{ path: 'query.date', message: error.message }]);
    if (error instanceof SegmentNotFound)
      throw new Conflict(`The campaign's segment ${error.segmentId} is gone: it reaches nobody.`);
    throw error;
  }
});

const runs = httpRoute({ path: CampaignPath }, async ({ path }) => {
  const head = await headOr404(path.campaignId);
  return {
    status: 200,
    body: { campaignId: head.campaignId, runs: await dynamoCampaignStore.runs(head.campaignId) },
    headers: noStore,
  };
});

const routes: Record<string, typeof list> = {
  ...articleRoutes,
  'POST /v1/campaigns': draft,
  'POST /v1/campaigns/{campaignId}/{action}': act,
  'GET /v1/campaigns/{campaignId}/preview': preview,
  'GET /v1/campaigns/{campaignId}/runs': runs,
};

export const handler: typeof list = ((event, context) =>
  (routes[event.routeKey] ?? list)(event, context)) as typeof list;
