/**
 * The counters' rebuild (`npm run returns:rebuild`, services/quality/scripts): counts every complaint received since `--since`
 * (default 2015-01-01) and every one open now into the regulators' returns' counters, once, then
 * records the rebuild, after which a return may cover any period (docs/returns.md). Idempotent: a
 * complaint already counted as it is now is left alone, so a second run (or one racing the
 * consumer) changes nothing. Runs with the stage's settings in the environment (the tables'
 * names, COMPANY_TIME_ZONE) and AWS credentials, or in-process against the local cloud.
 */
import { clock } from '#shared/clock';
import { setting } from '#shared/config/settings';
import { dynamoReportSource } from '../../cases/adapters/dynamo-report-source';
import { countComplaint, noteCountingSince, noteRebuilt } from '../../cases/adapters/dynamo-return-counters';

/** Complaints counted at once: each is a query, a read and a transaction. */
const CONCURRENCY = 8;

export async function rebuildReturnCounters(options: {
  since: Date;
  /** Receipts up to this instant (default: a day after now, for receipts stamped by another clock). */
  until?: Date;
  progress?: (text: string) => void;
}) {
  const now = clock.now();
  const until = options.until ?? new Date(now.getTime() + 86_400_000);
  await noteCountingSince(now);
  const source = dynamoReportSource;
  const [received, open] = await Promise.all([
    source.receivedBetween(options.since, until),
    source.openComplaintIds(),
  ]);
  const ids = [...new Set([...received.map((c) => c.complaintId), ...open])];
  const outcomes = { counted: 0, unchanged: 0, missing: 0 };
  let next = 0;
  const timeZone = setting('COMPANY_TIME_ZONE');
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      outcomes[await countComplaint(id, { source, timeZone })]++;
      if (next % 1000 === 0) options.progress?.(`${next} of ${ids.length} complaints`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const coverage = await noteRebuilt(now);
  return { complaints: ids.length, ...outcomes, coverage };
}
