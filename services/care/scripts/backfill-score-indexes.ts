/**
 * `npm run customers:score-index`: gives profiles written before the NPS and health indexes their
 * keys (services/care/adapters/backfill-score-indexes.ts), with the stage's settings in the
 * environment (CUSTOMERS_TABLE) and AWS credentials. Safe to run again: it keys only what is not
 * keyed yet.
 */
import { backfillScoreIndexes } from '../adapters/backfill-score-indexes';

const result = await backfillScoreIndexes((t) => process.stderr.write(`${t}\n`));
process.stdout.write(`${JSON.stringify(result)}\n`);
