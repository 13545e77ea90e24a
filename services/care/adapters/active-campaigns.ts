/**
 * What the planner runs: the store's active campaigns (seeded from the shipped file on first use),
 * as a catalog with the file's product names, and the version each campaign's messages carry.
 */

import { runnable } from '../domain/authoring/campaign-authoring';
import type { CampaignCatalog } from '../domain/campaign-definitions';
import { campaignCatalog } from '../domain/campaign-definitions';
import { ensureCampaignSeed } from './campaign-seed';
import { dynamoCampaignDefinitions } from './dynamo-campaign-definitions';

export async function activeCampaigns(
  now: Date,
): Promise<{ catalog: CampaignCatalog; versions: Record<string, string> }> {
  await ensureCampaignSeed(now);
  const active = runnable(await dynamoCampaignDefinitions.heads());
  return {
    catalog: { ...campaignCatalog, campaigns: active.map((a) => a.definition) },
    versions: Object.fromEntries(active.map((a) => [a.definition.id, a.label])),
  };
}
