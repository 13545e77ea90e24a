/**
 * A segment (分层分类): a named set of rules over what the insurer knows of a customer — tier, age
 * band, products held, annual premium, tenure, time zone, open complaints, last contact, NPS and
 * relationship health. Every rule present must hold (AND); a rule on something unknown about the
 * customer (no birth date, no NPS answer yet) does not hold, so a segment never guesses.
 */
import * as z from 'zod/mini';
import { toEpochDay } from '#shared/calendar/local-date';
import { customerTiers, MAX_PREMIUM_AMOUNT, TimeZone } from '#shared/contracts/customer-import';
import { ageOn } from '../occasions';
import { SegmentId } from './segment-id';

/** A closed range of whole numbers; either end may be left open, never both. */
const range = (lowest: number, highest: number) =>
  z
    .strictObject({
      min: z.optional(z.number().check(z.int(), z.gte(lowest), z.lte(highest))),
      max: z.optional(z.number().check(z.int(), z.gte(lowest), z.lte(highest))),
    })
    .check(
      z.refine((r) => r.min !== undefined || r.max !== undefined, 'Must give min, max or both'),
      z.refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
        message: 'min must not be above max',
        path: ['min'],
      }),
    );
export type WholeRange = { readonly min?: number; readonly max?: number };

/** The most annual premium a customer can carry: 40 policies at the largest premium. */
export const MAX_ANNUAL_PREMIUM = 40 * MAX_PREMIUM_AMOUNT;

export const SegmentRules = z
  .strictObject({
    tiers: z.optional(z.array(z.enum(customerTiers)).check(z.minLength(1))),
    /** Age in whole years on the customer's local date (born 29 Feb: a year older on 28 Feb, as birthdays). */
    ageBand: z.optional(range(0, 130)),
    /** Holds an in-force policy of at least one of these products. */
    productsHeld: z.optional(
      z.array(z.string().check(z.minLength(1), z.maxLength(60))).check(z.minLength(1), z.maxLength(20)),
    ),
    /** Sum of the in-force policies' premiums, in yuan. */
    annualPremium: z.optional(range(0, MAX_ANNUAL_PREMIUM)),
    /** Whole years since the customer's first policy started. */
    tenureYears: z.optional(range(0, 120)),
    /** The customer's (effective) time zone, the platform's "region". */
    timeZones: z.optional(z.array(TimeZone).check(z.minLength(1), z.maxLength(20))),
    openComplaints: z.optional(range(0, 1000)),
    /** Days from the local date of the last contact to today; never contacted = unknown. */
    daysSinceLastContact: z.optional(range(0, 36_500)),
    /** The customer's latest NPS answer (0–10). */
    nps: z.optional(range(0, 10)),
    /** Relationship health (0–100). */
    health: z.optional(range(0, 100)),
  })
  .check(z.refine((r) => Object.keys(r).length > 0, 'A segment needs at least one rule'));
export type SegmentRules = z.infer<typeof SegmentRules>;

/** What `POST /v1/segments` and `PUT /v1/segments/{id}` take. */
export const SegmentDraft = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  description: z.optional(z.string().check(z.maxLength(500))),
  rules: SegmentRules,
});
export type SegmentDraft = z.infer<typeof SegmentDraft>;

export const SegmentPath = z.strictObject({
  segmentId: SegmentId,
});

/** What a segment is evaluated on: the profile item's facts, with the customer's own time zone. */
export interface SegmentCandidate {
  readonly customerId: string;
  readonly tier: (typeof customerTiers)[number];
  readonly timeZone: string;
  /** The customer's local date today. */
  readonly today: string;
  readonly birthDate?: string;
  readonly products: readonly string[];
  readonly annualPremium: number;
  readonly customerSince?: string;
  readonly openComplaintCount: number;
  /** Local date of the last contact. */
  readonly lastContactDate?: string;
  readonly npsScore?: number;
  readonly healthScore?: number;
  readonly deceased: boolean;
}

const within = (value: number | undefined, r: WholeRange | undefined) =>
  r === undefined ||
  (value !== undefined &&
    Number.isFinite(value) &&
    (r.min === undefined || value >= r.min) &&
    (r.max === undefined || value <= r.max));

/** Whether the customer is a member. A deceased customer is a member of no segment. */
export function isMember(rules: SegmentRules, c: SegmentCandidate): boolean {
  if (c.deceased) return false;
  if (rules.tiers && !rules.tiers.includes(c.tier)) return false;
  if (rules.timeZones && !rules.timeZones.includes(c.timeZone)) return false;
  if (rules.productsHeld && !rules.productsHeld.some((p) => c.products.includes(p))) return false;
  return (
    within(c.birthDate ? ageOn(c.birthDate, c.today) : undefined, rules.ageBand) &&
    within(c.annualPremium, rules.annualPremium) &&
    within(c.customerSince ? ageOn(c.customerSince, c.today) : undefined, rules.tenureYears) &&
    within(c.openComplaintCount, rules.openComplaints) &&
    within(
      c.lastContactDate ? toEpochDay(c.today) - toEpochDay(c.lastContactDate) : undefined,
      rules.daysSinceLastContact,
    ) &&
    within(c.npsScore, rules.nps) &&
    within(c.healthScore, rules.health)
  );
}
