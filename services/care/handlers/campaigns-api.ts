/**
 * The admins' campaign API: GET /v1/campaigns (definitions, version, enabled),
 * GET /v1/campaigns/{campaignId}/preview?date=&timeZone= (audience by outcome and a masked sample,
 * nothing written) and GET /v1/campaigns/{campaignId}/runs (run records, newest first).
 */
import { NotFound, ValidationFailed } from '#shared/http/errors';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { dynamoCampaignStore } from '../adapters/dynamo-campaign-store';
import { type CampaignDefinition, campaignById, campaignCatalog } from '../domain/campaign-definitions';
import { CampaignPath, CampaignPreviewQuery } from '../domain/care-requests';
import { FestivalYearMissing } from '../domain/occasions';
import { previewCampaign } from '../domain/preview-campaign';

function campaignOr404(id: string): CampaignDefinition {
  const definition = campaignById(campaignCatalog, id);
  if (!definition) throw new NotFound(`There is no campaign ${id}.`);
  return definition;
}

const list = httpRoute({}, async () => ({
  status: 200,
  body: {
    version: campaignCatalog.version,
    campaigns: campaignCatalog.campaigns.map((c) => ({
      id: c.id,
      title: c.title,
      enabled: c.enabled,
      consent: c.consent,
      holdWhileComplaintOpen: c.holdWhileComplaintOpen,
      audience: c.audience,
      content: c.content,
      ...(c.contentByProduct ? { contentByProduct: c.contentByProduct } : {}),
    })),
  },
  headers: { 'cache-control': 'no-store' },
}));

const preview = httpRoute({ path: CampaignPath, query: CampaignPreviewQuery }, async ({ path, query }) => {
  const definition = campaignOr404(path.campaignId);
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
    return { status: 200, body: result, headers: { 'cache-control': 'no-store' } };
  } catch (error) {
    if (error instanceof FestivalYearMissing)
      throw new ValidationFailed([{ path: 'query.date', message: error.message }]);
    throw error;
  }
});

const runs = httpRoute({ path: CampaignPath }, async ({ path }) => {
  const definition = campaignOr404(path.campaignId);
  return {
    status: 200,
    body: { campaignId: definition.id, runs: await dynamoCampaignStore.runs(definition.id) },
    headers: { 'cache-control': 'no-store' },
  };
});

export const handler: typeof list = ((event, context) => {
  if (event.routeKey === 'GET /v1/campaigns/{campaignId}/preview') return preview(event, context);
  if (event.routeKey === 'GET /v1/campaigns/{campaignId}/runs') return runs(event, context);
  return list(event, context);
}) as typeof list;
