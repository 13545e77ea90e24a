/**
 * The SLA policy as data (services/sla/regimes/regimes.json): regulatory regimes with their clocks,
 * periods, pauses and extension tiers, the internal targets per priority, and which regime applies
 * to a complaint. Validated once per cold start.
 */
import * as z from 'zod/mini';
import { roles } from '#shared/contracts/roles';
import { parseConfiguration } from '#shared/domain/validation';
import raw from '../regimes/regimes.json';

export const clockNames = ['acknowledge', 'first-contact', 'progress-update', 'resolve'] as const;
export type ClockName = (typeof clockNames)[number];

export const periodKinds = [
  'business-days',
  'close-of-business-day',
  'civil-code-days',
  'calendar-days',
  'hours-or-business-day',
  'business-hours',
] as const;

const Period = z.strictObject({ kind: z.enum(periodKinds), amount: z.number().check(z.positive()) });
export type Period = z.infer<typeof Period>;

const ExtensionTier = z.strictObject({
  upToDays: z.number().check(z.int(), z.positive()),
  approval: z.array(z.enum(roles)).check(z.minLength(1)),
  customerNotice: z.boolean(),
  rule: z.string(),
});
export type ExtensionTier = z.infer<typeof ExtensionTier>;

const ClockRule = z.strictObject({
  customerFacing: z.boolean(),
  period: Period,
  hardshipPeriod: z.optional(Period),
  recurring: z.optional(z.boolean()),
  /**
   * What meets the clock besides closure: "acknowledgement" (the default, for acknowledge clocks)
   * or "resolution" only (the UK summary resolution window: an acknowledgement is no resolution).
   */
  metBy: z.optional(z.enum(['acknowledgement', 'resolution'])),
  /**
   * What its deadline means: "breach" (the default), or "lapse" for a window that is an
   * opportunity rather than a duty — unused, it ends without warnings, breach or escalation.
   */
  onDeadline: z.optional(z.enum(['breach', 'lapse'])),
  rule: z.string(),
  extensions: z.optional(z.array(ExtensionTier)),
});
export type ClockRule = z.infer<typeof ClockRule>;

export const pauseReasons = ['awaiting-customer', 'appraisal'] as const;
export type PauseReason = (typeof pauseReasons)[number];

const Regime = z.strictObject({
  title: z.string(),
  calendar: z.enum(['CN', 'GB-ENG', 'AU-NSW']),
  pauseOn: z.array(z.enum(pauseReasons)),
  restartOnNewFacts: z.boolean(),
  clocks: z.partialRecord(z.enum(clockNames), ClockRule),
});
export type Regime = z.infer<typeof Regime>;

export const regimeIds = ['cn-nfra', 'uk-fca', 'au-asic'] as const;
export type RegimeId = (typeof regimeIds)[number];

export const SlaPolicy = z.strictObject({
  version: z.string(),
  defaultRegime: z.enum(regimeIds),
  byJurisdiction: z.record(z.string(), z.enum(regimeIds)),
  byProduct: z.record(z.string(), z.enum(regimeIds)),
  warningFractions: z.array(z.number().check(z.gt(0), z.lt(1))),
  escalateAfterBreachHours: z.number().check(z.positive()),
  regimes: z.record(z.enum(regimeIds), Regime),
  internalTargets: z.strictObject({
    'first-contact': z.strictObject({ P1: Period, P2: Period, P3: Period, P4: Period }),
  }),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export function loadSlaPolicy(value: unknown): SlaPolicy {
  return parseConfiguration(SlaPolicy, value, 'SLA policy');
}

export const slaPolicy = loadSlaPolicy(raw);

/** Which regime a complaint falls under: its product first, then the customer's jurisdiction. */
export function regimeFor(policy: SlaPolicy, facts: { product?: string; jurisdiction?: string }): RegimeId {
  return (
    (facts.product && policy.byProduct[facts.product]) ||
    (facts.jurisdiction && policy.byJurisdiction[facts.jurisdiction]) ||
    policy.defaultRegime
  );
}
