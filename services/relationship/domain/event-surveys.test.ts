import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallClockIn } from '#shared/calendar/zoned-time';
import type { EffectiveProfile } from '#shared/contracts/customer-profile';
import { askDueSurveys, type DueSurvey, type EventSurveyStore, endOf, surveyDueAt } from './event-surveys';

const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Pacific/Auckland'];
const instant = fc.date({
  min: new Date('2026-01-01T00:00:00Z'),
  max: new Date('2030-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const minutesOfDay = (at: string, timeZone: string) => {
  const { hour, minute, second } = wallClockIn(Date.parse(at), timeZone);
  return hour * 60 + minute + second / 60;
};

describe('when the post-event survey falls due', () => {
  it('is never before the end nor before now, always between 09:00 and 19:00 the guest’s time, and no later than needed', () => {
    fc.assert(
      fc.property(instant, instant, fc.constantFrom(...zones), (endsAt, now, timeZone) => {
        const { at } = surveyDueAt(endsAt.toISOString(), timeZone, now);
        const earliest = Math.max(endsAt.getTime(), now.getTime());
        expect(Date.parse(at)).toBeGreaterThanOrEqual(earliest);
        const local = minutesOfDay(at, timeZone);
        expect(local).toBeGreaterThanOrEqual(9 * 60);
        expect(local).toBeLessThanOrEqual(19 * 60);
        // moved only out of the night: at most to the next 09:00, some 14 hours later
        if (Date.parse(at) !== earliest) expect(minutesOfDay(at, timeZone)).toBe(9 * 60);
        expect(Date.parse(at) - earliest).toBeLessThanOrEqual(15 * 3_600_000);
      }),
    );
  });

  it('waits for the next morning after an evening event, and asks the same afternoon after a morning one', () => {
    // ends 21:00 in Shanghai: asked 09:00 the next day there
    expect(
      surveyDueAt('2026-12-20T13:00:00.000Z', 'Asia/Shanghai', new Date('2026-12-20T06:00:00Z')).at,
    ).toBe('2026-12-21T01:00:00.000Z');
    // ends 12:00 in Shanghai: asked at the end
    expect(
      surveyDueAt('2026-12-20T04:00:00.000Z', 'Asia/Shanghai', new Date('2026-12-20T02:00:00Z')).at,
    ).toBe('2026-12-20T04:00:00.000Z');
    // the same end is 23:00 the night before in New York: asked at 09:00 there
    expect(
      surveyDueAt('2026-12-20T04:00:00.000Z', 'America/New_York', new Date('2026-12-20T02:00:00Z')).at,
    ).toBe('2026-12-20T14:00:00.000Z');
  });

  it('takes an event without an end to be over two hours after it starts', () => {
    expect(endOf({ startsAt: '2026-12-20T06:00:00.000Z' })).toBe('2026-12-20T08:00:00.000Z');
    expect(endOf({ startsAt: '2026-12-20T06:00:00.000Z', endsAt: '2026-12-20T10:00:00.000Z' })).toBe(
      '2026-12-20T10:00:00.000Z',
    );
  });
});

const profile = (over: Partial<EffectiveProfile> = {}) =>
  ({
    customerId: 'C1',
    tier: 'gold',
    timeZone: 'Asia/Shanghai',
    consent: { service: true, marketing: false },
    ...over,
  }) as EffectiveProfile;

/** Pointers held in memory, taken away once, and a cap that refuses a second ask. */
function memoryStore(due: DueSurvey[], capped: string[] = []) {
  const pending = new Set(due.map((d) => `${d.eventId}#${d.customerId}`));
  const outcomes: Record<string, string> = {};
  const take = (d: DueSurvey) => pending.delete(`${d.eventId}#${d.customerId}`);
  const store: EventSurveyStore = {
    dueSurveys: async () => due,
    async ask(d) {
      if (capped.includes(d.customerId)) {
        if (!take(d)) return 'gone';
        outcomes[d.customerId] = 'capped';
        return 'capped';
      }
      if (!take(d)) return 'gone';
      outcomes[d.customerId] = 'asked';
      return 'asked';
    },
    async settle(d, outcome) {
      if (!take(d)) return false;
      outcomes[d.customerId] = outcome;
      return true;
    },
    advanceCheckpoint: async () => {},
  };
  return { store, outcomes };
}

describe('asking the due surveys', () => {
  const due = ['C1', 'C2', 'C3', 'C4', 'C5'].map((customerId) => ({
    eventId: 'E1',
    customerId,
    at: '2026-12-20T08:00:00.000Z',
  }));
  const profiles: Record<string, EffectiveProfile | undefined> = {
    C1: profile(),
    C2: profile({ consent: { service: false, marketing: false } }),
    C3: undefined,
    C4: profile({ deceased: true } as Partial<EffectiveProfile>),
    C5: profile(),
  };
  const deps = (store: EventSurveyStore) => ({
    surveys: store,
    profile: async (customerId: string) => profiles[customerId],
    surveyUrl: async (askId: string) => `https://api.example.com/v1/nps?t=${askId}`,
    newId: () => 'ASK1',
  });

  it('asks the guests it may, settles the others with their reason, and asks nobody twice when rerun', async () => {
    const { store, outcomes } = memoryStore(due, ['C5']);
    const at = new Date('2026-12-20T08:00:00Z');
    expect(await askDueSurveys(at, deps(store))).toEqual({
      due: 5,
      asked: 1,
      capped: 1,
      'no-consent': 1,
      'unknown-customer': 2,
    });
    expect(outcomes).toEqual({
      C1: 'asked',
      C2: 'no-consent',
      C3: 'unknown-customer',
      C4: 'unknown-customer',
      C5: 'capped',
    });
    // the same pointers read again (a rerun of the hour): every one is gone
    expect(await askDueSurveys(at, deps(store))).toMatchObject({ due: 5, asked: 0, capped: 0 });
  });
});
