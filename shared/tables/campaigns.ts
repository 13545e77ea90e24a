/**
 * Keys of the Campaigns table's items, owned by the care service (the planner and the admin API);
 * notify adds its outcomes to the run record through the care service's outcome consumer. Existing
 * data depends on these exact strings: change one only with a migration.
 *
 *   run record       CAMPAIGN#<campaignId>       RUN#<occasionDate>#<timeZone>
 *   decision marker  DECISION#<dedupeKey>        PLANNED | SUPPRESSED
 *   follow-up item   FOLLOWUP#<YYYY-MM-DD>       <timeZone>#<customerId>#<complaintId>
 *   message outcome  RUNMSG#<dedupeKey>          OUTCOME
 *   campaign head    CAMPAIGNDEFS                CAMPAIGN#<campaignId>    (status, active definition)
 *   campaign version CAMPAIGNDEF#<campaignId>    VERSION#<6-digit n>      (every version, kept)
 *   segment          SEGMENTS                    SEGMENT#<segmentId>      (all in one partition: a few hundred)
 *   article          ARTICLES                    ARTICLE#<articleId>      (knowledge content, one partition)
 *   article claim    READER#<customerId>         ARTICLE#<articleId>      (planned or sent to the customer)
 *   demo-data marker LOCAL#seed                  LOCAL#seed   (the local cloud's, never on AWS)
 *   outbox event     see shared/outbox/outbox-keys.ts
 */
import { type ItemKind, outboxKind } from './item-kinds';

export const RUN_PREFIX = 'RUN#';
export const campaignPartition = (campaignId: string) => `CAMPAIGN#${campaignId}`;
export const runKey = (campaignId: string, runId: string) => ({
  pk: campaignPartition(campaignId),
  sk: `${RUN_PREFIX}${runId}`,
});

export const decisionKey = (dedupeKey: string, outcome: 'planned' | 'suppressed') => ({
  pk: `DECISION#${dedupeKey}`,
  sk: outcome === 'planned' ? 'PLANNED' : 'SUPPRESSED',
});
/** The partition holding a dedupe key's decision markers, whichever the outcome. */
export const decisionPartition = (dedupeKey: string) => decisionKey(dedupeKey, 'planned').pk;

/** Follow-up surveys due on a local date: the planner reads the day's partition per time zone. */
export const followUpPartition = (localDate: string) => `FOLLOWUP#${localDate}`;
export const followUpKey = (dueDate: string, timeZone: string, customerId: string, complaintId: string) => ({
  pk: followUpPartition(dueDate),
  sk: `${timeZone}#${customerId}#${complaintId}`,
});

export const runMessageKey = (dedupeKey: string) => ({ pk: `RUNMSG#${dedupeKey}`, sk: 'OUTCOME' });

/** Records that `npm start` seeded its demo data, so a restart does not add it again. */
export const demoSeedMarkerKey = { pk: 'LOCAL#seed', sk: 'LOCAL#seed' } as const;

/** Every segment definition lives in one partition, listed by one query. */
export const SEGMENTS_PARTITION = 'SEGMENTS';
export const segmentKey = (segmentId: string) => ({ pk: SEGMENTS_PARTITION, sk: `SEGMENT#${segmentId}` });

/** Every campaign's head lives in one partition: the planner reads them all with one query. */
export const CAMPAIGN_HEADS_PARTITION = 'CAMPAIGNDEFS';
export const campaignHeadKey = (campaignId: string) => ({
  pk: CAMPAIGN_HEADS_PARTITION,
  sk: `CAMPAIGN#${campaignId}`,
});
export const campaignVersionPartition = (campaignId: string) => `CAMPAIGNDEF#${campaignId}`;
export const campaignVersionKey = (campaignId: string, version: number) => ({
  pk: campaignVersionPartition(campaignId),
  sk: `VERSION#${String(version).padStart(6, '0')}`,
});

/** Every knowledge article lives in one partition: the planner reads the library with one query. */
export const ARTICLES_PARTITION = 'ARTICLES';
export const articleKey = (articleId: string) => ({ pk: ARTICLES_PARTITION, sk: `ARTICLE#${articleId}` });

/**
 * A customer's claim on an article (planned for them, or sent): at most one per customer and
 * article, whichever campaign or version planned it. One partition per customer lists what they
 * have had.
 */
export const readerPartition = (customerId: string) => `READER#${customerId}`;
export const ARTICLE_CLAIM_PREFIX = 'ARTICLE#';
export const articleClaimKey = (customerId: string, articleId: string) => ({
  pk: readerPartition(customerId),
  sk: `${ARTICLE_CLAIM_PREFIX}${articleId}`,
});

/**
 * The item kinds above, by their keys' fixed starts (shared/tables/item-kinds.ts); each has a
 * retention rule in services/privacy/rules/retention.json.
 */
export const itemKinds: readonly ItemKind[] = [
  { table: 'Campaigns', kind: 'campaign-run', pk: 'CAMPAIGN#', sk: 'RUN#' },
  { table: 'Campaigns', kind: 'campaign-decision', pk: 'DECISION#', sk: '' },
  { table: 'Campaigns', kind: 'follow-up', pk: 'FOLLOWUP#', sk: '' },
  { table: 'Campaigns', kind: 'run-message-outcome', pk: 'RUNMSG#', sk: 'OUTCOME' },
  { table: 'Campaigns', kind: 'campaign-head', pk: 'CAMPAIGNDEFS', sk: 'CAMPAIGN#' },
  { table: 'Campaigns', kind: 'campaign-version', pk: 'CAMPAIGNDEF#', sk: 'VERSION#' },
  { table: 'Campaigns', kind: 'segment', pk: 'SEGMENTS', sk: 'SEGMENT#' },
  { table: 'Campaigns', kind: 'article', pk: 'ARTICLES', sk: 'ARTICLE#' },
  { table: 'Campaigns', kind: 'article-claim', pk: 'READER#', sk: 'ARTICLE#' },
  { table: 'Campaigns', kind: 'demo-seed-marker', pk: 'LOCAL#seed', sk: 'LOCAL#seed' },
  outboxKind('Campaigns'),
];
