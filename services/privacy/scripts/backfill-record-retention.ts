/**
 * `npm run complaints:retention-backfill`: gives complaints closed before records expired on their
 * own their regime's end (services/privacy/adapters/backfill-record-retention.ts), with the stage's
 * settings in the environment (COMPLAINTS_TABLE) and AWS credentials. Safe to run again: it ends
 * only closed complaints that have no end yet.
 */
import { backfillRecordRetention } from '../adapters/backfill-record-retention';

const result = await backfillRecordRetention((t) => process.stderr.write(`${t}\n`));
process.stdout.write(`${JSON.stringify(result)}\n`);
