/**
 * The root-cause taxonomy (taxonomy.json): two levels, `<group>/<cause>` such as
 * `claims/assessment-delay`, versioned as data so a new cause is a data change. `resolve` records a
 * code of it; the flat values of v1 (`claims-handling` …) are still accepted and every reader maps
 * them onto their code, so old resolutions count with the new ones in reports, trends and returns.
 */
import * as z from 'zod/mini';
import { rootCauses as legacyRootCauses } from '../vocabulary';
import raw from './taxonomy.json';

interface TaxonomyFile {
  readonly version: string;
  readonly groups: Record<string, { readonly title: string; readonly causes: Record<string, string> }>;
  readonly legacy: Record<string, string>;
}
const taxonomy: TaxonomyFile = raw;

export const ROOT_CAUSE_TAXONOMY_VERSION = taxonomy.version;

/** Every two-level code, in the file's order (groups, then their causes). */
export const rootCauseCodes: readonly string[] = Object.entries(taxonomy.groups).flatMap(([group, g]) =>
  Object.keys(g.causes).map((cause) => `${group}/${cause}`),
);
export const rootCauseGroups: readonly string[] = Object.keys(taxonomy.groups);

/** What `resolve` accepts: a code, or a flat value of v1 (kept so existing clients keep working). */
export const recordableRootCauses: readonly string[] = [...rootCauseCodes, ...legacyRootCauses];
export const RootCauseValue = z.enum(recordableRootCauses as [string, ...string[]]);

const codes = new Set(rootCauseCodes);

/** The code a recorded value stands for: itself, or the code a v1 flat value maps to. */
export function canonicalRootCause(value: string): string | undefined {
  if (codes.has(value)) return value;
  return taxonomy.legacy[value];
}

/** `claims/assessment-delay` → `claims`. */
export const rootCauseGroupOf = (code: string) => code.slice(0, code.indexOf('/'));

/** The title of a code's cause, for alerts and documents. */
export function rootCauseTitle(code: string): string | undefined {
  const [group = '', cause = ''] = code.split('/');
  return taxonomy.groups[group]?.causes[cause];
}

/** Checks the file itself: every legacy value maps to a code that exists (run by the tests). */
export function taxonomyProblems(): string[] {
  const problems: string[] = [];
  for (const [flat, code] of Object.entries(taxonomy.legacy)) {
    if (!codes.has(code)) problems.push(`legacy ${flat} maps to ${code}, which is not a code`);
  }
  for (const flat of legacyRootCauses) {
    if (!(flat in taxonomy.legacy)) problems.push(`legacy ${flat} has no mapping`);
  }
  return problems;
}
