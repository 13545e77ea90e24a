/**
 * The complaints report for a period of receipt: counts by every dimension a regulator's return asks
 * for, how often each SLA clock was met, how long resolution took, repeat and duplicate complaints,
 * and the same figures as one CSV section. Pure: the complaints and their clocks come in through a
 * port and time comes in as values. Which return field each row feeds: docs/reports.md.
 */
import { addDays, type LocalDate, toEpochDay } from '#shared/calendar/local-date';
import { instantIn } from '#shared/calendar/zoned-time';
import type { Complaint } from '#shared/contracts/complaint';
import type { Role } from '#shared/contracts/roles';
import { canonicalRootCause, rootCauseCodes } from '#shared/contracts/root-causes/taxonomy';
import {
  categories,
  channels,
  complaintStatuses,
  outcomes,
  priorities,
  teams,
} from '#shared/contracts/vocabulary';
import { Forbidden } from '#shared/domain/errors';
import type { SlaClock } from '../../sla/domain/clock';
import {
  type ClockTrend,
  clockTrend,
  type RootCauseCount,
  type SlaWatch,
  slaWatch,
  type TrendBucket,
  topRootCauses,
} from './report-dashboard';

/** A leap year's quarter-by-quarter returns fit; anything longer is an export, not a report. */
export const MAX_PERIOD_DAYS = 366;
export const REPEAT_WINDOW_DAYS = 90;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Dates in the company's time zone, both included: a quarter is 2026-01-01 … 2026-03-31. */
export interface ReportPeriod {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly timeZone: string;
}

/** Why the dates cannot make a report period, or undefined when they can. */
export function periodProblem(from: LocalDate, to: LocalDate): string | undefined {
  const days = toEpochDay(to) - toEpochDay(from) + 1;
  if (days < 1) return '`from` must not be after `to`';
  if (days > MAX_PERIOD_DAYS) return `A report covers at most ${MAX_PERIOD_DAYS} days`;
  return undefined;
}

/** The instants a period covers: from its first local midnight up to (not including) the one after it. */
export function receiptWindow(period: ReportPeriod): { receivedFrom: Date; receivedBefore: Date } {
  return {
    receivedFrom: instantIn(period.from, '00:00', period.timeZone),
    receivedBefore: instantIn(addDays(period.to, 1), '00:00', period.timeZone),
  };
}

export type ReportedResolution = Pick<
  NonNullable<Complaint['resolution']>,
  'outcome' | 'rootCause' | 'resolvedAt' | 'remedy'
>;
export type ReportedComplaint = Pick<
  Complaint,
  | 'complaintId'
  | 'receivedAt'
  | 'status'
  | 'channel'
  | 'customerKey'
  | 'category'
  | 'priority'
  | 'team'
  | 'possibleDuplicateOf'
  | 'escalated'
  | 'regime'
  | 'closedAt'
> & { readonly resolution?: ReportedResolution };
export type ReportedClock = Pick<SlaClock, 'name' | 'regime' | 'state' | 'dueAt' | 'stoppedAt' | 'lapses'> &
  Partial<Pick<SlaClock, 'firedThresholds'>>;

export interface ComplaintRecord {
  readonly complaint: ReportedComplaint;
  readonly clocks: readonly ReportedClock[];
}

/** What the index of receipt holds for every complaint of the period, whoever may see it. */
export type ReceivedComplaint = Pick<Complaint, 'complaintId' | 'receivedAt' | 'customerKey' | 'team'>;

export interface ReportSource {
  /** Every complaint received in [from, before), in order of receipt. */
  receivedBetween(from: Date, before: Date): Promise<ReceivedComplaint[]>;
  /** Each complaint with its clocks; a complaint no longer found is left out. */
  recordsOf(complaintIds: readonly string[]): Promise<ComplaintRecord[]>;
  /** The ids of every complaint open now (neither resolved nor closed), whenever it was received. */
  openComplaintIds(): Promise<string[]>;
}

export interface ReportViewer {
  readonly role: Role;
  readonly team: string | undefined;
}

export type ReportScope = { readonly teams: 'all' } | { readonly team: string };

export interface ClockCompliance {
  readonly regime: string;
  readonly clock: string;
  readonly met: number;
  /** Breached, whether the clock has stopped since or is still running late. */
  readonly breached: number;
  /** met / (met + breached); null while no clock has a verdict. */
  readonly metShare: number | null;
  /** No verdict yet, so outside metShare. */
  readonly running: number;
  readonly paused: number;
  /** Stopped without a verdict (the complaint was withdrawn), also outside metShare. */
  readonly stopped: number;
  /**
   * Windows that ended unused, neither met nor breached, outside metShare: for uk-fca/acknowledge,
   * complaints not resolved by close of the third business day, which continued under the eight
   * weeks of uk-fca/resolve (DISP 1.5 → 1.6). Counted once the window's deadline has passed.
   */
  readonly lapsed: number;
}

export interface ComplaintReport {
  readonly period: {
    readonly from: LocalDate;
    readonly to: LocalDate;
    readonly timeZone: string;
    readonly receivedFrom: string;
    readonly receivedBefore: string;
  };
  readonly scope: ReportScope;
  readonly generatedAt: string;
  readonly totals: {
    readonly received: number;
    readonly open: number;
    readonly resolved: number;
    readonly closed: number;
  };
  readonly counts: {
    readonly category: Readonly<Record<string, number>>;
    readonly channel: Readonly<Record<string, number>>;
    readonly team: Readonly<Record<string, number>>;
    readonly priority: Readonly<Record<string, number>>;
    readonly status: Readonly<Record<string, number>>;
    readonly outcome: Readonly<Record<string, number>>;
    readonly rootCause: Readonly<Record<string, number>>;
  };
  readonly clocks: readonly ClockCompliance[];
  /** Calendar hours from receipt to the decision, over the period's complaints now resolved or closed. */
  readonly timeToResolve: {
    readonly resolved: number;
    readonly medianHours: number | null;
    readonly p90Hours: number | null;
  };
  readonly repeatComplaints: {
    readonly windowDays: number;
    readonly count: number;
    readonly rate: number | null;
    readonly basis: string;
  };
  readonly possibleDuplicates: number;
  readonly escalated: number;
  /** The period's complaints as they stand at generatedAt: what a lead watches (report-dashboard.ts). */
  readonly now: SlaWatch;
  /** Met and breached clocks by when the verdict came, per regime and clock. */
  readonly clockTrend: { readonly bucket: TrendBucket; readonly series: readonly ClockTrend[] };
  readonly topRootCauses: readonly RootCauseCount[];
}

export const NOT_TRIAGED = 'not-triaged';
export const NOT_RESOLVED = 'not-resolved';

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const ratio = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 4));

/**
 * The p-quantile of values sorted ascending, interpolating between closest ranks (as Excel's
 * PERCENTILE.INC and numpy's default do), so p = 0.5 is the usual median.
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const lower = sorted[below]!;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return lower + (upper - lower) * (rank - below);
}

/** Every vocabulary value appears, with 0 if need be, so one quarter's return lines up with the next. */
function tally(
  values: readonly (string | undefined)[],
  vocabulary: readonly string[],
  missing?: string,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of vocabulary) counts[value] = 0;
  if (missing) counts[missing] = 0;
  for (const value of values) {
    const key = value ?? missing ?? 'unknown';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Decided: resolved or closed with a recorded decision; a reopened complaint's old decision is not final. */
function decisionOf(complaint: ReportedComplaint): ReportedResolution | undefined {
  const done = complaint.status === 'resolved' || complaint.status === 'closed';
  return done ? complaint.resolution : undefined;
}

/** A window that lapses has lapsed once its deadline passed, whether or not an event recorded it yet. */
function stateAt(clock: ReportedClock, now: Date): string {
  const open = clock.state === 'running' || clock.state === 'paused';
  return clock.lapses && open && Date.parse(clock.dueAt) < now.getTime() ? 'lapsed' : clock.state;
}

function clockCompliance(records: readonly ComplaintRecord[], now: Date): ClockCompliance[] {
  const byClock = new Map<string, { regime: string; clock: string; states: Record<string, number> }>();
  for (const { clocks } of records) {
    for (const c of clocks) {
      const key = `${c.regime}\u0000${c.name}`;
      let entry = byClock.get(key);
      if (!entry) {
        entry = { regime: c.regime, clock: c.name, states: {} };
        byClock.set(key, entry);
      }
      const state = stateAt(c, now);
      entry.states[state] = (entry.states[state] ?? 0) + 1;
    }
  }
  return [...byClock.values()]
    .sort((a, b) => a.regime.localeCompare(b.regime) || a.clock.localeCompare(b.clock))
    .map(({ regime, clock, states }) => {
      const met = states.met ?? 0;
      const breached = states.breached ?? 0;
      return {
        regime,
        clock,
        met,
        breached,
        metShare: ratio(met, met + breached),
        running: states.running ?? 0,
        paused: states.paused ?? 0,
        stopped: states.stopped ?? 0,
        lapsed: states.lapsed ?? 0,
      };
    });
}

/**
 * Complaints whose customer had complained within the window before (any team's complaint counts).
 * Only complaints read for the report are seen, so early in the period an earlier complaint from
 * before `from` is missed: the rate is a lower bound for the first 90 days of the period.
 */
export function repeatComplaintIds(history: readonly ReceivedComplaint[]): Set<string> {
  const byCustomer = new Map<string, ReceivedComplaint[]>();
  for (const c of history) {
    const list = byCustomer.get(c.customerKey) ?? [];
    list.push(c);
    byCustomer.set(c.customerKey, list);
  }
  const repeats = new Set<string>();
  for (const list of byCustomer.values()) {
    list.sort(
      (a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.complaintId.localeCompare(b.complaintId),
    );
    for (let i = 1; i < list.length; i++) {
      const gap = Date.parse(list[i]!.receivedAt) - Date.parse(list[i - 1]!.receivedAt);
      if (gap <= REPEAT_WINDOW_DAYS * DAY_MS) repeats.add(list[i]!.complaintId);
    }
  }
  return repeats;
}

export function aggregateReport(args: {
  period: ReportPeriod;
  scope: ReportScope;
  records: readonly ComplaintRecord[];
  /** Every complaint read, in scope or not, for repeat detection; the records' own when omitted. */
  history?: readonly ReceivedComplaint[];
  /**
   * The open complaints in scope received before the period (or after it), which `now` counts too:
   * a lead's watch covers all open work, not only the period's.
   */
  openBeyondPeriod?: readonly ComplaintRecord[];
  generatedAt: Date;
}): ComplaintReport {
  const { period, scope, records } = args;
  const complaints = records.map((r) => r.complaint);
  const window = receiptWindow(period);
  const decisions = complaints.map(decisionOf);

  const hoursToResolve = complaints
    .flatMap((c, i) => {
      const decision = decisions[i];
      return decision ? [(Date.parse(decision.resolvedAt) - Date.parse(c.receivedAt)) / HOUR_MS] : [];
    })
    .sort((a, b) => a - b);
  const hours = (p: number) => {
    const value = quantile(hoursToResolve, p);
    return value === null ? null : round(value, 2);
  };

  const repeats = repeatComplaintIds(args.history ?? complaints);
  const repeatCount = complaints.filter((c) => repeats.has(c.complaintId)).length;
  const count = (status: string) => complaints.filter((c) => c.status === status).length;
  const rootCauseCounts = tally(
    // resolutions recorded before the taxonomy count under the code their v1 value maps to
    decisions.map((d) => (d ? (canonicalRootCause(d.rootCause) ?? d.rootCause) : undefined)),
    rootCauseCodes,
    NOT_RESOLVED,
  );

  return {
    period: {
      from: period.from,
      to: period.to,
      timeZone: period.timeZone,
      receivedFrom: window.receivedFrom.toISOString(),
      receivedBefore: window.receivedBefore.toISOString(),
    },
    scope,
    generatedAt: args.generatedAt.toISOString(),
    totals: {
      received: complaints.length,
      open: complaints.length - count('resolved') - count('closed'),
      resolved: count('resolved'),
      closed: count('closed'),
    },
    counts: {
      category: tally(
        complaints.map((c) => c.category),
        categories,
        NOT_TRIAGED,
      ),
      channel: tally(
        complaints.map((c) => c.channel),
        channels,
      ),
      team: tally(
        complaints.map((c) => c.team),
        teams,
        NOT_TRIAGED,
      ),
      priority: tally(
        complaints.map((c) => c.priority),
        priorities,
        NOT_TRIAGED,
      ),
      status: tally(
        complaints.map((c) => c.status),
        complaintStatuses,
      ),
      outcome: tally(
        decisions.map((d) => d?.outcome),
        outcomes,
        NOT_RESOLVED,
      ),
      rootCause: rootCauseCounts,
    },
    clocks: clockCompliance(records, args.generatedAt),
    timeToResolve: { resolved: hoursToResolve.length, medianHours: hours(0.5), p90Hours: hours(0.9) },
    repeatComplaints: {
      windowDays: REPEAT_WINDOW_DAYS,
      count: repeatCount,
      rate: ratio(repeatCount, complaints.length),
      basis:
        `a complaint counts when the same customer complained within ${REPEAT_WINDOW_DAYS} days before it; ` +
        `only complaints received from ${period.from} on are seen, so in the period's first ` +
        `${REPEAT_WINDOW_DAYS} days the rate is a lower bound`,
    },
    possibleDuplicates: complaints.filter((c) => c.possibleDuplicateOf).length,
    escalated: complaints.filter((c) => c.escalated === true).length,
    now: slaWatch([...records, ...(args.openBeyondPeriod ?? [])], args.generatedAt, period.timeZone),
    clockTrend: clockTrend(records, period),
    topRootCauses: topRootCauses(rootCauseCounts, NOT_RESOLVED),
  };
}

/** Admins see every team; a lead only their own. */
export function scopeFor(viewer: ReportViewer): ReportScope {
  if (viewer.role === 'admin') return { teams: 'all' };
  if (viewer.role === 'lead' && viewer.team) return { team: viewer.team };
  throw new Forbidden(
    viewer.role === 'lead'
      ? 'Your token names no team, so there is no team to report on.'
      : 'Reports are for team leads and admins.',
  );
}

/** The use case: read the period, keep what the viewer may see, aggregate. */
export async function complaintReport(
  request: { period: ReportPeriod; viewer: ReportViewer; now: Date },
  source: ReportSource,
): Promise<ComplaintReport> {
  const scope = scopeFor(request.viewer);
  const visible = (team: string | undefined) => !('team' in scope) || team === scope.team;
  const { receivedFrom, receivedBefore } = receiptWindow(request.period);
  const [received, open] = await Promise.all([
    source.receivedBetween(receivedFrom, receivedBefore),
    source.openComplaintIds(),
  ]);
  const inPeriod = new Set(received.map((c) => c.complaintId));
  const [records, beyond] = await Promise.all([
    source.recordsOf(received.filter((c) => visible(c.team)).map((c) => c.complaintId)),
    // open work received outside the period: read once, kept for `now` only
    source.recordsOf(open.filter((id) => !inPeriod.has(id))),
  ]);
  return aggregateReport({
    period: request.period,
    scope,
    // the index may lag a team change: the complaint item itself decides
    records: records.filter((r) => visible(r.complaint.team)),
    history: received,
    openBeyondPeriod: beyond.filter((r) => visible(r.complaint.team)),
    generatedAt: request.now,
  });
}

export const CSV_COLUMNS = ['dimension', 'value', 'count', 'share', 'hours'] as const;
type CsvRow = readonly [string, string, number, number | null, number | null];

/** RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * One section, one row per figure: (dimension, value, count) with the count's share of the period's
 * complaints, then per clock its states and met share, then the resolution times in hours.
 */
export function reportCsv(report: ComplaintReport): string {
  const received = report.totals.received;
  const share = (n: number) => ratio(n, received);
  const rows: CsvRow[] = [
    ['period', `${report.period.from}/${report.period.to}`, received, null, null],
    ['scope', 'team' in report.scope ? `team:${report.scope.team}` : 'all-teams', received, null, null],
  ];
  for (const [value, n] of Object.entries(report.totals)) rows.push(['totals', value, n, share(n), null]);
  const dimensions: [string, Readonly<Record<string, number>>][] = [
    ['category', report.counts.category],
    ['channel', report.counts.channel],
    ['team', report.counts.team],
    ['priority', report.counts.priority],
    ['status', report.counts.status],
    ['outcome', report.counts.outcome],
    ['root-cause', report.counts.rootCause],
  ];
  for (const [dimension, counts] of dimensions) {
    for (const [value, n] of Object.entries(counts)) rows.push([dimension, value, n, share(n), null]);
  }
  for (const c of report.clocks) {
    const dimension = `clock:${c.regime}:${c.clock}`;
    for (const state of ['met', 'breached', 'running', 'paused', 'stopped', 'lapsed'] as const) {
      rows.push([dimension, state, c[state], null, null]);
    }
    rows.push([dimension, 'met-share', c.met + c.breached, c.metShare, null]);
  }
  const { resolved, medianHours, p90Hours } = report.timeToResolve;
  rows.push(['time-to-resolve', 'median', resolved, null, medianHours]);
  rows.push(['time-to-resolve', 'p90', resolved, null, p90Hours]);
  const repeat = report.repeatComplaints;
  rows.push(['repeat-complaints', `within-${repeat.windowDays}-days`, repeat.count, repeat.rate, null]);
  rows.push([
    'possible-duplicates',
    'flagged',
    report.possibleDuplicates,
    share(report.possibleDuplicates),
    null,
  ]);
  rows.push(['escalated', 'escalated', report.escalated, share(report.escalated), null]);
  return `${[CSV_COLUMNS, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
