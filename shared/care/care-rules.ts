/**
 * The care rules: whether a care message may reach a customer at all. One home for both places
 * that apply them: the care planner when it decides a run, and notify again when the message goes,
 * against the profile as it stands then (consent withdrawn or a complaint opened in between).
 */
import type { ConsentKind, EffectiveProfile } from '../contracts/customer-profile';

/** Why the rules refuse a message; also the run's `suppressed_<reason>` counters. */
export const careRuleRefusals = [
  'deceased',
  'blocked',
  'no-consent',
  'open-complaint',
  'complaint-reopened',
] as const;
export type CareRuleRefusal = (typeof careRuleRefusals)[number];

/** What a campaign asks of its recipients (the definition, and the `care.message-requested` it plans). */
export interface CareRule {
  readonly consent: ConsentKind;
  readonly holdWhileComplaintOpen: boolean;
}

/** What only the planner knows of the occasion: a follow-up whose own complaint is open again. */
export interface CareOccasion {
  readonly followUpComplaintReopened?: boolean;
}

/**
 * The first rule that forbids the message, or undefined when it may go. Deceased and blocked come
 * first: no consent on file makes a message to a deceased customer any less wrong. A reopened
 * complaint outranks the general hold, so a follow-up about it is counted for what it is.
 */
export function careRuleRefusal(
  profile: EffectiveProfile,
  rule: CareRule,
  occasion: CareOccasion = {},
): CareRuleRefusal | undefined {
  if (profile.deceased) return 'deceased';
  if (profile.blocked) return 'blocked';
  if (!profile.consent[rule.consent]) return 'no-consent';
  if (occasion.followUpComplaintReopened) return 'complaint-reopened';
  if (rule.holdWhileComplaintOpen && profile.openComplaintCount > 0) return 'open-complaint';
  return undefined;
}
