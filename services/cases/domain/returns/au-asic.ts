/**
 * ASIC IDR data reporting (RG 271): one row per complaint received in the period or still open at
 * its start, with the data dictionary's elements we hold: received, closed, status, channel,
 * product, issue, outcome, remedy, financial compensation, days open. ASIC's element names and code
 * values are not confirmed here (docs/returns.md): the answer says so, and the codes are data.
 */
import { localDateIn } from '#shared/calendar/zoned-time';
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

const asic = regulatorCodes['au-asic'];

export const ASIC_COLUMNS = [
  'complaintReference',
  'dateReceived',
  'dateClosed',
  'status',
  'channel',
  'product',
  'issue',
  'outcome',
  'remedy',
  'financialCompensation',
  'daysOpen',
] as const;

/** RG 271 reporting periods: 1 January to 30 June, 1 July to 31 December. */
const isHalfYear = (from: string, to: string) =>
  from.slice(0, 4) === to.slice(0, 4) &&
  ((from.endsWith('-01-01') && to.endsWith('-06-30')) || (from.endsWith('-07-01') && to.endsWith('-12-31')));

export function auAsicReturn(
  input: ReturnInput,
  sourceNotes: readonly string[] = [LOOKBACK_NOTE],
  sourceGaps: readonly string[] = [],
): RegulatorReturn {
  const { start, end } = windowOf(input.period);
  const tz = input.period.timeZone;
  const gaps = [...commonGaps(input, 'au-asic'), ...sourceGaps];
  if (!isHalfYear(input.period.from, input.period.to))
    gaps.push('ASIC reporting periods are 1 January–30 June and 1 July–31 December; this period is neither.');
  if (!asic.codesConfirmed)
    gaps.push(
      "Element names and code values follow our reading of ASIC's IDR data dictionary and are not confirmed " +
        'against its final code tables (docs/returns.md): check them before lodging.',
    );
  gaps.push('Product is not recorded on a complaint: left empty.');
  gaps.push(
    'Financial compensation is not recorded (resolve takes a remedy in words, not an amount): left empty.',
  );

  // the period's end as the day count's "today" for complaints open at it
  const lastInstant = new Date(Math.min(Date.parse(end) - 1, input.generatedAt.getTime()));
  const decidedIn = (r: ComplaintRecord) => {
    const at = decidedAt(r.complaint);
    return at !== undefined && at < end ? at : undefined;
  };
  const inReturn = input.records
    .filter((r) => r.complaint.regime === 'au-asic')
    .filter((r) => {
      const { receivedAt } = r.complaint;
      if (receivedAt >= end) return false;
      if (receivedAt >= start) return true;
      const at = decidedAt(r.complaint);
      return at === undefined || at >= start; // open at the period's start
    })
    .sort((a, b) => a.complaint.receivedAt.localeCompare(b.complaint.receivedAt));

  const rows: Cell[][] = inReturn.map(({ complaint: c }) => {
    const closedAt = decidedIn({ complaint: c, clocks: [] });
    const outcome = closedAt ? c.resolution?.outcome : undefined;
    return [
      c.complaintId,
      localDateIn(new Date(c.receivedAt), tz),
      closedAt ? localDateIn(new Date(closedAt), tz) : null,
      closedAt ? 'Closed' : 'Open',
      asic.channelByChannel[c.channel as keyof typeof asic.channelByChannel] ?? null,
      asic.product,
      c.category ? asic.issueByCategory[c.category as keyof typeof asic.issueByCategory] : null,
      outcome ? asic.outcomeByOutcome[outcome as keyof typeof asic.outcomeByOutcome] : null,
      outcome ? (c.resolution?.remedy ? 'Remedy given' : 'No remedy') : null,
      null,
      daysBetween(c.receivedAt, closedAt ?? lastInstant, tz),
    ];
  });
  return {
    regime: 'au-asic',
    document: asic.document,
    mappingVersion: regulatorCodes.version,
    period: { from: input.period.from, to: input.period.to, timeZone: tz },
    generatedAt: input.generatedAt.toISOString(),
    gaps,
    notes: [
      ...sourceNotes,
      `Dates are local dates in ${tz}; days open count calendar days after the day of receipt, up to the ` +
        'closing date or, for an open complaint, the end of the period (or today, if sooner).',
    ],
    columns: ASIC_COLUMNS,
    rows,
  };
}
