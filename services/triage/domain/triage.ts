/**
 * Triage: from a complaint's text and facts to one category, one priority and one team, with the
 * reasons that led there. Pure: the rules are data, everything else comes in as `TriageFacts`.
 */
import type { Category, Priority, Team } from '#shared/contracts/vocabulary';
import { priorities } from '#shared/contracts/vocabulary';
import type { Signal, TriageRules } from './rules';

export interface TriageFacts {
  /** Subject, description and, from the hotline, the agent's summary. */
  readonly text: string;
  readonly requestedCategory?: Category;
  readonly flags?: {
    readonly regulatorReferral?: boolean;
    readonly mediaThreat?: boolean;
    readonly vulnerableCustomer?: boolean;
    readonly hardship?: boolean;
  };
  /** Filed as hardship (the form's field): hotline flags carry it in `flags`. */
  readonly hardship?: boolean;
  /** Age on the day of receipt, from the customer record or the ID number. */
  readonly age?: number;
  readonly tier?: string;
  /** The same customer complained in the 90 days before this one. */
  readonly repeatWithin90Days?: boolean;
  /** Claims under the complaint's policy that went wrong: declined, or stalled. */
  readonly claims?: readonly { claimNumber: string; stage: string; stalled: boolean }[];
}

export interface TriageReason {
  /** What decided: `category`, `signal`, `priority` or `team`. */
  readonly rule: 'category' | 'signal' | 'priority' | 'team';
  readonly detail: string;
}

export interface TriageDecision {
  readonly category: Category;
  readonly priority: Priority;
  readonly team: Team;
  readonly signals: readonly Signal[];
  readonly reasons: readonly TriageReason[];
  readonly rulesVersion: string;
}

const CLAUSE_END = /[。！？；，、,.!?;:：\n]/;
const ASCII_CUE = /^[\x20-\x7e]+$/;

export interface CueHit {
  readonly cue: string;
  readonly at: number;
  readonly negatedBy?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One compiled pattern per cue, built once: English cues are whole words with their inflections
 * ("sue" is not in "issue", "press" not in "pressure"); Chinese has no spaces, so its cues match
 * anywhere.
 */
const patterns = new Map<string, RegExp>();
function cuePattern(needle: string): RegExp {
  let pattern = patterns.get(needle);
  if (!pattern) {
    pattern = new RegExp(
      ASCII_CUE.test(needle) ? `\\b${escapeRegExp(needle)}(?:s|es|d|ed|ing)?\\b` : escapeRegExp(needle),
      'g',
    );
    patterns.set(needle, pattern);
  }
  return pattern;
}

/** The part of `text` around `at` that stays inside one clause, up to `window` characters. */
function clause(text: string, from: number, to: number, direction: 'before' | 'after'): string {
  const slice = text.slice(Math.max(0, from), Math.min(text.length, to));
  const parts = slice.split(CLAUSE_END);
  return direction === 'before' ? (parts.at(-1) ?? '') : (parts[0] ?? '');
}

/** Every occurrence of each cue, with the negation that cancels it, if any. */
export function findCues(
  text: string,
  cues: readonly string[],
  before: readonly string[],
  rules: TriageRules,
): CueHit[] {
  const hits: CueHit[] = [];
  const { after, window } = rules.negation;
  for (const cue of cues) {
    const needle = cue.toLowerCase();
    const pattern = cuePattern(needle);
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      const preceding = clause(text, at - window, at, 'before');
      const following = clause(text, at + needle.length, at + needle.length + window, 'after');
      const negatedBy =
        before.find((n) => preceding.includes(n.toLowerCase())) ??
        after.find((n) => following.includes(n.toLowerCase()));
      hits.push({ cue, at, negatedBy });
    }
  }
  return hits;
}

function decideCategory(
  facts: TriageFacts,
  text: string,
  rules: TriageRules,
  reasons: TriageReason[],
): Category {
  if (facts.requestedCategory) {
    reasons.push({ rule: 'category', detail: `the customer chose "${facts.requestedCategory}"` });
    return facts.requestedCategory;
  }
  const evidence = new Map<Category, { score: number; cues: string[] }>();
  for (const category of rules.categoryOrder) {
    const definition = rules.categories[category];
    if (!definition) continue;
    let score = 0;
    const cues: string[] = [];
    for (const [weight, list] of [
      [1, definition.cues],
      [2, definition.strongCues ?? []],
    ] as const) {
      for (const hit of findCues(text, list, rules.negation.before, rules)) {
        if (hit.negatedBy) {
          reasons.push({
            rule: 'category',
            detail: `ignored "${hit.cue}" (${category}): negated by "${hit.negatedBy}"`,
          });
          continue;
        }
        score += weight;
        cues.push(hit.cue);
      }
    }
    if (score > 0) evidence.set(category, { score, cues: [...new Set(cues)] });
  }
  // Strong evidence beats weak evidence; among equals the rules' category order decides, so a
  // complaint that mentions both a refused claim and a rude agent is a claims complaint.
  const strong = rules.categoryOrder.filter((c) => (evidence.get(c)?.score ?? 0) >= rules.strongEvidence);
  const weak = rules.categoryOrder.filter((c) => evidence.has(c));
  const best = strong[0] ?? weak[0];
  if (!best) {
    reasons.push({ rule: 'category', detail: 'no category cue found: "other"' });
    return 'other';
  }
  const others = [...evidence.entries()].filter(([c]) => c !== best).map(([c, e]) => `${c} ${e.score}`);
  const chosen = evidence.get(best)!;
  reasons.push({
    rule: 'category',
    detail:
      `${best} (evidence ${chosen.score} from ${chosen.cues.map((c) => `"${c}"`).join(', ')})` +
      (others.length
        ? `; ahead of ${others.join(', ')} by ${strong[0] ? 'strength, then ' : ''}category order`
        : ''),
  });
  return best;
}

function detectSignals(
  facts: TriageFacts,
  text: string,
  rules: TriageRules,
  reasons: TriageReason[],
): Signal[] {
  const found = new Set<Signal>();
  const add = (signal: Signal, why: string) => {
    if (!found.has(signal)) reasons.push({ rule: 'signal', detail: `${signal}: ${why}` });
    found.add(signal);
  };
  if (facts.flags?.regulatorReferral) add('regulatorReferral', 'hotline flag');
  if (facts.flags?.mediaThreat) add('mediaThreat', 'hotline flag');
  if (facts.flags?.vulnerableCustomer) add('vulnerable', 'hotline flag');
  if (facts.flags?.hardship) add('hardship', 'hotline flag');
  if (facts.hardship) add('hardship', 'stated when filed');
  for (const signal of ['regulatorReferral', 'mediaThreat', 'escalation', 'hardship'] as const) {
    const hit = findCues(text, rules.signalCues[signal], rules.negation.beforeSignal, rules).find(
      (h) => !h.negatedBy,
    );
    if (hit) add(signal, `text mentions "${hit.cue}"`);
  }
  if (facts.age !== undefined && facts.age >= rules.priority.vulnerableAge)
    add('vulnerable', `customer is ${facts.age}`);
  if (facts.tier && rules.priority.vipTiers.includes(facts.tier)) add('vip', `${facts.tier} tier`);
  if (facts.repeatWithin90Days) add('repeat', 'another complaint from this customer in the last 90 days');
  for (const claim of facts.claims ?? []) {
    if (claim.stage === 'claim.declined') add('claimDeclined', `claim ${claim.claimNumber} was declined`);
    if (claim.stalled)
      add('claimStalled', `claim ${claim.claimNumber} has made no progress (${claim.stage})`);
  }
  return signals(found);
}

/** Signals in a stable order, whatever order they were found in. */
function signals(found: Set<Signal>): Signal[] {
  return (
    [
      'regulatorReferral',
      'mediaThreat',
      'vulnerable',
      'vip',
      'repeat',
      'escalation',
      'hardship',
      'claimDeclined',
      'claimStalled',
    ] as const
  ).filter((s) => found.has(s));
}

function decidePriority(found: readonly Signal[], rules: TriageRules, reasons: TriageReason[]): Priority {
  const points = found.reduce((sum, s) => sum + (rules.priority.points[s] ?? 0), 0);
  const { thresholds } = rules.priority;
  let priority: Priority =
    points >= thresholds.P1 ? 'P1' : points >= thresholds.P2 ? 'P2' : points >= thresholds.P3 ? 'P3' : 'P4';
  let detail = `${points} point${points === 1 ? '' : 's'} → ${priority}`;
  for (const floor of rules.priority.floors) {
    if (found.includes(floor.signal) && priorities.indexOf(floor.atLeast) < priorities.indexOf(priority)) {
      priority = floor.atLeast;
      detail += `, raised to ${priority} because ${floor.signal} is never below it`;
    }
  }
  reasons.push({ rule: 'priority', detail });
  return priority;
}

function decideTeam(
  category: Category,
  priority: Priority,
  found: readonly Signal[],
  rules: TriageRules,
  reasons: TriageReason[],
): Team {
  for (const { when, team } of rules.routing) {
    if (when.category && when.category !== category) continue;
    if (when.priority && when.priority !== priority) continue;
    if (when.signal && !found.includes(when.signal)) continue;
    const why = [when.category && `category ${when.category}`, when.priority, when.signal]
      .filter(Boolean)
      .join(' and ');
    reasons.push({ rule: 'team', detail: `${team}${why ? ` for ${why}` : ' (default)'}` });
    return team;
  }
  // unreachable: loadTriageRules insists on a final catch-all rule
  throw new Error('no routing rule matched');
}

export function triage(facts: TriageFacts, rules: TriageRules): TriageDecision {
  const text = facts.text.toLowerCase();
  const reasons: TriageReason[] = [];
  const category = decideCategory(facts, text, rules, reasons);
  const found = detectSignals(facts, text, rules, reasons);
  const priority = decidePriority(found, rules, reasons);
  const team = decideTeam(category, priority, found, rules, reasons);
  return { category, priority, team, signals: found, reasons, rulesVersion: rules.version };
}
