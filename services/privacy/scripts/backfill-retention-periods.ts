/**
 * `npm run retention:backfill`: gives items written before their kind had a retention period their
 * `expiresAt` from the same rule (services/privacy/adapters/backfill-retention-periods.ts), with the
 * stage's settings in the environment (CAMPAIGNS_TABLE, RELATIONSHIP_TABLE) and AWS credentials.
 * Safe to run again: it sets only items that have no end yet. Prints counts per table and kind, as
 * a table for the reader (stderr) and as JSON (stdout).
 */
import { Console } from 'node:console';
import { backfillRetentionPeriods } from '../adapters/backfill-retention-periods';

const counts = await backfillRetentionPeriods({ progress: (t) => process.stderr.write(`${t}\n`) });
new Console(process.stderr).table(counts);
process.stdout.write(`${JSON.stringify(counts)}\n`);
