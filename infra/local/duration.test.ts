import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addIsoDuration } from './duration';

describe('addIsoDuration', () => {
  const from = new Date('2026-01-31T10:00:00Z');

  it('adds days, hours, minutes and seconds exactly', () => {
    expect(addIsoDuration(from, 'P1DT2H30M15S').toISOString()).toBe('2026-02-01T12:30:15.000Z');
    expect(addIsoDuration(from, 'P2W').toISOString()).toBe('2026-02-14T10:00:00.000Z');
  });

  it('adds calendar months and years', () => {
    expect(addIsoDuration(new Date('2026-01-15T00:00:00Z'), 'P1M').toISOString()).toBe(
      '2026-02-15T00:00:00.000Z',
    );
    expect(addIsoDuration(new Date('2026-01-15T00:00:00Z'), 'P1Y').toISOString()).toBe(
      '2027-01-15T00:00:00.000Z',
    );
  });

  it('rejects what is not a duration', () => {
    for (const bad of ['', 'P', 'PT', '1D', 'P1H', 'three days', 'P-1D'])
      expect(() => addIsoDuration(from, bad)).toThrow();
  });

  it('is monotonic and additive for day-time durations', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.nat(400),
        fc.nat(48),
        fc.nat(120),
        (start, days, hours, minutes) => {
          const whole = addIsoDuration(start, `P${days}DT${hours}H${minutes}M`);
          const stepwise = addIsoDuration(addIsoDuration(start, `P${days}D`), `PT${hours}H${minutes}M`);
          expect(whole.getTime()).toBe(stepwise.getTime());
          expect(whole.getTime()).toBe(start.getTime() + ((days * 24 + hours) * 60 + minutes) * 60_000);
        },
      ),
    );
  });
});
