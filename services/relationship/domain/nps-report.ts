/**
 * The NPS report: answers in a period grouped by segment (the customer's tier when asked) and by
 * touchpoint. NPS = % promoters (9–10) − % detractors (0–6), rounded to a whole number.
 */
import type { NpsAnswer } from './nps';

export interface NpsFigures {
  readonly answers: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** Undefined without answers: no score is not a score of 0. */
  readonly nps?: number;
}

export function npsFigures(scores: readonly number[]): NpsFigures {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const answers = scores.length;
  return {
    answers,
    promoters,
    passives: answers - promoters - detractors,
    detractors,
    ...(answers > 0 && { nps: Math.round(((promoters - detractors) * 100) / answers) }),
  };
}

function groupBy(answers: readonly NpsAnswer[], by: (a: NpsAnswer) => string): Record<string, NpsFigures> {
  const groups = new Map<string, number[]>();
  for (const a of answers) groups.set(by(a), [...(groups.get(by(a)) ?? []), a.score]);
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => [k, npsFigures(s)]),
  );
}

export function npsReport(from: string, to: string, answers: readonly NpsAnswer[]) {
  return {
    from,
    to,
    total: npsFigures(answers.map((a) => a.score)),
    bySegment: groupBy(answers, (a) => a.segment),
    byTouchpoint: groupBy(answers, (a) => a.touchpoint),
  };
}
