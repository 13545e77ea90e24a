/**
 * EventBridge Scheduler, locally. Time comes from the controllable clock: the scheduler ticks every
 * second, and `/dev/clock` calls `catchUp` after moving time. Every occurrence that became due runs
 * with the clock set to its scheduled instant, in time order, so an hourly planner skipped over by a
 * three-day jump still runs once per hour; frequent schedules (timer sweeps) run once per step, and
 * after each occurrence of a daily one.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { ControllableClock } from '#shared/clock';
import type { ScheduleSpec, Topology } from '../topology-types';
import type { Invoker } from './invoke';
import { localLog } from './log';
import { parseScheduleExpression, type ScheduleTimes } from './schedule-expression';

/** Bounds a catch-up over a long jump (a year of an hourly schedule is 8,784 runs). */
const MAX_OCCURRENCES_PER_SCHEDULE = 9_000;
const DAY_MS = 86_400_000;

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
    return this.#serial(() => this.#invoke(schedule.spec, this.clock.now()));
  }

  /** Runs every occurrence that fell due since the last check; serialised with every other run. */
  catchUp(): Promise<unknown> {
    return this.#serial(async () => {
      const until = this.clock.now();
      if (until.getTime() < this.#checkedUntil.getTime()) {
        this.#checkedUntil = until; // the clock was set back: nothing is due twice
        return;
      }
      const due: { schedule: LocalSchedule; at: Date; sweepAfter: boolean }[] = [];
      const frequentDue = new Set<LocalSchedule>();
      for (const schedule of this.#schedules) {
        const times = schedule.times.between(this.#checkedUntil, until, MAX_OCCURRENCES_PER_SCHEDULE);
        if (times.length === 0) continue;
        if (schedule.times.frequent) frequentDue.add(schedule);
        else {
          // sweeps run after each occurrence of a daily (or rarer) schedule, so a timer due that day
          // fires in order with it; after every occurrence of an hourly one (the care planner) they
          // would multiply a month's jump by 720 for nothing, so they wait for the step's end
          const subDaily = times.length > 1 && times[1]!.getTime() - times[0]!.getTime() < DAY_MS;
          for (const at of times) due.push({ schedule, at, sweepAfter: !subDaily });
        }
      }
      this.#checkedUntil = until;
      if (due.length === 0 && frequentDue.size === 0) return;
      due.sort((a, b) => a.at.getTime() - b.at.getTime());
      try {
        for (const { schedule, at, sweepAfter } of due) {
          // time stands still at the scheduled instant while its run and the sweeps after it read it
          this.clock.freeze(at);
          await this.#invoke(schedule.spec, at);
          if (sweepAfter) for (const frequent of frequentDue) await this.#invoke(frequent.spec, at);
        }
      } finally {
        this.clock.unfreeze(until);
      }
      for (const frequent of frequentDue) await this.#invoke(frequent.spec, until);
    });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #invoke(spec: ScheduleSpec, at: Date): Promise<void> {
    try {
      await this.invoker.invoke(spec.function, scheduledEvent(spec, at, this.region));
      this.runs.push({ schedule: spec.name, scheduledTime: at.toISOString(), ok: true });
    } catch (error) {
      // Scheduler would retry per its policy and then use the DLQ; locally the failure is logged.
      this.runs.push({ schedule: spec.name, scheduledTime: at.toISOString(), ok: false });
      localLog.warn(`schedule ${spec.name} failed`, error);
    }
  }
}
