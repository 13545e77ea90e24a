/** Contract vocabulary (design brief): values other systems and reports depend on. */
export const complaintStatuses = [
  'received',
  'triaged',
  'assigned',
  'in-progress',
  'awaiting-customer',
  'resolved',
  'closed',
] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

export const categories = [
  'claims',
  'sales',
  'surrender',
  'premium',
  'policy-service',
  'service-quality',
  'privacy',
  'other',
] as const;
export type Category = (typeof categories)[number];

export const teams = [
  'claims',
  'sales-compliance',
  'customer-service',
  'policy-services',
  'privacy-office',
  'escalation-desk',
] as const;
export type Team = (typeof teams)[number];

export const channels = ['web', 'hotline'] as const;
export type IntakeChannel = (typeof channels)[number];

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

export const contactChannels = ['email', 'sms'] as const;
export type ContactChannel = (typeof contactChannels)[number];

export const outcomes = ['upheld', 'partially-upheld', 'rejected'] as const;
export type Outcome = (typeof outcomes)[number];

/**
 * The flat root-cause values of v1, still accepted by `resolve`: the two-level taxonomy that
 * replaced them (shared/contracts/root-causes/taxonomy.json) maps each onto its code.
 */
export const rootCauses = [
  'product-design',
  'sales-practice',
  'claims-handling',
  'policy-administration',
  'premium-billing',
  'communication',
  'staff-conduct',
  'data-protection',
  'system-error',
  'third-party',
  'no-fault-found',
  'other',
] as const;
export type RootCause = (typeof rootCauses)[number];

/** What a customer consents to be sent (customer-profile.ts); here so event schemas need no profile schemas. */
export const consentKinds = ['service', 'marketing'] as const;
export type ConsentKind = (typeof consentKinds)[number];
