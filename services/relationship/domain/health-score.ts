/**
 * Relationship health (客户关系健康度): one score 0–100 per customer from five factors, each worth
 * a fixed share and explained, like triage's reasons, so staff see why a customer is at risk.
 *
 *   recency      20  contact within 30 days earns all; nothing left after a year or with none
 *   complaints   25  each open complaint costs 12
 *   claims       20  share of decided claims paid; 15 with no decided claim; each stalled claim costs 5
 *   nps          20  twice the latest answer; 10 without one
 *   engagement   15  8 per recent sign (a survey answered, an event attended, within a year)
 *
 * Pure: bounded by construction, and monotone in each factor (more open complaints, declines or
 * stalls never raise it; more recent contact, payments, a higher NPS or more engagement never
 * lower it).
 */

export interface HealthInputs {
  /** Days since the last contact; undefined when the customer was never contacted. */
  readonly daysSinceContact?: number;
  readonly openComplaints: number;
  readonly claimsPaid: number;
  readonly claimsDeclined: number;
  readonly claimsStalled: number;
  /** The latest NPS answer, 0–10. */
  readonly nps?: number;
  /** Engagement signs within the last year. */
  readonly engagements: number;
}

export const healthFactors = ['recency', 'complaints', 'claims', 'nps', 'engagement'] as const;
export type HealthFactor = (typeof healthFactors)[number];

export interface HealthReason {
  readonly factor: HealthFactor;
  readonly points: number;
  readonly max: number;
  /** Why, in words staff read on the journey. */
  readonly detail: string;
}

export interface RelationshipHealth {
  readonly score: number;
  readonly band: 'healthy' | 'watch' | 'at-risk';
  readonly reasons: readonly HealthReason[];
}

export const HEALTH_MAX: Readonly<Record<HealthFactor, number>> = {
  recency: 20,
  complaints: 25,
  claims: 20,
  nps: 20,
  engagement: 15,
};

const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));
/** A count, capped so that sums and ratios of absurd counts stay finite (1e308 + 1e308 is Infinity). */
const COUNT_CAP = 1_000_000;
const whole = (n: number) => (Number.isFinite(n) && n > 0 ? Math.min(COUNT_CAP, Math.floor(n)) : 0);

function recency(days: number | undefined): HealthReason {
  const max = HEALTH_MAX.recency;
  if (days === undefined || !Number.isFinite(days)) {
    return { factor: 'recency', points: 0, max, detail: 'never contacted' };
  }
  const d = Math.max(0, days);
  const points = d <= 30 ? max : clamp(Math.round((max * (365 - d)) / 335), max);
  return { factor: 'recency', points, max, detail: `last contact ${Math.floor(d)} days ago` };
}

function complaints(open: number): HealthReason {
  const max = HEALTH_MAX.complaints;
  const n = whole(open);
  return {
    factor: 'complaints',
    points: clamp(max - 12 * n, max),
    max,
    detail: n === 0 ? 'no open complaint' : `${n} open complaint${n > 1 ? 's' : ''}`,
  };
}

function claims(paidIn: number, declinedIn: number, stalledIn: number): HealthReason {
  const max = HEALTH_MAX.claims;
  const [paid, declined, stalled] = [whole(paidIn), whole(declinedIn), whole(stalledIn)];
  const decided = paid + declined;
  const base = decided === 0 ? 15 : (max * paid) / decided;
  const points = clamp(Math.round(base - 5 * stalled), max);
  const parts = [
    decided === 0 ? 'no decided claim' : `${paid} of ${decided} decided claims paid`,
    ...(stalled > 0 ? [`${stalled} stalled`] : []),
  ];
  return { factor: 'claims', points, max, detail: parts.join(', ') };
}

function nps(score: number | undefined): HealthReason {
  const max = HEALTH_MAX.nps;
  if (score === undefined || !Number.isFinite(score)) {
    return { factor: 'nps', points: 10, max, detail: 'no NPS answer' };
  }
  const s = clamp(Math.round(score), 10);
  return { factor: 'nps', points: 2 * s, max, detail: `latest NPS answer ${s}` };
}

function engagement(signs: number): HealthReason {
  const max = HEALTH_MAX.engagement;
  const n = whole(signs);
  return {
    factor: 'engagement',
    points: clamp(8 * n, max),
    max,
    detail: `${n} engagement sign(s) this year`,
  };
}

export function relationshipHealth(inputs: HealthInputs): RelationshipHealth {
  const reasons = [
    recency(inputs.daysSinceContact),
    complaints(inputs.openComplaints),
    claims(inputs.claimsPaid, inputs.claimsDeclined, inputs.claimsStalled),
    nps(inputs.nps),
    engagement(inputs.engagements),
  ];
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  return { score, band: score >= 70 ? 'healthy' : score >= 40 ? 'watch' : 'at-risk', reasons };
}
