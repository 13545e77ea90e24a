/**
 * The stall sweep: every minute, reads only the stall checks that fell due (the SLA sweep's timer
 * design: one index entry per claim, bucketed by the hour it falls due) and announces each stall
 * once. The entry is only a pointer: the sweep reads the claim and announces with a conditional
 * write on its last progress, so a racing or retried sweep, or a claim that moved meanwhile, never
 * announces anything twice.
 */
import { buildEvent } from '#shared/contracts/events/index';
import { FINAL_CLAIM_STAGES } from './journey';
import type { ClaimStore, StallStore } from './ports';

export interface StallSweepReport {
  readonly due: number;
  readonly stalled: number;
  readonly stale: number;
}

export async function sweepStalls(
  now: Date,
  businessDays: number,
  deps: { stalls: StallStore; claims: ClaimStore },
): Promise<StallSweepReport> {
  const due = await deps.stalls.dueStalls(now);
  let stalled = 0;
  let stale = 0;
  for (const claimNumber of due) {
    const claim = await deps.claims.get(claimNumber);
    const holds =
      claim?.stallDueAt !== undefined &&
      Date.parse(claim.stallDueAt) <= now.getTime() &&
      !FINAL_CLAIM_STAGES.includes(claim.stage) &&
      claim.stallNoticedFor !== claim.lastProgressAt;
    if (!claim || !holds) {
      if (
        !claim ||
        claim.stallNoticedFor === claim.lastProgressAt ||
        FINAL_CLAIM_STAGES.includes(claim.stage)
      )
        await deps.stalls.clearStall(claimNumber);
      stale++;
      continue;
    }
    const event = buildEvent(
      'claim.stalled',
      {
        claimNumber,
        policyNumber: claim.policyNumber,
        ...(claim.customerId && { customerId: claim.customerId }),
        stage: claim.stage,
        lastProgressAt: claim.lastProgressAt,
        stalledAt: claim.stallDueAt!,
        businessDays,
      },
      `claim-${claimNumber}`,
    );
    if (await deps.stalls.markStalled(claimNumber, claim.lastProgressAt, event)) stalled++;
    else stale++;
  }
  await deps.stalls.checkpoint(now);
  return { due: due.length, stalled, stale };
}
