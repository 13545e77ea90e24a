/**
 * The triage rules as data: category cues (Chinese and English), negations, priority signals and
 * points, and routing. The file is versioned and validated when a cold start loads it, so a bad
 * rule fails loudly with its path instead of mis-routing complaints.
 */
import * as z from 'zod/mini';
import { categories, priorities, teams } from '#shared/contracts/vocabulary';
import { parseConfiguration } from '#shared/domain/validation';

export const signals = [
  'regulatorReferral',
  'mediaThreat',
  'vulnerable',
  'vip',
  'repeat',
  'escalation',
  /** Financial hardship or a default notice: no priority of its own, a shorter clock (au-asic). */
  'hardship',
  /** The complaint's policy has a declined claim, or one without progress (issue 18). */
  'claimDeclined',
  'claimStalled',
] as const;
export type Signal = (typeof signals)[number];

const cue = z.string().check(z.trim(), z.minLength(1));
const cueList = z.array(cue).check(z.minLength(1));

const RoutingRule = z.strictObject({
  when: z.strictObject({
    category: z.optional(z.enum(categories)),
    signal: z.optional(z.enum(signals)),
    priority: z.optional(z.enum(priorities)),
  }),
  team: z.enum(teams),
});

export const TriageRules = z
  .strictObject({
    version: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}\.\d+$/, 'Must look like 2026-11-28.1')),
    /** Between categories with equally strong evidence, the earlier one wins. */
    categoryOrder: z.array(z.enum(categories)),
    /** Evidence points (cue 1, strong cue 2) from which a category's evidence counts as strong. */
    strongEvidence: z.number().check(z.int(), z.positive()),
    categories: z.record(
      z.enum(categories),
      z.strictObject({ cues: z.array(cue), strongCues: z.optional(z.array(cue)) }),
    ),
    negation: z.strictObject({
      /** Words that, shortly before a cue in the same clause, say the complaint is not about it. */
      before: cueList,
      /** Words that, shortly after a cue in the same clause, do the same (与理赔无关, "is fine"). */
      after: cueList,
      /** Words that, shortly before a threat or referral, say it is not happening ("I won't sue"). */
      beforeSignal: cueList,
      /** How many characters around a cue a negation reaches. */
      window: z.number().check(z.int(), z.positive()),
    }),
    signalCues: z.strictObject({
      regulatorReferral: cueList,
      mediaThreat: cueList,
      escalation: cueList,
      hardship: cueList,
    }),
    priority: z.strictObject({
      points: z.record(z.enum(signals), z.number().check(z.int(), z.nonnegative())),
      /** Minimum points for each priority, checked from P1 down; below all → P4. */
      thresholds: z.strictObject({ P1: z.number(), P2: z.number(), P3: z.number() }),
      /** Signals that hold the priority at or above a level whatever the points. */
      floors: z.array(z.strictObject({ signal: z.enum(signals), atLeast: z.enum(priorities) })),
      vulnerableAge: z.number().check(z.int(), z.positive()),
      vipTiers: z.array(z.string()),
    }),
    /** First matching rule wins; the last rule should match everything. */
    routing: z.array(RoutingRule).check(z.minLength(1)),
  })
  .check(
    z.refine((r) => new Set(r.categoryOrder).size === categories.length, {
      message: `categoryOrder must list every category once: ${categories.join(', ')}`,
      path: ['categoryOrder'],
    }),
    z.refine((r) => Object.keys(r.routing.at(-1)?.when ?? { x: 1 }).length === 0, {
      message: 'the last routing rule must have an empty `when` so every complaint gets a team',
      path: ['routing'],
    }),
  );
export type TriageRules = z.infer<typeof TriageRules>;

export class InvalidTriageRules extends Error {}

export function loadTriageRules(raw: unknown): TriageRules {
  return parseConfiguration(TriageRules, raw, 'triage rules', (message) => new InvalidTriageRules(message));
}
