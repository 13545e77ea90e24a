/**
 * The shipped campaigns (services/care/campaigns/campaigns.json) seed the campaign store on first
 * use: the first cold start of the planner or the campaigns API after a deploy writes the campaigns
 * the store lacks (a conditional write each; concurrent cold starts agree). No step to run by hand,
 * on AWS or locally, and a campaign an admin has changed is never seeded over.
 */

import { seedMissing } from '../domain/authoring/author-campaign';
import { campaignCatalog } from '../domain/campaign-definitions';
import { dynamoCampaignDefinitions } from './dynamo-campaign-definitions';

let seeding: Promise<number> | undefined;

export function ensureCampaignSeed(now: Date): Promise<number> {
  seeding ??= seedMissing(dynamoCampaignDefinitions, campaignCatalog, now).catch((error) => {
    seeding = undefined; // the next invocation tries again
    throw error;
  });
  return seeding;
}
