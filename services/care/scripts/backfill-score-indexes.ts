/**
 * `npm run customers:score-index`: gives profiles written before the NPS and health indexes their
 * keys, and profiles keyed before zones sort keys that start with their zone
 * (services/care/adapters/backfill-score-indexes.ts), then marks the TIMEZONES item so segments
 * read those indexes by zone; with the stage's settings in the environment (CUSTOMERS_TABLE) and
 * AWS credentials. Run it after deploying care and relationship. Safe to run again: it keys only
 * what is not keyed yet, and a run that leaves profiles `raced` is simply run again.
 */
import { backfillScoreIndexes } from '../adapters/backfill-score-indexes';

const result = await backfillScoreIndexes((t) => process.stderr.write(`${t}\n`));
process.stdout.write(`${JSON.stringify(result)}\n`);
