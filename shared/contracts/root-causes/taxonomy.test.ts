import { describe, expect, it } from 'vitest';
import { rootCauses as legacyRootCauses } from '../vocabulary';
import {
  canonicalRootCause,
  RootCauseValue,
  rootCauseCodes,
  rootCauseGroupOf,
  rootCauseTitle,
  taxonomyProblems,
} from './taxonomy';

describe('root-cause taxonomy', () => {
  it('is two levels, every code unique, every v1 flat value mapped onto a code', () => {
    expect(taxonomyProblems()).toEqual([]);
    expect(new Set(rootCauseCodes).size).toBe(rootCauseCodes.length);
    for (const code of rootCauseCodes) expect(code).toMatch(/^[a-z-]+\/[a-z-]+$/);
    for (const flat of legacyRootCauses) expect(rootCauseCodes).toContain(canonicalRootCause(flat));
  });

  it('maps old values and keeps new ones', () => {
    expect(canonicalRootCause('claims-handling')).toBe('claims/handling-error');
    expect(canonicalRootCause('no-fault-found')).toBe('no-fault/no-fault-found');
    expect(canonicalRootCause('claims/assessment-delay')).toBe('claims/assessment-delay');
    expect(canonicalRootCause('claims/made-up')).toBeUndefined();
    expect(rootCauseGroupOf('claims/assessment-delay')).toBe('claims');
    expect(rootCauseTitle('claims/assessment-delay')).toMatch(/too long/);
  });

  it('resolve accepts codes and v1 values, nothing else', () => {
    expect(RootCauseValue.safeParse('claims/assessment-delay').success).toBe(true);
    expect(RootCauseValue.safeParse('communication').success).toBe(true);
    expect(RootCauseValue.safeParse('claims').success).toBe(false);
    expect(RootCauseValue.safeParse('claims/unknown').success).toBe(false);
  });
});
