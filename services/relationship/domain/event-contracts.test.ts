/** The length of an event POST /v1/events accepts: its invitations are kept a year from the start. */
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_DAYS, NewCustomerEvent } from './event-contracts';

const event = (endsAt?: string) => ({
  title: '冬季养生健康讲座',
  kind: 'health-talk',
  customerIds: ['C0001'],
  venue: '静安客户服务中心',
  startsAt: '2026-12-20T06:00:00Z',
  ...(endsAt && { endsAt }),
  capacity: 30,
});
const endsAtErrors = (endsAt?: string) => {
  const parsed = NewCustomerEvent.safeParse(event(endsAt));
  return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('how long an event lasts', () => {
  it(`may last ${MAX_EVENT_DAYS} days to the second, and no longer`, () => {
    expect(MAX_EVENT_DAYS).toBe(31);
    expect(endsAtErrors('2027-01-20T06:00:00Z')).toEqual([]);
    expect(endsAtErrors('2027-01-20T06:00:01Z')).toEqual([
      ['endsAt', 'Must be at most 31 days after startsAt'],
    ]);
    // an offset is the same instant: 14:00 in Shanghai is 06:00 UTC
    expect(endsAtErrors('2027-01-20T14:00:01+08:00')).toEqual([
      ['endsAt', 'Must be at most 31 days after startsAt'],
    ]);
  });

  it('ends two hours after the start when no end is given, and never before the start', () => {
    expect(endsAtErrors()).toEqual([]);
    expect(endsAtErrors('2026-12-20T05:00:00Z')).toEqual([['endsAt', 'Must be after startsAt']]);
  });

  it('leaves the error on a startsAt that is not an instant, not on endsAt', () => {
    const parsed = NewCustomerEvent.safeParse({ ...event('2027-06-01T00:00:00Z'), startsAt: 'soon' });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toEqual(['startsAt']);
  });
});
