/**
 * `npm run triage:explain -- <complaint.json>`: the triage decision for one complaint and why.
 * The file may be a web-form body, a hotline body, or a corpus entry
 * (`{ text, requestedCategory?, flags?, customer?: { age?, tier? }, repeat? }`).
 */
import { readFileSync } from 'node:fs';
import { residentIdBirthDate } from '#shared/contracts/resident-id';
import { triageRules } from '../domain/default-rules';
import { type TriageFacts, triage } from '../domain/triage';
import { ageOn } from '../domain/triage-complaint';

interface ExplainInput {
  text?: string;
  subject?: string;
  description?: string;
  summary?: string;
  category?: TriageFacts['requestedCategory'];
  requestedCategory?: TriageFacts['requestedCategory'];
  flags?: TriageFacts['flags'];
  customer?: { age?: number; tier?: string; idNumber?: string };
  repeat?: boolean;
}

export function factsOf(input: ExplainInput, today = new Date()): TriageFacts {
  const birthDate = input.customer?.idNumber ? residentIdBirthDate(input.customer.idNumber) : undefined;
  return {
    text: [input.text, input.subject, input.description, input.summary].filter(Boolean).join('\n'),
    requestedCategory: input.requestedCategory ?? input.category,
    flags: input.flags,
    age: input.customer?.age ?? (birthDate ? ageOn(birthDate, today) : undefined),
    tier: input.customer?.tier,
    repeatWithin90Days: input.repeat,
  };
}

function main(): void {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run triage:explain -- <complaint.json>');
    process.exit(2);
  }
  const decision = triage(factsOf(JSON.parse(readFileSync(file, 'utf8')) as ExplainInput), triageRules);
  console.log(`category  ${decision.category}`);
  console.log(`priority  ${decision.priority}`);
  console.log(`team      ${decision.team}`);
  console.log(`rules     ${decision.rulesVersion}`);
  console.log('why:');
  for (const reason of decision.reasons) console.log(`  - [${reason.rule}] ${reason.detail}`);
}

if (process.argv[1]?.endsWith('explain.ts')) main();
