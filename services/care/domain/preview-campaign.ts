/**
 * What a campaign would do on a date, without sending or writing anything: the audience by
 * outcome (would send, suppressed by reason) and a few masked examples an admin can sanity-check.
 */
import type { LocalDate } from '#shared/calendar/local-date';
import type { CampaignCatalog, CampaignDefinition } from './campaign-definitions';
import type { Occasion } from './campaign-planner';
import type { CampaignPreview } from './care-responses';
import { type CampaignPlanStore, decisionsFor } from './plan-campaigns';

const SAMPLE_SIZE = 5;

/** Keeps enough to recognise a record, not enough to identify a person: 李*, C0***23. */
export const maskName = (name: string) => {
  const chars = [...name];
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
};
export const maskId = (id: string) => (id.length <= 4 ? '***' : `${id.slice(0, 2)}***${id.slice(-2)}`);

export async function previewCampaign(
  catalog: CampaignCatalog,
  definition: CampaignDefinition,
  date: LocalDate,
  timeZones: readonly string[],
  store: Pick<CampaignPlanStore, 'audience' | 'articles' | 'segmentMembers'>,
): Promise<CampaignPreview> {
  let audience = 0;
  let wouldSend = 0;
  const suppressed: Record<string, number> = {};
  const sample: CampaignPreview['sample'][number][] = [];
  for (const timeZone of timeZones) {
    const occasion: Occasion = { date, timeZone };
    const decisions = await decisionsFor(catalog, definition, occasion, store);
    audience += decisions.length;
    for (const d of decisions) {
      if (d.outcome === 'planned') wouldSend++;
      else suppressed[d.reason] = (suppressed[d.reason] ?? 0) + 1;
      if (sample.length < SAMPLE_SIZE) {
        sample.push({
          customerId: maskId(d.profile.customerId),
          name: maskName(d.profile.name),
          timeZone,
          language: d.profile.language,
          channel: d.profile.preferredChannel,
          ...(d.outcome === 'planned'
            ? { outcome: 'would-send', headline: d.message.content[d.profile.language]?.headline }
            : { outcome: 'suppressed', reason: d.reason }),
        });
      }
    }
  }
  return {
    campaignId: definition.id,
    campaignVersion: catalog.version,
    enabled: definition.enabled,
    date,
    timeZones: [...timeZones],
    audience,
    wouldSend,
    suppressed,
    sample,
  };
}
