/**
 * How long a complaint record is kept after closure, and so how long an erased customer's complaint
 * is kept as a skeleton: the retention period of the complaint's regime
 * (services/privacy/rules/complaint-retention.json, with its source), counted in calendar years
 * from closure. A complaint still open has no end yet: it is held until it closes, and then for
 * the period.
 */
import rules from '../rules/complaint-retention.json';
import type { RequestRegime } from './statutory-deadline';
import { addMonthsClamped } from './statutory-deadline';

export type ComplaintRegime = keyof typeof rules;
interface RetentionRule {
  readonly label: string;
  readonly years: number;
  readonly source: string;
}
export const complaintRetention = rules as Record<ComplaintRegime, RetentionRule>;

/** The complaint regime of a complaint filed before regimes were recorded, by the request's law. */
const regimeOfRequest: Record<RequestRegime, ComplaintRegime> = { pipl: 'cn-nfra', gdpr: 'uk-fca' };

export function retentionRegime(complaintRegime: unknown, requestRegime: RequestRegime): ComplaintRegime {
  return typeof complaintRegime === 'string' && complaintRegime in complaintRetention
    ? (complaintRegime as ComplaintRegime)
    : regimeOfRequest[requestRegime];
}

/** `closedAt` plus `years` calendar years at the same UTC time (29 February → 28 February). */
export function holdEnd(closedAt: string, years: number): string {
  const end = addMonthsClamped(closedAt.slice(0, 10), years * 12);
  return `${end}${new Date(closedAt).toISOString().slice(10)}`;
}

const closedReason = (rule: RetentionRule) =>
  `${rule.label} complaint record: kept ${rule.years} years after closure`;
const openReason = (rule: RetentionRule) =>
  `${rule.label} complaint record: open; kept until closure and then ${rule.years} years`;

export interface RetentionHold {
  readonly complaintId: string;
  readonly reference: string;
  /** A complaint regime (ComplaintRegime); a string as the request stores it. */
  readonly regime: string;
  readonly closedAt: string | null;
  /** When the skeleton expires (DynamoDB TTL); null while the complaint is open. */
  readonly endsAt: string | null;
  readonly reason: string;
  readonly source: string;
}

export function retentionHold(
  complaint: { complaintId: string; reference: string; regime?: unknown; closedAt?: unknown },
  requestRegime: RequestRegime,
): RetentionHold {
  const regime = retentionRegime(complaint.regime, requestRegime);
  const rule = complaintRetention[regime];
  const closedAt = typeof complaint.closedAt === 'string' ? complaint.closedAt : null;
  return {
    complaintId: complaint.complaintId,
    reference: complaint.reference,
    regime,
    closedAt,
    endsAt: closedAt ? holdEnd(closedAt, rule.years) : null,
    reason: closedAt ? closedReason(rule) : openReason(rule),
    source: rule.source,
  };
}

/** The TTL attribute's value (epoch seconds) of a hold's end. */
export const expiresAtOf = (endsAt: string) => Math.ceil(Date.parse(endsAt) / 1000);

/**
 * A complaint record's retention as case work closes and reopens it, erased or not (one rule for
 * both): closing it ends its retention its regime's period after this closure, with the TTL
 * attribute that makes DynamoDB purge it then; reopening takes the end away until it closes again.
 * A complaint without a recorded regime takes the CN rule (the platform's home regime), as an
 * erasure under PIPL would.
 */
export function recordRetention(
  regime: unknown,
  closedAt: string | undefined,
): {
  retentionHold: { endsAt: string | null; reason: string; regime: string };
  expiresAt: number | undefined;
} {
  const resolved = retentionRegime(regime, 'pipl');
  const rule = complaintRetention[resolved];
  const endsAt = closedAt ? holdEnd(closedAt, rule.years) : null;
  return {
    retentionHold: { endsAt, reason: closedAt ? closedReason(rule) : openReason(rule), regime: resolved },
    expiresAt: endsAt ? expiresAtOf(endsAt) : undefined,
  };
}
