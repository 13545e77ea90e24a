/**
 * EventBridge Scheduler, locally. Time comes from the controllable clock: the scheduler ticks every
 * second, and `/dev/clock` calls `catchUp` after moving time. Every occurrence that became due runs
 * with the clock set to its scheduled instant, in time order, so an hourly planner skipped over by a
 * three-day jump still runs once per hour; frequent schedules (timer sweeps) run once, at the step's
 * end. A sweep fires everything due by then in order, so one run loses nothing; running the sweeps
 * after occurrences of rarer schedules too would make what a jump does depend on whether a weekly
 * job's Monday fell inside it (a breach escalated a day later, or not yet). A run that stops before
 * its timeout with work left (`moreDue`: a sweep over a jump's backlog on a loaded machine) runs
 * again at once, standing for the minutes the jump skipped, as the next occurrence would on AWS.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { ControllableClock } from '#shared/clock';
import type { ScheduledRunResult } from '#shared/middleware/schedule';
import type { ScheduleSpec, Topology } from '../topology-types';
import type { Invoker } from './invoke';
import { localLog } from './log';
import { parseScheduleExpression, type ScheduleTimes } from './schedule-expression';

/** Bounds a catch-up over a long jump (a year of an hourly schedule is 8,784 runs). */
const MAX_OCCURRENCES_PER_SCHEDULE = 9_000;
/** Bounds the runs again of a schedule that keeps answering `moreDue`. */
const MAX_RUNS_WHILE_MORE_DUE = 20;

interface LocalSchedule {
  readonly spec: ScheduleSpec;
  readonly times: ScheduleTimes;
}

export function scheduledEvent(
  spec: ScheduleSpec,
  time: Date,
  region: string,
): ScheduledEvent<{ schedule: string }> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: '000000000000',
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:scheduler:${region}:000000000000:schedule/default/${spec.name}`],
    detail: { schedule: spec.name },
  };
}

export class LocalScheduler {
  readonly #schedules: LocalSchedule[];
  #checkedUntil: Date;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  readonly runs: { schedule: string; scheduledTime: string; ok: boolean }[] = [];

  constructor(
    topology: Topology,
    private readonly clock: ControllableClock,
    private readonly invoker: Invoker,
    private readonly region: string,
  ) {
    this.#checkedUntil = clock.now();
    this.#schedules = topology.schedules.map((spec) => ({
      spec,
      times: parseScheduleExpression(spec.expression, spec.timeZone, this.#checkedUntil),
    }));
  }

  start(): void {
    this.#timer = setInterval(() => void this.catchUp(), 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#queue;
  }

  /** Runs one schedule now, whatever its expression says (`POST /dev/schedules/{name}/run`). */
  runNow(name: string): Promise<unknown> {
    const schedule = this.#schedules.find((s) => s.spec.name === name);
    if (!schedule) throw new Error(`unknown schedule ${name}`);
    return this.#serial(() => this.#runUntilDone(schedule.spec, this.clock.now()));
  }

  /** Runs every occurrence that fell due since the last check; serialised with every other run. */
  catchUp(): Promise<unknown> {
    return this.#serial(async () => {
      const until = this.clock.now();
      if (until.getTime() < this.#checkedUntil.getTime()) {
        this.#checkedUntil = until; // the clock was set back: nothing is due twice
        return;
      }
      const due: { schedule: LocalSchedule; at: Date }[] = [];
      const frequentDue = new Set<LocalSchedule>();
      for (const schedule of this.#schedules) {
        const times = schedule.times.between(this.#checkedUntil, until, MAX_OCCURRENCES_PER_SCHEDULE);
        if (times.length === 0) continue;
        if (schedule.times.frequent) frequentDue.add(schedule);
        else for (const at of times) due.push({ schedule, at });
      }
      this.#checkedUntil = until;
      if (due.length === 0 && frequentDue.size === 0) return;
      due.sort((a, b) => a.at.getTime() - b.at.getTime());
      try {
        for (const { schedule, at } of due) {
          // time stands still at the scheduled instant while its run reads it
          this.clock.freeze(at);
          await this.#invoke(schedule.spec, at);
        }
      } finally {
        this.clock.unfreeze(until);
      }
      for (const frequent of frequentDue) await this.#runUntilDone(frequent.spec, until);
    });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #runUntilDone(spec: ScheduleSpec, at: Date): Promise<void> {
    let result = await this.#invoke(spec, at);
    for (let runs = 1; runs < MAX_RUNS_WHILE_MORE_DUE && result?.moreDue === true; runs++)
      result = await this.#invoke(spec, this.clock.now());
  }

  async #invoke(spec: ScheduleSpec, at: Date): Promise<ScheduledRunResult | undefined> {
    try {
      const result = await this.invoker.invoke(spec.function, scheduledEvent(spec, at, this.region));
      this.runs.push({ schedule: spec.name, scheduledTime: at.toISOString(), ok: true });
      return result as ScheduledRunResult | undefined;
    } catch (error) {
      // Scheduler would retry per its policy and then use the DLQ; locally the failure is logged.
      this.runs.push({ schedule: spec.name, scheduledTime: at.toISOString(), ok: false });
      localLog.warn(`schedule ${spec.name} failed`, error);
      return undefined;
    }
  }
}
