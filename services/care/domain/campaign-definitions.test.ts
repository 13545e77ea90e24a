/** The campaign catalog refuses what the planner could not render. */
import { describe, expect, it } from 'vitest';
import raw from '../campaigns/campaigns.json';
import { loadCampaignCatalog } from './campaign-definitions';

const withBirthdayBody = (body: string) => {
  const catalog = structuredClone(raw) as { campaigns: { content: Record<string, { body: string }> }[] };
  const first = catalog.campaigns[0]!;
  first.content.en = { ...first.content.en!, body };
  return catalog;
};

describe('campaign texts', () => {
  it('load when their placeholders are well formed', () => {
    expect(() => loadCampaignCatalog(withBirthdayBody('Dear {{name}}, best wishes.'))).not.toThrow();
  });

  it('are refused at load, with the path, when a placeholder is broken', () => {
    expect(() => loadCampaignCatalog(withBirthdayBody('Dear {{name}, best wishes.'))).toThrow(
      /campaigns\.0\.content\.en\.body.*malformed placeholder/,
    );
    expect(() => loadCampaignCatalog(withBirthdayBody('{{#product}}Your {{product}} policy'))).toThrow(
      /never closed/,
    );
  });
});
