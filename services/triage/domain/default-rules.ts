/** The rules file the functions ship with, validated once per cold start. */
import raw from '../rules/triage-rules.json';
import { loadTriageRules } from './rules';

export const triageRules = loadTriageRules(raw);
