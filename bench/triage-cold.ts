/**
 * One cold load of the triage rules, in a fresh process (bench/triage.ts starts several): the import
 * of rules.ts (zod/mini and the schema), reading and parsing triage-rules.json, the first
 * `loadTriageRules` on the raw JSON, then warm repeats of it. Prints one JSON line on stdout.
 *
 * Nothing else is imported first, so the first validation is as cold as a Lambda cold start's
 * (default-rules.ts validates the file once at module load).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RULES_FILE = fileURLToPath(new URL('../services/triage/rules/triage-rules.json', import.meta.url));
const WARM_REPEATS = 20;

export interface ColdRulesSample {
  readonly importMs: number;
  readonly readParseMs: number;
  readonly firstValidateMs: number;
  readonly warmValidateMs: number[];
  readonly bytes: number;
  readonly version: string;
}

const t0 = performance.now();
const { loadTriageRules } = await import('../services/triage/domain/rules');
const t1 = performance.now();
const text = readFileSync(RULES_FILE, 'utf8');
const raw: unknown = JSON.parse(text);
const t2 = performance.now();
const rules = loadTriageRules(raw);
const t3 = performance.now();
const warmValidateMs: number[] = [];
for (let i = 0; i < WARM_REPEATS; i++) {
  const started = performance.now();
  loadTriageRules(raw);
  warmValidateMs.push(performance.now() - started);
}
const sample: ColdRulesSample = {
  importMs: t1 - t0,
  readParseMs: t2 - t1,
  firstValidateMs: t3 - t2,
  warmValidateMs,
  bytes: Buffer.byteLength(text),
  version: rules.version,
};
process.stdout.write(`${JSON.stringify(sample)}\n`);
