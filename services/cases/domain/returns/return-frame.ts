/**
 * What the three regulators' returns share: the answer's frame (the document it follows, the
 * period, what the data cannot fill), the mapping of our vocabulary to each regulator's codes
 * (services/cases/returns/regulator-codes.json, data), and when a complaint counts as decided.
 */
import { addDays, type LocalDate, toEpochDay } from '#shared/calendar/local-date';
import { localDateIn } from '#shared/calendar/zoned-time';
import codes from '../../returns/regulator-codes.json';
import type { ComplaintRecord, ReportedComplaint, ReportPeriod } from '../report';
import { receiptWindow } from '../report';

export const returnRegimes = ['uk-fca', 'au-asic', 'cn-nfra'] as const;
export type ReturnRegime = (typeof returnRegimes)[number];
export const regulatorCodes = codes;

/** Complaints received up to this long before the period are read, to find the ones closed in it. */
export const LOOKBACK_DAYS = 366;

export type Cell = string | number | null;

export interface RegulatorReturn {
  readonly regime: ReturnRegime;
  readonly document: { readonly title: string; readonly date: string; readonly url: string };
  readonly mappingVersion: string;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate; readonly timeZone: string };
  readonly generatedAt: string;
  /** What this answer cannot state correctly for the period, each said once; empty when none. */
  readonly gaps: readonly string[];
  /** How the figures were made, true of every period. */
  readonly notes: readonly string[];
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface ReturnInput {
  readonly period: ReportPeriod;
  /** Every complaint received from LOOKBACK_DAYS before the period to its end, and every one open now. */
  readonly records: readonly ComplaintRecord[];
  readonly generatedAt: Date;
}

/** The instant of the decision, for a complaint resolved or closed with one. */
export function decidedAt(c: ReportedComplaint): string | undefined {
  const done = c.status === 'resolved' || c.status === 'closed';
  return done ? c.resolution?.resolvedAt : undefined;
}

export function windowOf(period: ReportPeriod) {
  const { receivedFrom, receivedBefore } = receiptWindow(period);
  return { start: receivedFrom.toISOString(), end: receivedBefore.toISOString() };
}

/** Calendar days from the local day of receipt to the local day of `at` (the day of receipt not counted). */
export function daysBetween(receivedAt: string, at: string | Date, timeZone: string): number {
  const to = typeof at === 'string' ? new Date(at) : at;
  return toEpochDay(localDateIn(to, timeZone)) - toEpochDay(localDateIn(new Date(receivedAt), timeZone));
}

export const LOOKBACK_NOTE =
  `Complaints received more than ${LOOKBACK_DAYS} days before the period and closed within it are not read; ` +
  'complaints still open are, whenever received.';

/** A period not ended yet, said once. */
export function unfinishedGap(input: Pick<ReturnInput, 'period' | 'generatedAt'>): string[] {
  const at = input.generatedAt.toISOString();
  return at < windowOf(input.period).end
    ? [`The period has not ended (it ends ${input.period.to}): figures are as of ${at}.`]
    : [];
}

/** The gaps every return shares: an unfinished period, complaints without a regime, the lookback. */
export function commonGaps(input: ReturnInput, regime: ReturnRegime): string[] {
  const gaps = unfinishedGap(input);
  const unknown = input.records.filter((r) => !r.complaint.regime).length;
  if (unknown > 0)
    gaps.push(
      `${unknown} complaint(s) read have no regime recorded and are in no return, this one (${regime}) included.`,
    );
  return gaps;
}

export const lookbackFrom = (period: ReportPeriod) => addDays(period.from, -LOOKBACK_DAYS);
