/**
 * Campaign authoring with four eyes: an admin writes a draft (a new campaign, or a new version of
 * one), a second admin approves it, and only then does the planner run it. Every version is kept;
 * the campaign's head names the version that runs (`activeVersion`) and the draft awaiting
 * approval (`pendingVersion`). Pause, resume and retire act on the head only.
 *
 * The shipped campaigns (services/care/campaigns/campaigns.json) are the store's seed: version 1
 * of each, authored and approved by `seed`, active when the file enables them.
 */
import * as z from 'zod/mini';
import { languages } from '#shared/contracts/vocabulary';
import { compileTemplate, fillTemplate } from '#shared/templates/template-engine';
import { type CampaignCatalog, CampaignDefinition } from '../campaign-definitions';

export const campaignActions = ['approve', 'pause', 'resume', 'retire'] as const;
export type CampaignAction = (typeof campaignActions)[number];

export const CampaignActionPath = z.strictObject({
  campaignId: CampaignDefinition.shape.id,
  action: z.enum(campaignActions),
});

/** What `POST /v1/campaigns` takes: a definition; whether it runs is the approval's, not the author's. */
export const CampaignDraft = z.omit(CampaignDefinition, { enabled: true }).check(
  // marketing-type care never reaches a customer whose complaint is still open
  z.refine((d) => d.consent !== 'marketing' || d.holdWhileComplaintOpen, {
    message: 'Marketing campaigns must be held while a complaint is open',
    path: ['holdWhileComplaintOpen'],
  }),
);
export type CampaignDraft = z.infer<typeof CampaignDraft>;

export type CampaignStatus = 'draft' | 'active' | 'paused' | 'retired';

export interface CampaignVersion {
  readonly campaignId: string;
  readonly version: number;
  readonly definition: CampaignDraft;
  readonly authoredBy: string;
  readonly authoredAt: string;
  readonly approvedBy?: string;
  readonly approvedAt?: string;
}

export interface CampaignHead {
  readonly campaignId: string;
  readonly status: CampaignStatus;
  readonly latestVersion: number;
  /** The approved version the planner runs (while `status` is active). */
  readonly activeVersion?: number;
  /** A copy of the active version's definition, so the planner reads heads only. */
  readonly active?: CampaignDraft;
  /** The latest version's definition (what the list shows of a campaign not yet approved). */
  readonly latest: CampaignDraft;
  /** How the planner's messages name the version: the seed file's version, else `v<n>`. */
  readonly activeLabel?: string;
  readonly pendingVersion?: number;
  /** Optimistic concurrency on the head. */
  readonly revision: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export class CampaignRefused extends Error {}
export class AuthorCannotApprove extends Error {}
export class CampaignMissing extends Error {}

/** The head and version after a draft is written by `by`. */
export function draftWritten(
  head: CampaignHead | undefined,
  draft: CampaignDraft,
  by: string,
  at: string,
): { head: CampaignHead; version: CampaignVersion } {
  if (head?.status === 'retired') throw new CampaignRefused(`Campaign ${draft.id} is retired; use a new id.`);
  const number = (head?.latestVersion ?? 0) + 1;
  return {
    version: { campaignId: draft.id, version: number, definition: draft, authoredBy: by, authoredAt: at },
    head: {
      ...(head ?? { campaignId: draft.id, status: 'draft' as const, revision: 0 }),
      latestVersion: number,
      latest: draft,
      pendingVersion: number,
      revision: (head?.revision ?? 0) + 1,
      updatedAt: at,
      updatedBy: by,
    },
  };
}

/** The head after `action` by `by`; for approve, `pending` is the draft it approves. */
export function actionTaken(
  head: CampaignHead,
  action: CampaignAction,
  by: string,
  at: string,
  pending?: CampaignVersion,
): CampaignHead {
  const next = { ...head, revision: head.revision + 1, updatedAt: at, updatedBy: by };
  if (head.status === 'retired') throw new CampaignRefused(`Campaign ${head.campaignId} is retired.`);
  switch (action) {
    case 'approve': {
      if (!pending || head.pendingVersion !== pending.version)
        throw new CampaignRefused(`Campaign ${head.campaignId} has no draft awaiting approval.`);
      if (pending.authoredBy === by)
        throw new AuthorCannotApprove('A draft is approved by a second admin, not by its author.');
      const { pendingVersion: _approved, ...rest } = next;
      // approving a new version of a paused campaign keeps it paused
      return {
        ...rest,
        status: head.status === 'paused' ? 'paused' : 'active',
        activeVersion: pending.version,
        active: pending.definition,
        activeLabel: `v${pending.version}`,
      };
    }
    case 'pause':
      if (head.status !== 'active')
        throw new CampaignRefused(`Only an active campaign is paused (it is ${head.status}).`);
      return { ...next, status: 'paused' };
    case 'resume':
      if (head.status !== 'paused')
        throw new CampaignRefused(`Only a paused campaign is resumed (it is ${head.status}).`);
      return { ...next, status: 'active' };
    case 'retire':
      return { ...next, status: 'retired' };
  }
}

/** The seed: each shipped campaign as version 1, approved by `seed`. */
export function seedOf(
  catalog: CampaignCatalog,
  at: string,
): { head: CampaignHead; version: CampaignVersion }[] {
  return catalog.campaigns.map(({ enabled, ...definition }) => ({
    version: {
      campaignId: definition.id,
      version: 1,
      definition,
      authoredBy: 'seed',
      authoredAt: at,
      approvedBy: 'seed',
      approvedAt: at,
    },
    head: {
      campaignId: definition.id,
      status: enabled ? 'active' : 'paused',
      latestVersion: 1,
      latest: definition,
      activeVersion: 1,
      active: definition,
      activeLabel: catalog.version,
      revision: 1,
      updatedAt: at,
      updatedBy: 'seed',
    },
  }));
}

/** The campaigns the planner runs: active heads, with the label their messages carry. */
export function runnable(
  heads: readonly CampaignHead[],
): { definition: CampaignDefinition; label: string }[] {
  return heads.flatMap((h) =>
    h.status === 'active' && h.active
      ? [{ definition: { ...h.active, enabled: true }, label: h.activeLabel ?? `v${h.activeVersion}` }]
      : [],
  );
}

const SAMPLE_VALUES: Record<(typeof languages)[number], Record<string, string>> = {
  'zh-CN': {
    name: '张三',
    policyNumber: 'P2024000123',
    anniversaryDate: '2027-01-15',
    dueDate: '2027-01-15',
    lapseDate: '2027-03-16',
    amount: '3600.00',
    reference: 'CC-2026-000123',
    articleTitle: '什么是等待期？',
    articleSummary: '新保单生效后的一段时间内因疾病出险不予赔付，意外不受影响。',
    articleLink: 'https://care.example.com/knowledge/waiting-period',
  },
  en: {
    name: 'Zhang San',
    policyNumber: 'P2024000123',
    anniversaryDate: '2027-01-15',
    dueDate: '2027-01-15',
    lapseDate: '2027-03-16',
    amount: '3600.00',
    reference: 'CC-2026-000123',
    articleTitle: 'What is a waiting period?',
    articleSummary: 'For a while after a new policy starts, illness claims are not paid; accidents are.',
    articleLink: 'https://care.example.com/knowledge/waiting-period',
  },
};

/** The draft's texts as a sample customer would read them (a placeholder it does not fill stays visible). */
export function renderedPreview(draft: CampaignDraft, catalog: Pick<CampaignCatalog, 'productNames'>) {
  const product = Object.keys(draft.contentByProduct ?? {})[0] ?? 'critical-illness';
  return Object.fromEntries(
    languages.map((language) => {
      const values = {
        ...SAMPLE_VALUES[language],
        product: catalog.productNames[product]?.[language] ?? product,
      };
      const text = draft.content[language];
      return [
        language,
        {
          headline: fillTemplate(compileTemplate(text.headline), values),
          body: fillTemplate(compileTemplate(text.body), values),
        },
      ];
    }),
  );
}
