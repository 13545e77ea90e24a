/**
 * The authoring use cases over the campaign definition store: write a draft, act on a campaign
 * (approve, pause, resume, retire), list what the planner runs, and seed the store from the
 * shipped campaigns the first time it is used (on AWS and locally alike: nothing to run by hand).
 */
import type { CampaignCatalog } from '../campaign-definitions';
import {
  actionTaken,
  type CampaignAction,
  type CampaignDraft,
  type CampaignHead,
  CampaignMissing,
  type CampaignVersion,
  draftWritten,
  seedOf,
} from './campaign-authoring';

export class CampaignChangedMeanwhile extends Error {}

export interface CampaignDefinitionStore {
  heads(): Promise<CampaignHead[]>;
  head(campaignId: string): Promise<CampaignHead | undefined>;
  version(campaignId: string, version: number): Promise<CampaignVersion | undefined>;
  versions(campaignId: string): Promise<CampaignVersion[]>;
  /**
   * Writes the head (if its revision is still `expectedRevision`, 0 = absent) with a new version
   * or an approval stamp on one; CampaignChangedMeanwhile when another change came first.
   */
  write(
    head: CampaignHead,
    expectedRevision: number,
    change: { readonly added?: CampaignVersion; readonly approved?: CampaignVersion },
  ): Promise<void>;
}

export async function writeDraft(store: CampaignDefinitionStore, draft: CampaignDraft, by: string, at: Date) {
  const current = await store.head(draft.id);
  const { head, version } = draftWritten(current, draft, by, at.toISOString());
  await store.write(head, current?.revision ?? 0, { added: version });
  return { head, version };
}

export async function takeAction(
  store: CampaignDefinitionStore,
  campaignId: string,
  action: CampaignAction,
  by: string,
  at: Date,
): Promise<CampaignHead> {
  const current = await store.head(campaignId);
  if (!current) throw new CampaignMissing(`There is no campaign ${campaignId}.`);
  const stamp = at.toISOString();
  const pending =
    action === 'approve' && current.pendingVersion
      ? await store.version(campaignId, current.pendingVersion)
      : undefined;
  const head = actionTaken(current, action, by, stamp, pending);
  await store.write(
    head,
    current.revision,
    pending && action === 'approve' ? { approved: { ...pending, approvedBy: by, approvedAt: stamp } } : {},
  );
  return head;
}

/** Writes the shipped campaigns the store does not have yet (an admin's changes always win). */
export async function seedMissing(
  store: CampaignDefinitionStore,
  catalog: CampaignCatalog,
  at: Date,
): Promise<number> {
  const known = new Set((await store.heads()).map((h) => h.campaignId));
  let seeded = 0;
  for (const { head, version } of seedOf(catalog, at.toISOString())) {
    if (known.has(head.campaignId)) continue;
    try {
      await store.write(head, 0, { added: version });
      seeded++;
    } catch (error) {
      // another cold start seeded it first
      if (!(error instanceof CampaignChangedMeanwhile)) throw error;
    }
  }
  return seeded;
}
