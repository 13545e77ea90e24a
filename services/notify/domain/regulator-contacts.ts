/**
 * Where a dissatisfied customer can escalate, per regulatory regime and language
 * (services/notify/templates/regulator-contacts.json, validated when this module loads).
 */

import * as z from 'zod/mini';
import type { Language } from '#shared/contracts/vocabulary';
import regulatorContactsFile from '../templates/regulator-contacts.json';
import type { RegulatorContact } from './message-types';
import { NonEmpty, parseFile, Version } from './template-files';

const Contact = z.strictObject({
  name: NonEmpty,
  phone: z.optional(NonEmpty),
  email: z.optional(NonEmpty),
  website: z.optional(NonEmpty),
  address: z.optional(NonEmpty),
  note: z.optional(NonEmpty),
});
export const regulatorRegimes = ['cn-nfra', 'uk-fca', 'au-asic'] as const;
export type RegulatorRegime = (typeof regulatorRegimes)[number];
const RegulatorContactsFile = z.strictObject({
  version: Version,
  regimes: z.record(z.enum(regulatorRegimes), z.strictObject({ 'zh-CN': Contact, en: Contact })),
});

const regulatorContacts = parseFile(RegulatorContactsFile, regulatorContactsFile, 'regulator-contacts.json');

/** Escalation contact for a regime's decision letters and delay notices, in the letter's language. */
export function regulatorContact(regime: RegulatorRegime, language: Language): RegulatorContact {
  return { ...regulatorContacts.regimes[regime][language] };
}
