/**
 * The NFRA complaint statistics, from the cn-nfra complaints received in the period: counts by
 * business category (纠纷类别), cause, channel, outcome and handling time within the 15/30/60-day
 * limits of the 2020 measures (art. 20), with their labels mapped from our vocabulary as data.
 */
import { canonicalRootCause, rootCauseGroupOf } from '#shared/contracts/root-causes/taxonomy';
import type { ComplaintRecord } from '../report';
import {
  type Cell,
  commonGaps,
  daysBetween,
  decidedAt,
  LOOKBACK_NOTE,
  type RegulatorReturn,
  type ReturnInput,
  regulatorCodes,
  windowOf,
} from './return-frame';

const nfra = regulatorCodes['cn-nfra'];
export const NFRA_COLUMNS = ['dimension', 'value', 'complaints'] as const;
const NOT_CATEGORISED = '未分类';

const isQuarter = (from: string, to: string) =>
  from.slice(0, 4) === to.slice(0, 4) &&
  [
    ['-01-01', '-03-31'],
    ['-04-01', '-06-30'],
    ['-07-01', '-09-30'],
    ['-10-01', '-12-31'],
  ].some(([f, t]) => from.endsWith(f!) && to.endsWith(t!));

function tally(
  records: readonly ComplaintRecord[],
  labels: readonly string[],
  labelOf: (r: ComplaintRecord) => string,
) {
  const counts = new Map<string, number>(labels.map((l) => [l, 0]));
  for (const r of records) counts.set(labelOf(r), (counts.get(labelOf(r)) ?? 0) + 1);
  return [...counts];
}

export function cnNfraReturn(input: ReturnInput): RegulatorReturn {
  const { start, end } = windowOf(input.period);
  const tz = input.period.timeZone;
  const gaps = commonGaps(input, 'cn-nfra');
  if (!isQuarter(input.period.from, input.period.to))
    gaps.push('NFRA complaint statistics are quarterly; this period is not a calendar quarter.');
  const received = input.records.filter(
    (r) =>
      r.complaint.regime === 'cn-nfra' && r.complaint.receivedAt >= start && r.complaint.receivedAt < end,
  );
  const decided = (r: ComplaintRecord) => {
    const at = decidedAt(r.complaint);
    return at !== undefined && at < end ? at : undefined;
  };
  const unique = (values: Record<string, string>) => [...new Set(Object.values(values))];

  const dimensions: [string, [string, number][]][] = [
    [
      'business-category',
      tally(received, [...unique(nfra.businessCategoryByCategory), NOT_CATEGORISED], (r) =>
        r.complaint.category
          ? nfra.businessCategoryByCategory[
              r.complaint.category as keyof typeof nfra.businessCategoryByCategory
            ]
          : NOT_CATEGORISED,
      ),
    ],
    [
      'cause',
      tally(received, [...unique(nfra.causeByRootCauseGroup), nfra.open], (r) => {
        const code = decided(r) ? canonicalRootCause(r.complaint.resolution!.rootCause) : undefined;
        return code
          ? nfra.causeByRootCauseGroup[rootCauseGroupOf(code) as keyof typeof nfra.causeByRootCauseGroup]
          : nfra.open;
      }),
    ],
    [
      'channel',
      tally(
        received,
        unique(nfra.channelByChannel),
        (r) => nfra.channelByChannel[r.complaint.channel as keyof typeof nfra.channelByChannel],
      ),
    ],
    [
      'outcome',
      tally(received, [...unique(nfra.outcomeByOutcome), nfra.open], (r) =>
        decided(r)
          ? nfra.outcomeByOutcome[r.complaint.resolution!.outcome as keyof typeof nfra.outcomeByOutcome]
          : nfra.open,
      ),
    ],
    [
      'handling-time',
      tally(received, [...nfra.handlingBands.map((b) => b.label), nfra.beyondBands, nfra.open], (r) => {
        const at = decided(r);
        if (!at) return nfra.open;
        const days = daysBetween(r.complaint.receivedAt, at, tz);
        return nfra.handlingBands.find((b) => days <= b.upToDays)?.label ?? nfra.beyondBands;
      }),
    ],
  ];
  const rows: Cell[][] = [['total', '投诉总量', received.length]];
  for (const [dimension, counts] of dimensions)
    for (const [value, n] of counts) rows.push([dimension, value, n]);
  if (received.some((r) => !r.complaint.category))
    gaps.push('Some complaints are not categorised yet: counted under 未分类.');
  return {
    regime: 'cn-nfra',
    document: nfra.document,
    mappingVersion: regulatorCodes.version,
    period: { from: input.period.from, to: input.period.to, timeZone: tz },
    generatedAt: input.generatedAt.toISOString(),
    gaps,
    notes: [
      LOOKBACK_NOTE,
      'Handling time counts calendar days after the day of receipt (民法典 第二百零一条) to the day of the decision, ' +
        'in the company time zone; a limit whose last day was a holiday (extended by 第二百零三条) is not ' +
        'extended here, so such a decision shows in the next band. Cause is the root-cause group recorded at resolution.',
    ],
    columns: NFRA_COLUMNS,
    rows,
  };
}
