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

export function ukFcaReturn(input: ReturnInput): RegulatorReturn {
  const { start, end } = windowOf(input.period);
  const records = input.records.filter((r) => r.complaint.regime === 'uk-fca');
  const product = fca.product ?? 'not recorded';
  const group = fca.productGroup;
  const gaps = commonGaps(input, 'uk-fca');
  if (!fca.product)
    gaps.push(
      'The product within "Insurance & pure protection" is not recorded on a complaint: every complaint is ' +
        'reported under the product group with product "not recorded".',
    );
  gaps.push('Redress paid is not recorded (resolve takes a remedy in words, not an amount): left empty.');

  const decided = (r: ComplaintRecord) => decidedAt(r.complaint);
  const receivedBefore = (r: ComplaintRecord, at: string) => r.complaint.receivedAt < at;
  const openAt = (r: ComplaintRecord, at: string) =>
    receivedBefore(r, at) && !((decided(r) ?? '\uffff') < at);
  const opened = records.filter((r) => r.complaint.receivedAt >= start && receivedBefore(r, end));
  const closed = records.filter((r) => {
    const at = decided(r);
    return at !== undefined && at >= start && at < end;
  });

  const rows: Cell[][] = [
    ['totals', group, null, null, 'outstanding-at-start', records.filter((r) => openAt(r, start)).length],
    ['totals', group, null, null, 'opened', opened.length],
    ['totals', group, null, null, 'closed', closed.length],
    ['totals', group, null, null, 'outstanding-at-end', records.filter((r) => openAt(r, end)).length],
  ];
  const causes = [...new Set(Object.values(fca.causeByCategory))];
  const causeOf = (r: ComplaintRecord) =>
    r.complaint.category
      ? fca.causeByCategory[r.complaint.category as keyof typeof fca.causeByCategory]
      : NOT_TRIAGED_CAUSE;
  const untriaged = opened.filter((r) => !r.complaint.category).length;
  for (const cause of [...causes, ...(untriaged > 0 ? [NOT_TRIAGED_CAUSE] : [])]) {
    rows.push([
      'opened',
      group,
      product,
      cause,
      'complaints',
      opened.filter((r) => causeOf(r) === cause).length,
    ]);
  }
  if (untriaged > 0) gaps.push(`${untriaged} complaint(s) opened are not categorised yet, so have no cause.`);

  const bands = closed.map((r) => closedBand(r, decided(r)!));
  const unknownBand = bands.filter((b) => b === undefined).length;
  if (unknownBand > 0)
    gaps.push(
      `${unknownBand} closed complaint(s) have no uk-fca clocks, so no 3-business-day or 8-week band.`,
    );
  const upheld = closed.filter((r) =>
    (fca.upheldOutcomes as readonly string[]).includes(r.complaint.resolution?.outcome ?? ''),
  ).length;
  const share = closed.length === 0 ? null : Number((upheld / closed.length).toFixed(4));
  for (const band of [
    'within-3-business-days',
    'after-3-business-days-within-8-weeks',
    'after-8-weeks',
  ] as const) {
    rows.push(['closed', group, product, null, band, bands.filter((b) => b === band).length]);
  }
  rows.push(['closed', group, product, null, 'upheld', upheld]);
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
      LOOKBACK_NOTE,
      'Upheld counts complaints upheld in full or in part; the cause is mapped from the complaint category (regulator-codes.json).',
    ],
    columns: FCA_COLUMNS,
    rows,
  };
}
