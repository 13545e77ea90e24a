/**
 * GET /v1/reports/returns/{regime}: the use case (admins only; a return covers every team), and the
 * CSV of a return: its columns and rows, RFC 4180, with no cell a spreadsheet would run as a formula.
 */
import * as z from 'zod/mini';
import { instantIn } from '#shared/calendar/zoned-time';
import { Forbidden } from '#shared/domain/errors';
import {
  type ComplaintRecord,
  type ReportPeriod,
  type ReportSource,
  type ReportViewer,
  receiptWindow,
} from '../report';
import { auAsicReturn } from './au-asic';
import { cnNfraReturn } from './cn-nfra';
import { counterReturn, monthSpan, type ReturnCounterSource, rowsReturn } from './return-counts';
import {
  lookbackFrom,
  type RegulatorReturn,
  type ReturnInput,
  type ReturnRegime,
  returnRegimes,
} from './return-frame';
import { ukFcaReturn } from './uk-fca';

export const ReturnPath = z.object({ regime: z.enum(returnRegimes) });

export const builders: Record<ReturnRegime, (input: ReturnInput) => RegulatorReturn> = {
  'uk-fca': ukFcaReturn,
  'au-asic': auAsicReturn,
  'cn-nfra': cnNfraReturn,
};

/**
 * Reads what a return needs: the complaints received from the lookback to the period's end (the
 * reporting index), and those open now whenever received (the open index), each with its clocks.
 */
export async function readReturnRecords(
  period: ReportPeriod,
  source: ReportSource,
): Promise<ComplaintRecord[]> {
  const { receivedBefore } = receiptWindow(period);
  const from = instantIn(lookbackFrom(period), '00:00', period.timeZone);
  const [received, open] = await Promise.all([
    source.receivedBetween(from, receivedBefore),
    source.openComplaintIds(),
  ]);
  const ids = new Set(received.map((c) => c.complaintId));
  for (const id of open) ids.add(id);
  return source.recordsOf([...ids]);
}

/**
 * A return of whole months comes from the counters when they are given (the FCA and NFRA from
 * their sums, the ASIC from the complaints' rows); periods of part months are read directly.
 */
export async function regulatorReturn(
  request: { regime: ReturnRegime; period: ReportPeriod; viewer: ReportViewer; now: Date },
  source: ReportSource,
  counters?: ReturnCounterSource,
): Promise<RegulatorReturn> {
  if (request.viewer.role !== 'admin') throw new Forbidden("Regulators' returns are for admins.");
  const span = monthSpan(request.period);
  const { regime } = request;
  if (counters && span)
    return regime === 'au-asic'
      ? rowsReturn({ period: request.period, now: request.now }, span, counters)
      : counterReturn({ regime, period: request.period, now: request.now }, span, counters);
  const records = await readReturnRecords(request.period, source);
  return builders[request.regime]({ period: request.period, records, generatedAt: request.now });
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The return's table; what it cannot fill is in the JSON answer's `gaps` and the `X-Return-Gaps` header. */
export function returnCsv(r: RegulatorReturn): string {
  return `${[r.columns, ...r.rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
