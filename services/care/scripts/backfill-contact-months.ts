/**
 * `npm run customers:contact-index`: gives profiles written before the last-contact index its keys
 * (services/care/adapters/backfill-contact-months.ts), with the stage's settings in the environment
 * (CUSTOMERS_TABLE) and AWS credentials. Safe to run again: it keys only what is not keyed yet.
 */
import { backfillContactMonths } from '../adapters/backfill-contact-months';

const result = await backfillContactMonths((t) => process.stderr.write(`${t}\n`));
process.stdout.write(`${JSON.stringify(result)}\n`);
