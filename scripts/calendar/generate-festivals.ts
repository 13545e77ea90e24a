/**
 * npm run festivals:generate — writes services/care/campaigns/festivals.json from lunar-javascript.
 * With --check it writes nothing and exits 1 when the committed file differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildFestivalTable } from './festivals';

const require = createRequire(import.meta.url);
const outFile = fileURLToPath(new URL('../../services/care/campaigns/festivals.json', import.meta.url));
const version = (require('lunar-javascript/package.json') as { version: string }).version;
const text = `${JSON.stringify(buildFestivalTable(version), null, 2)}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(outFile, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(`${outFile} is out of date: run npm run festivals:generate`);
    process.exit(1);
  }
  console.log(`${outFile} is up to date`);
} else {
  writeFileSync(outFile, text);
  console.log(`Wrote ${outFile}`);
}
