/**
 * The runner for the regime scenario tables (*.scenarios.test.ts): each row is a dated case built
 * from a regulation's wording, run through the real clock functions (startClock, pauseClock,
 * resumeClock, extendClock, restartClock, stopClock) with the real regimes.json and the real
 * business calendars. Expected instants in the tables are literal, worked out by hand from the
 * calendars' data and the regulations; the runner never derives them from the code under test.
 *
 * A row whose `discrepancy` is set holds the regulation's answer where the domain code gives another
 * one: it runs as `it.fails` and the comment says why, so the day the code is corrected the row
 * starts failing and its marker must come off.
 */
import { describe, expect, it } from 'vitest';
import { calendarFor } from '#shared/calendar/business-calendar';
import type { Role } from '#shared/contracts/roles';
import {
  type ClockState,
  type ExtensionPlan,
  extendClock,
  pauseClock,
  restartClock,
  resumeClock,
  type SlaClock,
  startClock,
  stopClock,
} from '../domain/clock';
import { type SlaTrigger, stepClock } from '../domain/clock-inputs';
import { type ClockName, type PauseReason, type RegimeId, slaPolicy } from '../domain/policy';

/** What happens to the clock after receipt, in order. Instants are ISO 8601 (an offset or Z). */
export type Step =
  | { readonly at: string; readonly action: 'pause'; readonly reason: PauseReason }
  | { readonly at: string; readonly action: 'resume'; readonly reason?: string }
  | {
      readonly at: string;
      readonly action: 'extend';
      /** The total period asked for, counted from the start of the current period. */
      readonly days: number;
      readonly role: Role;
      readonly reason?: string;
    }
  | {
      readonly at: string;
      readonly action: 'restart';
      /**
       * new-facts: only where the regime restarts on new facts (as track-complaint does);
       * customer-contact and reopened always start a new period.
       */
      readonly reason: 'new-facts' | 'customer-contact' | 'reopened';
    }
  | { readonly at: string; readonly action: 'stop'; readonly reason?: string }
  | {
      readonly at: string;
      /** A complaint event, through the SLA service's own step (clock-inputs.ts stepClock). */
      readonly action: 'event';
      readonly event: ScenarioEvent;
    };

/** Complaint events a row can send to the clock, and the trigger each one is. */
const scenarioEvents = {
  'acknowledgement-sent': { kind: 'acknowledged', complaintId: 'complaint-1' },
  resolved: { kind: 'resolved', complaintId: 'complaint-1' },
  closed: { kind: 'closed', complaintId: 'complaint-1' },
  'hardship-marked': {
    kind: 'status-changed',
    complaintId: 'complaint-1',
    from: 'in-progress',
    to: 'in-progress',
    hardship: true,
    hardshipReason: 'default notice issued',
  },
  'hardship-unmarked': {
    kind: 'status-changed',
    complaintId: 'complaint-1',
    from: 'in-progress',
    to: 'in-progress',
    hardship: false,
    hardshipReason: 'marked in error',
  },
} as const satisfies Record<string, SlaTrigger>;
export type ScenarioEvent = keyof typeof scenarioEvents;

export interface Expected {
  /** The deadline in force after the last step (a UTC instant, written literally). */
  readonly dueAt: string;
  /** Defaults to 'running'. */
  readonly state?: ClockState;
  /** Defaults to false: only answers reading CN 2027 data are provisional. */
  readonly provisional?: boolean;
  /** Start of the current period (receipt, or the latest restart), when the row is about it. */
  readonly startedAt?: string;
  /** Outcome of the last extend step. */
  readonly extensionAllowed?: boolean;
  /** The last allowed extension's tier asks for notice to the customer. */
  readonly customerNotice?: boolean;
  /** Substring of the last extend step's rule: the tier's when allowed, the refusal's when not. */
  readonly rule?: string;
  /** Whether the last pause step took effect (false: the regime has no such pause). */
  readonly pauseApplied?: boolean;
}

export interface Scenario {
  /** The rule the row exercises, quoted or paraphrased from the regulation. */
  readonly name: string;
  readonly clock: Extract<ClockName, 'acknowledge' | 'resolve' | 'progress-update'>;
  /** Start the resolve clock on the rule's hardshipPeriod (ASIC RG 271: 21 days). */
  readonly hardship?: boolean;
  readonly receivedAt: string;
  readonly steps?: readonly Step[];
  readonly expected: Expected;
  /** Why the domain code's answer differs from the regulation's; the row runs as it.fails. */
  readonly discrepancy?: string;
}

export interface Outcome {
  readonly clock: SlaClock;
  readonly lastExtension?: ExtensionPlan;
  readonly lastPauseApplied?: boolean;
}

export function runScenario(regimeId: RegimeId, row: Scenario): Outcome {
  const regime = slaPolicy.regimes[regimeId];
  if (!regime) throw new Error(`no regime ${regimeId} in regimes.json`);
  const calendar = calendarFor(regime.calendar);
  const rule = regime.clocks[row.clock];
  if (!rule) throw new Error(`${regimeId} has no ${row.clock} clock`);
  let period = rule.period;
  if (row.hardship) {
    if (!rule.hardshipPeriod) throw new Error(`${regimeId} ${row.clock} has no hardship period`);
    period = rule.hardshipPeriod;
  }
  let clock = startClock({
    complaintId: 'complaint-1',
    name: row.clock,
    regime: regimeId,
    rule: { ...rule, period },
    at: new Date(row.receivedAt),
    reason: `received; ${rule.rule}`,
    calendar,
  });
  let lastExtension: ExtensionPlan | undefined;
  let lastPauseApplied: boolean | undefined;
  for (const step of row.steps ?? []) {
    const at = new Date(step.at);
    switch (step.action) {
      case 'pause': {
        const paused = pauseClock(clock, regime, step.reason, at);
        lastPauseApplied = paused !== undefined;
        clock = paused ?? clock;
        break;
      }
      case 'resume':
        clock = resumeClock(clock, at, step.reason ?? 'resumed', calendar) ?? clock;
        break;
      case 'extend':
        lastExtension = extendClock({
          clock,
          rule,
          totalDays: step.days,
          role: step.role,
          at,
          reason: step.reason ?? `extended to ${step.days} days`,
          calendar,
        });
        if (lastExtension.allowed) clock = lastExtension.clock;
        break;
      case 'restart':
        if (step.reason !== 'new-facts' || regime.restartOnNewFacts) {
          clock = restartClock(clock, at, step.reason, calendar);
        }
        break;
      case 'stop':
        clock = stopClock(clock, at, step.reason ?? 'stopped', calendar) ?? clock;
        break;
      case 'event':
        clock = stepClock(clock, scenarioEvents[step.event], at, regime, calendar) ?? clock;
        break;
    }
  }
  return { clock, lastExtension, lastPauseApplied };
}

const instant = (iso: string) => new Date(iso).toISOString();

export function checkOutcome(outcome: Outcome, expected: Expected): void {
  const { clock, lastExtension, lastPauseApplied } = outcome;
  expect(clock.dueAt, 'dueAt').toBe(instant(expected.dueAt));
  expect(clock.state, 'state').toBe(expected.state ?? 'running');
  expect(clock.provisional, 'provisional').toBe(expected.provisional ?? false);
  // the history explains the deadline: its latest entry carries the deadline in force
  expect(clock.history.at(-1)?.dueAt, 'history').toBe(clock.dueAt);
  if (expected.startedAt !== undefined)
    expect(clock.startedAt, 'startedAt').toBe(instant(expected.startedAt));
  if (expected.pauseApplied !== undefined)
    expect(lastPauseApplied, 'pauseApplied').toBe(expected.pauseApplied);
  if (expected.extensionAllowed !== undefined) {
    expect(lastExtension?.allowed, 'extensionAllowed').toBe(expected.extensionAllowed);
  }
  if (expected.customerNotice !== undefined) {
    expect(lastExtension?.allowed && lastExtension.customerNotice, 'customerNotice').toBe(
      expected.customerNotice,
    );
  }
  if (expected.rule !== undefined) {
    const rule = lastExtension?.allowed ? lastExtension.tier.rule : lastExtension?.rule;
    expect(rule, 'rule').toContain(expected.rule);
  }
}

/** One `it` per row (numbered), inside a describe for the regime; at least 40 rows. */
export function scenarioTable(regimeId: RegimeId, rows: readonly Scenario[]): void {
  describe(`${regimeId}: dated scenarios from the regulation's wording`, () => {
    it(`has at least 40 scenarios (${rows.length})`, () => {
      expect(rows.length).toBeGreaterThanOrEqual(40);
    });
    rows.forEach((row, index) => {
      const title = `#${index + 1} [${row.clock}] ${row.name}`;
      const test = row.discrepancy ? it.fails : it;
      test(title, () => {
        checkOutcome(runScenario(regimeId, row), row.expected);
      });
    });
  });
}
