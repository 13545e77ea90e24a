/**
 * The FCA complaints return (DISP 1 Annex 1R), from the uk-fca complaints: the totals outstanding at
 * the start, opened, closed and outstanding at the end of the period; complaints opened by product
 * and cause; and, per product, complaints closed within 3 business days, after 3 business days and
 * within 8 weeks, after 8 weeks, the share upheld and the redress paid. "Within 3 business days" is
 * the uk-fca/acknowledge clock met (DISP 1.5, summary resolution by close of the third business
 * day); "within 8 weeks" is a decision by the uk-fca/resolve clock's deadline (DISP 1.6.2).
 */
import type { ComplaintRecord } from '../report';
import {
  type Cell,
  commonGaps,
  decidedAt,
  LOOKBACK_NOTE,
  type RegulatorReturn,
  type ReturnInput,
  regulatorCodes,
  windowOf,
} from './return-frame';

const fca = regulatorCodes['uk-fca'];
const EIGHT_WEEKS_MS = 56 * 86_400_000;
export const NOT_TRIAGED_CAUSE = 'Not yet categorised';

type Band = 'within-3-business-days' | 'after-3-business-days-within-8-weeks' | 'after-8-weeks';

function closedBand(record: ComplaintRecord, decided: string): Band | undefined {
  const clock = (name: string) => record.clocks.find((c) => c.regime === 'uk-fca' && c.name === name);
  const summary = clock('acknowledge');
  if (summary?.state === 'met') return 'within-3-business-days';
  if (!summary) return undefined;
  const deadline =
    clock('resolve')?.dueAt ??
    new Date(Date.parse(record.complaint.receivedAt) + EIGHT_WEEKS_MS).toISOString();
  return decided <= deadline ? 'after-3-business-days-within-8-weeks' : 'after-8-weeks';
}

export const FCA_COLUMNS = ['table', 'productGroup', 'product', 'cause', 'measure', 'value'] as const;

/** What the FCA return counts, from the complaints read (below) or from the counters (return-counts.ts). */
export interface FcaTally {
  /** null when the counters cannot know it (complaints before they started, no rebuild run). */
  readonly outstandingAtStart: number | null;
  readonly opened: number;
  readonly closed: number;
  readonly outstandingAtEnd: number | null;
  /** Complaints opened in the period by category ('-': not categorised yet). */
  readonly openedByCategory: Readonly<Record<string, number>>;
  /** Complaints closed in the period by band ('-': no uk-fca clocks). */
  readonly closedByBand: Readonly<Record<string, number>>;
  readonly upheld: number;
}

export const NO_VALUE = '-';

export const isUpheld = (outcome: string | undefined) =>
  (fca.upheldOutcomes as readonly string[]).includes(outcome ?? '');

function count(into: Record<string, number>, key: string) {
  into[key] = (into[key] ?? 0) + 1;
}

/** The band of a uk-fca complaint decided at `decided`, '-' when it has no uk-fca clocks. */
export const bandOf = (record: ComplaintRecord, decided: string) => closedBand(record, decided) ?? NO_VALUE;

function tallyOfRecords(input: ReturnInput): FcaTally {
  const { start, end } = windowOf(input.period);
  const records = input.records.filter((r) => r.complaint.regime === 'uk-fca');
  const decided = (r: ComplaintRecord) => decidedAt(r.complaint);
  const receivedBefore = (r: ComplaintRecord, at: string) => r.complaint.receivedAt < at;
  const openAt = (r: ComplaintRecord, at: string) =>
    receivedBefore(r, at) && !((decided(r) ?? '\uffff') < at);
  const opened = records.filter((r) => r.complaint.receivedAt >= start && receivedBefore(r, end));
  const closed = records.filter((r) => {
    const at = decided(r);
    return at !== undefined && at >= start && at < end;
  });
  const openedByCategory: Record<string, number> = {};
  for (const r of opened) count(openedByCategory, r.complaint.category ?? NO_VALUE);
  const closedByBand: Record<string, number> = {};
  for (const r of closed) count(closedByBand, bandOf(r, decided(r)!));
  return {
    outstandingAtStart: records.filter((r) => openAt(r, start)).length,
    opened: opened.length,
    closed: closed.length,
    outstandingAtEnd: records.filter((r) => openAt(r, end)).length,
    openedByCategory,
    closedByBand,
    upheld: closed.filter((r) => isUpheld(r.complaint.resolution?.outcome)).length,
  };
}

export function ukFcaReturn(input: ReturnInput): RegulatorReturn {
  return renderUkFca(input, tallyOfRecords(input), commonGaps(input, 'uk-fca'), [LOOKBACK_NOTE]);
}

/** The return's table from its tally; `gaps` and `notes` come first, as the source of the figures says them. */
export function renderUkFca(
  input: Pick<ReturnInput, 'period' | 'generatedAt'>,
  tally: FcaTally,
  sourceGaps: readonly string[],
  sourceNotes: readonly string[],
): RegulatorReturn {
  const product = fca.product ?? 'not recorded';
  const group = fca.productGroup;
  const gaps = [...sourceGaps];
  if (!fca.product)
    gaps.push(
      'The product within "Insurance & pure protection" is not recorded on a complaint: every complaint is ' +
        'reported under the product group with product "not recorded".',
    );
  gaps.push('Redress paid is not recorded (resolve takes a remedy in words, not an amount): left empty.');

  const rows: Cell[][] = [
    ['totals', group, null, null, 'outstanding-at-start', tally.outstandingAtStart],
    ['totals', group, null, null, 'opened', tally.opened],
    ['totals', group, null, null, 'closed', tally.closed],
    ['totals', group, null, null, 'outstanding-at-end', tally.outstandingAtEnd],
  ];
  const causes = [...new Set(Object.values(fca.causeByCategory))];
  const untriaged = tally.openedByCategory[NO_VALUE] ?? 0;
  const openedOf = (cause: string) =>
    Object.entries(tally.openedByCategory)
      .filter(([category]) =>
        category === NO_VALUE
          ? cause === NOT_TRIAGED_CAUSE
          : fca.causeByCategory[category as keyof typeof fca.causeByCategory] === cause,
      )
      .reduce((sum, [, n]) => sum + n, 0);
  for (const cause of [...causes, ...(untriaged > 0 ? [NOT_TRIAGED_CAUSE] : [])]) {
    rows.push(['opened', group, product, cause, 'complaints', openedOf(cause)]);
  }
  if (untriaged > 0) gaps.push(`${untriaged} complaint(s) opened are not categorised yet, so have no cause.`);

  const unknownBand = tally.closedByBand[NO_VALUE] ?? 0;
  if (unknownBand > 0)
    gaps.push(
      `${unknownBand} closed complaint(s) have no uk-fca clocks, so no 3-business-day or 8-week band.`,
    );
  const share = tally.closed === 0 ? null : Number((tally.upheld / tally.closed).toFixed(4));
  for (const band of [
    'within-3-business-days',
    'after-3-business-days-within-8-weeks',
    'after-8-weeks',
  ] as const) {
    rows.push(['closed', group, product, null, band, tally.closedByBand[band] ?? 0]);
  }
  rows.push(['closed', group, product, null, 'upheld', tally.upheld]);
  rows.push(['closed', group, product, null, 'upheld-share', share]);
  rows.push(['closed', group, product, null, 'redress-paid', null]);

  return {
    regime: 'uk-fca',
    document: fca.document,
    mappingVersion: regulatorCodes.version,
    period: { from: input.period.from, to: input.period.to, timeZone: input.period.timeZone },
    generatedAt: input.generatedAt.toISOString(),
    gaps,
    notes: [
      ...sourceNotes,
      'Upheld counts complaints upheld in full or in part; the cause is mapped from the complaint category (regulator-codes.json).',
    ],
    columns: FCA_COLUMNS,
    rows,
  };
}
