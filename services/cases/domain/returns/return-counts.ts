/**
 * The returns of whole months from counters and rows instead of a read of every complaint (issue
 * 19: a quarter of 100,000 complaints within 15 s): the FCA and NFRA returns from sums, the ASIC
 * return (a row per complaint) from the complaints' rows. Each complaint is counted as one compact row (`ReturnRow`,
 * made from the complaint and its clocks as they are now); the counters are the sums of its cells
 * per regime and month of the company's calendar. A complaint's event re-counts it: the cells of
 * its new row minus those of the row last counted, so a redelivery changes nothing and a reopen
 * takes its decision back out. The counters are in our vocabulary (category, channel, outcome,
 * root-cause group, days), so a change of a regulator's codes (data) needs no recount.
 */
import { localDateIn } from '#shared/calendar/zoned-time';
import { Conflict } from '#shared/domain/errors';
import type { ComplaintRecord, ReportPeriod } from '../report';
import { receiptWindow } from '../report';
import { auAsicReturn } from './au-asic';
import { type NfraTally, renderCnNfra, rootCauseGroup } from './cn-nfra';
import { daysBetween, decidedAt, type RegulatorReturn, unfinishedGap } from './return-frame';
import { bandOf, type FcaTally, isUpheld, NO_VALUE, renderUkFca } from './uk-fca';

/** A complaint as the returns count it; also the ASIC return's row. */
export interface ReturnRow {
  readonly complaintId: string;
  /** '' when the complaint has none. */
  readonly regime: string;
  readonly receivedAt: string;
  /** 'YYYY-MM' of receipt in the company's time zone. */
  readonly receivedMonth: string;
  readonly channel: string;
  readonly category?: string;
  readonly decided?: {
    readonly at: string;
    readonly month: string;
    readonly outcome: string;
    readonly rootCauseGroup: string;
    readonly remedy: boolean;
    /** Calendar days after the day of receipt to the day of the decision. */
    readonly days: number;
    /** uk-fca only: the DISP 1 band ('-' without uk-fca clocks). */
    readonly band?: string;
  };
}

const monthOf = (instant: string, timeZone: string) => localDateIn(new Date(instant), timeZone).slice(0, 7);

export function returnRowOf(record: ComplaintRecord, timeZone: string): ReturnRow {
  const c = record.complaint;
  const at = decidedAt(c);
  const regime = c.regime ?? '';
  return {
    complaintId: c.complaintId,
    regime,
    receivedAt: c.receivedAt,
    receivedMonth: monthOf(c.receivedAt, timeZone),
    channel: c.channel,
    ...(c.category ? { category: c.category } : {}),
    ...(at && c.resolution
      ? {
          decided: {
            at,
            month: monthOf(at, timeZone),
            outcome: c.resolution.outcome,
            rootCauseGroup: rootCauseGroup(c.resolution.rootCause),
            remedy: Boolean(c.resolution.remedy),
            days: daysBetween(c.receivedAt, at, timeZone),
            ...(regime === 'uk-fca' ? { band: bandOf(record, at) } : {}),
          },
        }
      : {}),
  };
}

/** Cells per month: `received`, `category|…`, `channel|…`; uk-fca adds `closed…` in the month of
 * the decision, cn-nfra `decided|<month>|…` in the month of receipt (its figures are per receipt). */
function cellsOf(row: ReturnRow): [month: string, cell: string][] {
  const m = row.receivedMonth;
  const cells: [string, string][] = [
    [m, 'received'],
    [m, `category|${row.category ?? NO_VALUE}`],
    [m, `channel|${row.channel}`],
  ];
  const d = row.decided;
  if (d && row.regime === 'uk-fca') {
    cells.push([d.month, 'closed'], [d.month, `closed|outcome|${d.outcome}`]);
    cells.push([d.month, `closed|band|${d.band ?? NO_VALUE}`]);
  }
  if (d && row.regime === 'cn-nfra') {
    cells.push([m, `decided|${d.month}|outcome|${d.outcome}`]);
    cells.push([m, `decided|${d.month}|cause|${d.rootCauseGroup}`]);
    cells.push([m, `decided|${d.month}|days|${d.days}`]);
  }
  return cells;
}

/** What to add to each month's counters when a complaint counted as `before` is now `after`. */
export function counterDeltas(
  before: ReturnRow | undefined,
  after: ReturnRow | undefined,
): Map<string, Record<string, number>> {
  const deltas = new Map<string, Record<string, number>>();
  const add = (rows: ReturnRow | undefined, n: number) => {
    for (const [month, cell] of rows ? cellsOf(rows) : []) {
      const cells = deltas.get(month) ?? {};
      cells[cell] = (cells[cell] ?? 0) + n;
      deltas.set(month, cells);
    }
  };
  add(before, -1);
  add(after, 1);
  for (const [month, cells] of deltas) {
    for (const [cell, n] of Object.entries(cells)) if (n === 0) delete cells[cell];
    if (Object.keys(cells).length === 0) deltas.delete(month);
  }
  return deltas;
}

/** Whether two rows count the same (a stored row's attributes come back in any order). */
export function sameRow(a: ReturnRow | undefined, b: ReturnRow | undefined): boolean {
  const canonical = (v: unknown) =>
    JSON.stringify(v, (_key, x) =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).sort(([k1], [k2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : 0)))
        : x,
    );
  return canonical(a) === canonical(b);
}

/** Whether a row is open at the start of a month after its receipt, so in a later period's return as open at its start. */
export const spansMonths = (row: ReturnRow) => !row.decided || row.decided.month > row.receivedMonth;

/** The months of a span, first to last. */
export function monthsOf(span: { from: string; through: string }): string[] {
  const months: string[] = [];
  let [y, m] = span.from.split('-').map(Number) as [number, number];
  for (let month = span.from; month <= span.through; ) {
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
    month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  }
  return months;
}

/** The complaint as the ASIC return reads it, from its row. */
export function recordOfRow(row: ReturnRow): ComplaintRecord {
  const d = row.decided;
  return {
    complaint: {
      complaintId: row.complaintId,
      receivedAt: row.receivedAt,
      status: d ? 'resolved' : 'in-progress',
      channel: row.channel as ComplaintRecord['complaint']['channel'],
      customerKey: '',
      ...(row.category ? { category: row.category as never } : {}),
      ...(row.regime ? { regime: row.regime } : {}),
      ...(d
        ? {
            resolution: {
              outcome: d.outcome as never,
              rootCause: d.rootCauseGroup, // the ASIC return reads no root cause
              resolvedAt: d.at,
              ...(d.remedy ? { remedy: 'given' } : {}),
            },
          }
        : {}),
    },
    clocks: [],
  };
}

/** Sums per month ('YYYY-MM'), the shards added up. */
export type MonthCounts = ReadonlyMap<string, Readonly<Record<string, number>>>;

/** Since when the counters count every complaint event, and whether a rebuild counted those before. */
export interface CounterCoverage {
  readonly countingSince?: string;
  readonly rebuiltAt?: string;
}

export interface ReturnCounterSource {
  coverage(): Promise<CounterCoverage>;
  /**
   * A regime's rows received in the span's months, and those received before it and open at its
   * start (decided in its first month or later, up to `untilMonth`, or not yet).
   */
  rowsOf(regime: string, span: { from: string; through: string }, untilMonth: string): Promise<ReturnRow[]>;
  /** The counters of a regime ('' for complaints without one) from month `from` through `through`. */
  monthCounts(regime: string, from: string, through: string): Promise<MonthCounts>;
}

/** The months of a period made of whole months, or undefined (such a period is read directly). */
export function monthSpan(period: ReportPeriod): { from: string; through: string } | undefined {
  const [y, m, d] = period.to.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (!period.from.endsWith('-01') || d !== lastDay) return undefined;
  return { from: period.from.slice(0, 7), through: period.to.slice(0, 7) };
}

/** The first month the counters hold (a rebuild counts complaints from the start). */
export const FIRST_MONTH = '0000-00';

function sum(counts: MonthCounts, months: (m: string) => boolean, cell: (name: string) => boolean) {
  let n = 0;
  for (const [month, cells] of counts)
    if (months(month)) for (const [name, v] of Object.entries(cells)) if (cell(name)) n += v;
  return n;
}

function byPrefix(counts: MonthCounts, months: (m: string) => boolean, prefix: string) {
  const out: Record<string, number> = {};
  for (const [month, cells] of counts) {
    if (!months(month)) continue;
    for (const [name, v] of Object.entries(cells))
      if (name.startsWith(prefix) && v !== 0) {
        const key = name.slice(prefix.length);
        out[key] = (out[key] ?? 0) + v;
      }
  }
  return out;
}

/** The FCA tally from counters of every month through the period's last (outstanding needs them all). */
export function fcaTallyOfCounts(
  counts: MonthCounts,
  span: { from: string; through: string },
  outstandingKnown: boolean,
): FcaTally {
  const before = (m: string) => m < span.from;
  const through = (m: string) => m <= span.through;
  const inPeriod = (m: string) => m >= span.from && m <= span.through;
  const is = (name: string) => (cell: string) => cell === name;
  const outstanding = (months: (m: string) => boolean) =>
    outstandingKnown ? sum(counts, months, is('received')) - sum(counts, months, is('closed')) : null;
  const upheld = byPrefix(counts, inPeriod, 'closed|outcome|');
  return {
    outstandingAtStart: outstanding(before),
    opened: sum(counts, inPeriod, is('received')),
    closed: sum(counts, inPeriod, is('closed')),
    outstandingAtEnd: outstanding(through),
    openedByCategory: byPrefix(counts, inPeriod, 'category|'),
    closedByBand: byPrefix(counts, inPeriod, 'closed|band|'),
    upheld: Object.entries(upheld)
      .filter(([outcome]) => isUpheld(outcome))
      .reduce((a, [, n]) => a + n, 0),
  };
}

/** The NFRA tally from the counters of the period's months (decisions by its end only). */
export function nfraTallyOfCounts(counts: MonthCounts, span: { from: string; through: string }): NfraTally {
  const inPeriod = (m: string) => m >= span.from && m <= span.through;
  const decided = (kind: string) => {
    const out: Record<string, number> = {};
    for (const [key, n] of Object.entries(byPrefix(counts, inPeriod, 'decided|'))) {
      const [month = '', k, value = ''] = key.split('|');
      if (k === kind && month <= span.through) out[value] = (out[value] ?? 0) + n;
    }
    return out;
  };
  return {
    received: sum(counts, inPeriod, (c) => c === 'received'),
    byCategory: byPrefix(counts, inPeriod, 'category|'),
    byChannel: byPrefix(counts, inPeriod, 'channel|'),
    decidedByCause: decided('cause'),
    decidedByOutcome: decided('outcome'),
    decidedByDays: decided('days'),
  };
}

export const COUNTERS_NOTE =
  'Figures are summed from counters kept per month as complaint events arrive (docs/returns.md), ' +
  'with each complaint as it is now: a reopened complaint is open again.';

/** The counters' reach for a period: refused (409) when it starts before them and no rebuild has been run. */
async function covered(regime: string, period: ReportPeriod, counters: ReturnCounterSource) {
  const coverage = await counters.coverage();
  const start = receiptWindow(period).receivedFrom.toISOString();
  if (!coverage.rebuiltAt && (!coverage.countingSince || start < coverage.countingSince))
    throw new Conflict(
      `The ${regime} return is built from counters that start at ${coverage.countingSince ?? 'the first complaint event'}; ` +
        'this period starts before them. Run the counters’ rebuild once (npm run returns:rebuild, docs/returns.md) ' +
        'or ask for a period from that month on.',
    );
  return coverage;
}

export const ROWS_NOTE =
  'Rows are read from the compact row each complaint event keeps per complaint (docs/returns.md), ' +
  'with each complaint as it is now: a reopened complaint is open again.';

/** The ASIC return of a period of whole months from the complaints' rows. */
export async function rowsReturn(
  request: { period: ReportPeriod; now: Date },
  span: { from: string; through: string },
  counters: ReturnCounterSource,
): Promise<RegulatorReturn> {
  const coverage = await covered('au-asic', request.period, counters);
  const rows = await counters.rowsOf(
    'au-asic',
    span,
    monthOf(request.now.toISOString(), request.period.timeZone),
  );
  const gaps = coverage.rebuiltAt
    ? []
    : [
        `Complaints received before the rows start (${coverage.countingSince}) and not changed since are missing ` +
          'until the counters’ rebuild is run.',
      ];
  return auAsicReturn(
    { period: request.period, records: rows.map(recordOfRow), generatedAt: request.now },
    [ROWS_NOTE],
    gaps,
  );
}

/**
 * The FCA or NFRA return of a period of whole months from the counters. A period the counters do
 * not cover (it starts before they did, and no rebuild has been run) is refused, never guessed;
 * the FCA's outstanding totals need every complaint ever received, so without a rebuild they are empty.
 */
export async function counterReturn(
  request: { regime: 'uk-fca' | 'cn-nfra'; period: ReportPeriod; now: Date },
  span: { from: string; through: string },
  counters: ReturnCounterSource,
): Promise<RegulatorReturn> {
  const { regime, period, now } = request;
  const coverage = await covered(regime, period, counters);
  const rebuilt = coverage.rebuiltAt !== undefined;
  const [counts, regimeless] = await Promise.all([
    counters.monthCounts(regime, regime === 'uk-fca' ? FIRST_MONTH : span.from, span.through),
    counters.monthCounts('', span.from, span.through),
  ]);
  const input = { period, generatedAt: now };
  const gaps = unfinishedGap(input);
  const unknown = sum(
    regimeless,
    () => true,
    (c) => c === 'received',
  );
  if (unknown > 0)
    gaps.push(
      `${unknown} complaint(s) received in the period have no regime recorded and are in no return, this one (${regime}) included.`,
    );
  if (regime === 'cn-nfra')
    return renderCnNfra(input, nfraTallyOfCounts(counts, span), gaps, [COUNTERS_NOTE]);
  if (!rebuilt)
    gaps.push(
      `Outstanding at the start and end need every complaint ever received, and the counters start at ${coverage.countingSince}: ` +
        'left empty until the counters’ rebuild is run.',
    );
  return renderUkFca(input, fcaTallyOfCounts(counts, span, rebuilt), gaps, [COUNTERS_NOTE]);
}
