/**
 * Keys of the Campaigns table items the planner and the admin API share (and notify, which adds
 * its outcomes to the run record).
 *
 *   run record      CAMPAIGN#<campaignId>        RUN#<occasionDate>#<timeZone>
 *   decision marker DECISION#<dedupeKey>         PLANNED | SUPPRESSED
 *   follow-up item  FOLLOWUP#<YYYY-MM-DD>        <timeZone>#<customerId>#<complaintId>
 */
export const runKey = (campaignId: string, runId: string) => ({
  pk: `CAMPAIGN#${campaignId}`,
  sk: `RUN#${runId}`,
});

export const decisionKey = (dedupeKey: string, outcome: 'planned' | 'suppressed') => ({
  pk: `DECISION#${dedupeKey}`,
  sk: outcome === 'planned' ? 'PLANNED' : 'SUPPRESSED',
});
