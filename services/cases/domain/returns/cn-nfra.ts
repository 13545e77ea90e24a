/**
 * The NFRA complaint statistics, from the cn-nfra complaints received in the period: counts by
 * business category (纠纷类别), cause, channel, outcome and handling time within the 15/30/60-day
 * limits of the 2020 measures (art. 20), with their labels mapped from our vocabulary as data.
 */
import { canonicalRootCause, rootCauseGroupOf } from '#shared/contracts/root-causes/taxonomy';
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

/** What the NFRA return counts over the complaints received in the period, keyed by our vocabulary ('-': none). */
export interface NfraTally {
  readonly received: number;
  readonly byCategory: Readonly<Record<string, number>>;
  readonly byChannel: Readonly<Record<string, number>>;
  /** Of those decided by the period's end: by root-cause group, by outcome, by days to the decision. */
  readonly decidedByCause: Readonly<Record<string, number>>;
  readonly decidedByOutcome: Readonly<Record<string, number>>;
  readonly decidedByDays: Readonly<Record<string, number>>;
}

const NO_VALUE = '-';

/** The root-cause group of a decision, '-' for a value outside the taxonomy. */
export function rootCauseGroup(rootCause: string | undefined): string {
  const code = rootCause ? canonicalRootCause(rootCause) : undefined;
  return code ? rootCauseGroupOf(code) : NO_VALUE;
}

function add(into: Record<string, number>, key: string, n = 1) {
  into[key] = (into[key] ?? 0) + n;
}

function tallyOfRecords(input: ReturnInput): NfraTally {
  const { start, end } = windowOf(input.period);
  const received = input.records.filter(
    (r) =>
      r.complaint.regime === 'cn-nfra' && r.complaint.receivedAt >= start && r.complaint.receivedAt < end,
  );
  const tally = {
    received: received.length,
    byCategory: {} as Record<string, number>,
    byChannel: {} as Record<string, number>,
    decidedByCause: {} as Record<string, number>,
    decidedByOutcome: {} as Record<string, number>,
    decidedByDays: {} as Record<string, number>,
  };
  for (const { complaint: c } of received) {
    add(tally.byCategory, c.category ?? NO_VALUE);
    add(tally.byChannel, c.channel);
    const at = decidedAt(c);
    if (at === undefined || at >= end) continue;
    add(tally.decidedByCause, rootCauseGroup(c.resolution?.rootCause));
    add(tally.decidedByOutcome, c.resolution!.outcome);
    add(tally.decidedByDays, String(daysBetween(c.receivedAt, at, input.period.timeZone)));
  }
  return tally;
}

/** Counts under the regulator's labels, in their order, from counts under ours. */
function labelled(
  labels: readonly string[],
  counts: Readonly<Record<string, number>>,
  labelOf: (ours: string) => string | undefined,
): [string, number][] {
  const out = new Map<string, number>(labels.map((l) => [l, 0]));
  for (const [ours, n] of Object.entries(counts)) {
    const label = labelOf(ours) as string;
    out.set(label, (out.get(label) ?? 0) + n);
  }
  return [...out];
}

export function cnNfraReturn(input: ReturnInput): RegulatorReturn {
  return renderCnNfra(input, tallyOfRecords(input), commonGaps(input, 'cn-nfra'), [LOOKBACK_NOTE]);
}

export function renderCnNfra(
  input: Pick<ReturnInput, 'period' | 'generatedAt'>,
  tally: NfraTally,
  sourceGaps: readonly string[],
  sourceNotes: readonly string[],
): RegulatorReturn {
  const tz = input.period.timeZone;
  const gaps = [...sourceGaps];
  if (!isQuarter(input.period.from, input.period.to))
    gaps.push('NFRA complaint statistics are quarterly; this period is not a calendar quarter.');
  const unique = (values: Record<string, string>) => [...new Set(Object.values(values))];
  const open = tally.received - Object.values(tally.decidedByOutcome).reduce((a, b) => a + b, 0);
  const withOpen = (counts: Readonly<Record<string, number>>) => ({
    ...counts,
    [NO_VALUE]: (counts[NO_VALUE] ?? 0) + open,
  });

  const dimensions: [string, [string, number][]][] = [
    [
      'business-category',
      labelled([...unique(nfra.businessCategoryByCategory), NOT_CATEGORISED], tally.byCategory, (c) =>
        c === NO_VALUE
          ? NOT_CATEGORISED
          : nfra.businessCategoryByCategory[c as keyof typeof nfra.businessCategoryByCategory],
      ),
    ],
    [
      'cause',
      // a decision whose root cause is outside the taxonomy counts as not concluded, as an open one
      labelled([...unique(nfra.causeByRootCauseGroup), nfra.open], withOpen(tally.decidedByCause), (g) =>
        g === NO_VALUE ? nfra.open : nfra.causeByRootCauseGroup[g as keyof typeof nfra.causeByRootCauseGroup],
      ),
    ],
    [
      'channel',
      labelled(
        unique(nfra.channelByChannel),
        tally.byChannel,
        (c) => nfra.channelByChannel[c as keyof typeof nfra.channelByChannel],
      ),
    ],
    [
      'outcome',
      labelled([...unique(nfra.outcomeByOutcome), nfra.open], withOpen(tally.decidedByOutcome), (o) =>
        o === NO_VALUE ? nfra.open : nfra.outcomeByOutcome[o as keyof typeof nfra.outcomeByOutcome],
      ),
    ],
    [
      'handling-time',
      labelled(
        [...nfra.handlingBands.map((b) => b.label), nfra.beyondBands, nfra.open],
        withOpen(tally.decidedByDays),
        (days) =>
          days === NO_VALUE
            ? nfra.open
            : (nfra.handlingBands.find((b) => Number(days) <= b.upToDays)?.label ?? nfra.beyondBands),
      ),
    ],
  ];
  const rows: Cell[][] = [['total', '投诉总量', tally.received]];
  for (const [dimension, counts] of dimensions)
    for (const [value, n] of counts) rows.push([dimension, value, n]);
  if ((tally.byCategory[NO_VALUE] ?? 0) > 0)
    gaps.push('Some complaints are not categorised yet: counted under 未分类.');
  return {
    regime: 'cn-nfra',
    document: nfra.document,
    mappingVersion: regulatorCodes.version,
    period: { from: input.period.from, to: input.period.to, timeZone: tz },
    generatedAt: input.generatedAt.toISOString(),
    gaps,
    notes: [
      ...sourceNotes,
      'Handling time counts calendar days after the day of receipt (民法典 第二百零一条) to the day of the decision, ' +
        'in the company time zone; a limit whose last day was a holiday (extended by 第二百零三条) is not ' +
        'extended here, so such a decision shows in the next band. Cause is the root-cause group recorded at resolution.',
    ],
    columns: NFRA_COLUMNS,
    rows,
  };
}
