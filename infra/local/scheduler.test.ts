/**
 * The local scheduler over a jump of its clock: each occurrence of an hourly schedule runs at its
 * instant, a minutely sweep runs once at the jump's end, and again while it answers `moreDue`
 * (it stopped before its timeout with a backlog left), as the following minutes would on AWS.
 */
import { describe, expect, it } from 'vitest';
import { ControllableClock } from '#shared/clock';
import type { ScheduleSpec, Topology } from '../topology-types';
import type { Invoker } from './invoke';
import { LocalScheduler } from './scheduler';

const schedule = (name: string, expression: string): ScheduleSpec => ({
  name,
  function: name,
  expression,
  timeZone: 'UTC',
  description: name,
});

function scheduler(answers: Record<string, (run: number) => unknown>) {
  const clock = new ControllableClock();
  clock.set(new Date('2027-03-01T00:30:00Z'));
  const calls: { fn: string; time: string }[] = [];
  const invoker = {
    async invoke(fn: string, event: { time: string }) {
      calls.push({ fn, time: event.time });
      return answers[fn]?.(calls.filter((c) => c.fn === fn).length);
    },
  } as unknown as Invoker;
  const topology = {
    schedules: [schedule('sweep', 'rate(1 minute)'), schedule('planner', 'cron(0 * * * ? *)')],
  } as unknown as Topology;
  return { clock, calls, local: new LocalScheduler(topology, clock, invoker, 'local') };
}

describe('LocalScheduler', () => {
  it('runs a minutely sweep again while it answers moreDue, after the hourly occurrences', async () => {
    const { clock, calls, local } = scheduler({ sweep: (run) => ({ moreDue: run < 3 }) });
    clock.advance(3 * 3_600_000);
    await local.catchUp();
    expect(calls.map((c) => c.fn)).toEqual(['planner', 'planner', 'planner', 'sweep', 'sweep', 'sweep']);
    expect(calls.slice(0, 3).map((c) => c.time)).toEqual([
      '2027-03-01T01:00:00Z',
      '2027-03-01T02:00:00Z',
      '2027-03-01T03:00:00Z',
    ]);
    expect(local.runs.every((r) => r.ok)).toBe(true);
  });

  it('runs a sweep once when it answers nothing, and at most 20 times when it always has more', async () => {
    const once = scheduler({});
    once.clock.advance(120_000);
    await once.local.catchUp();
    expect(once.calls.map((c) => c.fn)).toEqual(['sweep']);

    const endless = scheduler({ sweep: () => ({ moreDue: true }) });
    await endless.local.runNow('sweep');
    expect(endless.calls.length).toBe(20);
  });
});
