/**
 * `npm run customers:announce-ends`: publishes `customer.relationship-changed` for each customer
 * whose relationship had ended before its consumers existed
 * (services/care/adapters/announce-relationship-ends.ts), with the stage's settings in the
 * environment (CUSTOMERS_TABLE) and AWS credentials. Safe to run again.
 */
import { announceRelationshipEnds } from '../adapters/announce-relationship-ends';

const result = await announceRelationshipEnds((t) => process.stderr.write(`${t}\n`));
process.stdout.write(`${JSON.stringify(result)}\n`);
