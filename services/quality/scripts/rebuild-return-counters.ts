/**
 * `npm run returns:rebuild -- [--since YYYY-MM-DD]`: counts every complaint into the regulators'
 * returns' counters once (services/quality/adapters/rebuild-return-counters.ts), with the stage's
 * settings in the environment (the tables' names, COMPANY_TIME_ZONE) and AWS credentials.
 */
import { parseArgs } from 'node:util';
import { rebuildReturnCounters } from '../adapters/rebuild-return-counters';

const { values } = parseArgs({ options: { since: { type: 'string', default: '2015-01-01' } } });
const since = new Date(`${values.since}T00:00:00Z`);
if (Number.isNaN(since.getTime())) {
  process.stderr.write('usage: npm run returns:rebuild -- [--since YYYY-MM-DD]\n');
  process.exit(2);
}
const result = await rebuildReturnCounters({ since, progress: (t) => process.stderr.write(`${t}\n`) });
process.stdout.write(`${JSON.stringify(result)}\n`);
