/**
 * The hourly planning run: for every time zone with customers where the clocks show 09:00, every
 * enabled campaign is planned for that zone's local date. Each decision is recorded once under its
 * dedupe key together with (for a planned message) its `care.message-requested` event, so running
 * the same hour again plans, sends and counts nothing twice.
 */
import { localDateIn, wallClockIn } from '#shared/calendar/zoned-time';
import type { CampaignCatalog, CampaignDefinition } from './campaign-definitions';
import {
  type AudienceQuery,
  audienceQueries,
  type Candidate,
  type Decision,
  decide,
  type Occasion,
  runIdOf,
} from './campaign-planner';
import type { Article } from './knowledge/articles';
import { SegmentNotFound } from './segments/segment-members';

/** The local hour campaigns go out at. */
export const PLANNING_HOUR = 9;

export interface RunHeader {
  readonly campaignId: string;
  readonly campaignVersion: string;
  readonly runId: string;
  readonly occasion: Occasion;
  /** Candidates in the audience on this computation (a snapshot, set on every run, never added up). */
  readonly audience: number;
  readonly plannedAt: string;
  /** Why the run reached nobody when it could not run at all: its segment is gone. */
  readonly outcome?: 'segment-missing';
}

export interface RunRecord {
  readonly campaignId: string;
  readonly runId: string;
  readonly occasionDate: string;
  readonly timeZone: string;
  readonly campaignVersion: string;
  readonly audience: number;
  readonly lastPlannedAt: string;
  readonly counts: Record<string, number>;
  readonly outcome?: 'segment-missing';
}

export interface CampaignPlanStore {
  /** The zones that have customers (the `TIMEZONES` item). */
  timeZones(): Promise<string[]>;
  /** Candidates of the given index partitions, with their profiles. */
  audience(queries: readonly AudienceQuery[]): Promise<Candidate[]>;
  /** The knowledge library in the order content campaigns offer it (read only for content campaigns). */
  articles(): Promise<Article[]>;
  /** A segment's members (care's SegmentMembers port); SegmentNotFound when the segment is gone. */
  segmentMembers(segmentId: string): Promise<ReadonlySet<string>>;
  /** Creates or refreshes the run record (its `counts` map included) before decisions add to it. */
  openRun(header: RunHeader): Promise<void>;
  /**
   * Records each decision unless one with its dedupe key exists, planned ones with their event,
   * and adds only the newly recorded ones to the run's counts. Answers what was new, by count name.
   */
  recordDecisions(header: RunHeader, decisions: readonly Decision[]): Promise<Record<string, number>>;
  runs(campaignId: string): Promise<RunRecord[]>;
}

export interface CampaignRunReport {
  readonly campaignId: string;
  readonly runId: string;
  readonly audience: number;
  readonly newlyRecorded: Record<string, number>;
  /** The segment the campaign is over, when it is gone (the run is recorded with that outcome). */
  readonly missingSegment?: string;
}

/** The zones at the planning hour at `instant`, each with its local date. */
export function occasionsAt(instant: Date, timeZones: readonly string[]): Occasion[] {
  return timeZones
    .filter((tz) => wallClockIn(instant.getTime(), tz).hour === PLANNING_HOUR)
    .map((timeZone) => ({ timeZone, date: localDateIn(instant, timeZone) }));
}

/** One campaign's decisions for one zone's date: its audience read, and for content, the library. */
export async function decisionsFor(
  catalog: Pick<CampaignCatalog, 'version' | 'productNames'>,
  definition: CampaignDefinition,
  occasion: Occasion,
  store: Pick<CampaignPlanStore, 'audience' | 'articles' | 'segmentMembers'>,
): Promise<Decision[]> {
  const queries = audienceQueries(definition, occasion);
  if (queries.length === 0) return [];
  const library = definition.audience.kind === 'knowledge' ? await store.articles() : [];
  const candidates = await store.audience(queries);
  // an authored campaign over a segment: the rule's audience, narrowed to the segment's members
  const members = definition.segmentId ? await store.segmentMembers(definition.segmentId) : undefined;
  const audience = members ? candidates.filter((c) => members.has(c.profile.customerId)) : candidates;
  return decide(catalog, definition, occasion, audience, library);
}

export async function planCampaign(
  catalog: CampaignCatalog,
  definition: CampaignDefinition,
  occasion: Occasion,
  store: CampaignPlanStore,
  now: Date,
  /** The version its messages and run record name: the authored version's, else the file's. */
  version = catalog.version,
): Promise<CampaignRunReport> {
  catalog = { ...catalog, version };
  const empty: RunHeader = {
    campaignId: definition.id,
    campaignVersion: catalog.version,
    runId: runIdOf(occasion),
    occasion,
    audience: 0,
    plannedAt: now.toISOString(),
  };
  let decisions: Decision[];
  try {
    decisions = await decisionsFor(catalog, definition, occasion, store);
  } catch (error) {
    if (!(error instanceof SegmentNotFound)) throw error;
    // a campaign whose segment is gone reaches nobody, visibly: its run says why
    await store.openRun({ ...empty, outcome: 'segment-missing' });
    return {
      campaignId: definition.id,
      runId: empty.runId,
      audience: 0,
      newlyRecorded: {},
      missingSegment: error.segmentId,
    };
  }
  const header: RunHeader = { ...empty, audience: decisions.length };
  // a day with nobody to greet leaves no run record behind (most campaigns, most days)
  if (decisions.length === 0)
    return { campaignId: definition.id, runId: header.runId, audience: 0, newlyRecorded: {} };
  await store.openRun(header);
  const newlyRecorded = await store.recordDecisions(header, decisions);
  return { campaignId: definition.id, runId: header.runId, audience: decisions.length, newlyRecorded };
}

export interface PlanningReport {
  readonly occasions: readonly Occasion[];
  readonly runs: readonly CampaignRunReport[];
  readonly failed: readonly { campaignId: string; runId: string; error: string }[];
}

/**
 * One scheduled run of the catalog's enabled campaigns (the approved, active ones when they come
 * from the campaign store, each with its version in `versions`) for the occasions of its hour
 * (`occasionsAt`). A campaign that fails does not stop the others; the run fails at the end.
 */
export async function planDueCampaigns(
  catalog: CampaignCatalog,
  store: CampaignPlanStore,
  occasions: readonly Occasion[],
  scheduledTime: Date,
  versions: Readonly<Record<string, string>> = {},
): Promise<PlanningReport> {
  const runs: CampaignRunReport[] = [];
  const failed: { campaignId: string; runId: string; error: string }[] = [];
  for (const occasion of occasions) {
    for (const definition of catalog.campaigns) {
      if (!definition.enabled) continue;
      try {
        runs.push(
          await planCampaign(catalog, definition, occasion, store, scheduledTime, versions[definition.id]),
        );
      } catch (error) {
        failed.push({
          campaignId: definition.id,
          runId: runIdOf(occasion),
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return { occasions, runs, failed };
}
