/**
 * Which campaigns a segment carries: an authored campaign narrowed to a segment (`segmentId`) and a
 * knowledge campaign sent to one (`audience.segmentId`). A segment an active campaign uses may not
 * be changed to match nobody, and a campaign whose segment is gone says so.
 */
import type { CampaignDefinition } from '../campaign-definitions';

/** The segments a campaign reaches its customers through. */
export function segmentsOf(definition: CampaignDefinition): string[] {
  const ids = [
    ...(definition.segmentId ? [definition.segmentId] : []),
    ...(definition.audience.kind === 'knowledge' ? [definition.audience.segmentId] : []),
  ];
  return [...new Set(ids)];
}

/** The campaigns among `definitions` that reach their customers through `segmentId`, by id. */
export const campaignsOver = (segmentId: string, definitions: readonly CampaignDefinition[]) =>
  definitions
    .filter((d) => segmentsOf(d).includes(segmentId))
    .map((d) => d.id)
    .sort();
