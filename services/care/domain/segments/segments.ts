/**
 * Segments as data: the admins' and leads' definitions (name, rules) kept with a version for
 * optimistic concurrency, and the preview an author checks a rule set with before anyone uses it.
 */
import * as z from 'zod/mini';
import { maskId, maskName } from '../preview-campaign';
import { type CandidateSource, type ReadTally, segmentMembers } from './segment-members';
import { type SegmentDraft, SegmentRules } from './segment-rules';

export const Segment = z.object({
  segmentId: z.string(),
  name: z.string(),
  description: z.optional(z.string()),
  rules: SegmentRules,
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Segment = z.infer<typeof Segment>;

export const SegmentList = z.object({ segments: z.array(Segment) });

export const SegmentPreview = z.object({
  segmentId: z.string(),
  version: z.number(),
  /** Members as of `asOf`. */
  count: z.number(),
  asOf: z.string(),
  /** Customer items the evaluation read (index items, each read once). */
  itemsRead: z.number(),
  sample: z.array(
    z.object({ customerId: z.string(), name: z.string(), tier: z.string(), timeZone: z.string() }),
  ),
});
export type SegmentPreview = z.infer<typeof SegmentPreview>;

export class StaleSegment extends Error {}

export interface SegmentStore {
  create(segment: Segment): Promise<void>;
  get(segmentId: string): Promise<Segment | undefined>;
  list(): Promise<Segment[]>;
  /** Replaces the segment at `expectedVersion`; StaleSegment when another change came first. */
  replace(segment: Segment, expectedVersion: number): Promise<void>;
}

export function newSegment(id: string, draft: SegmentDraft, by: string, at: Date): Segment {
  const now = at.toISOString();
  return {
    segmentId: id,
    ...draft,
    version: 1,
    createdAt: now,
    createdBy: by,
    updatedAt: now,
    updatedBy: by,
  };
}

/** The segment with the draft applied, one version on; `ifMatch` (when sent) must be the current one. */
export function revisedSegment(
  current: Segment,
  draft: SegmentDraft,
  ifMatch: number | undefined,
  by: string,
  at: Date,
): Segment {
  if (ifMatch !== undefined && ifMatch !== current.version) throw new StaleSegment();
  const { description: _dropped, ...kept } = current;
  return { ...kept, ...draft, version: current.version + 1, updatedAt: at.toISOString(), updatedBy: by };
}

const SAMPLE_SIZE = 5;

export async function previewSegment(
  segment: Segment,
  now: Date,
  source: CandidateSource,
): Promise<SegmentPreview> {
  const tally: ReadTally = { itemsRead: 0 };
  const sample: SegmentPreview['sample'] = [];
  let count = 0;
  for await (const member of segmentMembers(segment.rules, now, source, tally)) {
    count++;
    if (sample.length < SAMPLE_SIZE)
      sample.push({
        customerId: maskId(member.customerId),
        name: maskName(member.name),
        tier: member.tier,
        timeZone: member.timeZone,
      });
  }
  return {
    segmentId: segment.segmentId,
    version: segment.version,
    count,
    asOf: now.toISOString(),
    itemsRead: tally.itemsRead,
    sample,
  };
}
