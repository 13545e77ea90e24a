import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor } from '#shared/calendar/business-calendar';
import type { ComplaintStatus } from '#shared/contracts/vocabulary';
import { type ClockInput, type SlaClock, startClock } from './clock';
import { type SlaTrigger, takeInput } from './clock-inputs';
import { slaPolicy } from './policy';

const cn = calendarFor('CN');
const nfra = slaPolicy.regimes['cn-nfra']!;
const fractions = slaPolicy.warningFractions;

function resolveClock(receivedAt: string): SlaClock {
  const clock = startClock({
    complaintId: 'C1',
    name: 'resolve',
    regime: 'cn-nfra',
    rule: nfra.clocks.resolve!,
    at: new Date(receivedAt),
    reason: 'received',
    calendar: cn,
  });
  return { ...clock, origin: clock, inputs: [] };
}

const take = (clock: SlaClock, input: ClockInput) => takeInput(clock, input, nfra, cn, fractions) ?? clock;

const input = (id: string, at: string, trigger: SlaTrigger): ClockInput => ({ id, at, trigger });

describe('clock inputs: composed in the order they happened', () => {
  // Received Mon 2 Mar 2026 09:00 Shanghai; new facts Tue 10 Mar 10:00, then 15 more days asked
  // Wed 11 Mar. New facts restart the 15 days from 10 Mar (→ 25 Mar); the extension makes that
  // period 30 days from 10 Mar → 9 Apr 24:00 Shanghai = 9 Apr 16:00Z.
  const newFacts = input('01KNEWFACTS000000000000000', '2026-03-10T02:00:00.000Z', {
    kind: 'status-changed',
    complaintId: 'C1',
    from: 'awaiting-customer',
    to: 'in-progress',
    newFacts: true,
  });
  const extension = input('01KEXTENSION00000000000000', '2026-03-11T02:00:00.000Z', {
    kind: 'extended',
    complaintId: 'C1',
    totalDays: 30,
    role: 'agent',
    reason: 'complex case',
  });

  it('a restart then an extension keep the extension, whichever event arrives first', () => {
    const received = resolveClock('2026-03-02T01:00:00Z');
    const inOrder = take(take(received, newFacts), extension);
    const extensionFirst = take(take(received, extension), newFacts);
    expect(inOrder.dueAt).toBe('2026-04-09T16:00:00.000Z');
    expect(extensionFirst.dueAt).toBe('2026-04-09T16:00:00.000Z');
    expect(extensionFirst.history.map((h) => h.change)).toEqual(['started', 'restarted', 'extended']);
    expect(extensionFirst.history.at(-1)?.dueAt).toBe(extensionFirst.dueAt);
  });

  it('takes each event once: a redelivery changes nothing', () => {
    const once = take(resolveClock('2026-03-02T01:00:00Z'), newFacts);
    expect(takeInput(once, newFacts, nfra, cn, fractions)).toBeUndefined();
  });

  /** A plausible run of case work after receipt: each step valid in the status it finds. */
  const caseWork = fc
    .array(
      fc.record({
        gapMinutes: fc.integer({ min: 1, max: 5 * 24 * 60 }),
        kind: fc.constantFrom('request-info', 'customer-response', 'extend', 'note', 'appraisal'),
        newFacts: fc.boolean(),
        extraDays: fc.integer({ min: 1, max: 30 }),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .map((steps) => {
      let at = Date.parse('2026-03-02T01:00:00Z');
      let status: ComplaintStatus = 'in-progress';
      let days = 15;
      const inputs: ClockInput[] = [];
      steps.forEach((step, i) => {
        at += step.gapMinutes * 60_000;
        const id = `01K${String(i).padStart(23, '0')}`;
        const when = new Date(at).toISOString();
        const changed = (to: ComplaintStatus, extra: Partial<SlaTrigger> = {}) => {
          inputs.push(
            input(id, when, {
              kind: 'status-changed',
              complaintId: 'C1',
              from: status,
              to,
              ...extra,
            } as SlaTrigger),
          );
          status = to;
        };
        if (step.kind === 'request-info' && status !== 'awaiting-customer')
          changed('awaiting-customer', { customerContact: true });
        else if (step.kind === 'customer-response' && status === 'awaiting-customer') {
          changed('in-progress', { newFacts: step.newFacts });
          if (step.newFacts) days = 15;
        } else if (step.kind === 'extend' && days + step.extraDays <= 60) {
          days += step.extraDays;
          inputs.push(
            input(id, when, {
              kind: 'extended',
              complaintId: 'C1',
              totalDays: days,
              role: 'lead',
              reason: 'complex',
            }),
          );
        } else if (step.kind === 'appraisal' && status === 'in-progress')
          changed('in-progress', { pauseReason: 'appraisal' });
        else changed(status, { customerContact: true });
      });
      return inputs;
    });

  it('any order of arrival gives the same clock as the order things happened', () => {
    fc.assert(
      fc.property(
        caseWork.chain((inputs) =>
          fc.tuple(fc.constant(inputs), fc.shuffledSubarray(inputs, { minLength: inputs.length })),
        ),
        ([happened, arrived]) => {
          const received = resolveClock('2026-03-02T01:00:00Z');
          const expected = happened.reduce(take, received);
          const actual = arrived.reduce(take, received);
          expect(actual.dueAt).toBe(expected.dueAt);
          expect(actual.state).toBe(expected.state);
          expect(actual.startedAt).toBe(expected.startedAt);
          expect(actual.period).toEqual(expected.period);
          expect(actual.history).toEqual(expected.history);
        },
      ),
      { numRuns: 300 },
    );
  });
});
