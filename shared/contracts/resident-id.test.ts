import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidResidentId,
  maskResidentId,
  residentIdBirthDate,
  residentIdCheckCharacter,
} from './resident-id';

const birthDate = fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true });
const first17 = fc
  .tuple(fc.integer({ min: 110000, max: 659999 }), birthDate, fc.integer({ min: 0, max: 999 }))
  .map(
    ([region, date, seq]) =>
      `${region}${date.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`,
  );

describe('resident ID numbers', () => {
  it('accepts known valid numbers, including an X check character', () => {
    expect(isValidResidentId('110101199003074514')).toBe(true);
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
  });

  it('accepts every number with the right check character and reads its birth date', () => {
    fc.assert(
      fc.property(first17, (digits) => {
        const id = digits + residentIdCheckCharacter(digits);
        expect(isValidResidentId(id)).toBe(true);
        expect(residentIdBirthDate(id)).toBe(
          `${digits.slice(6, 10)}-${digits.slice(10, 12)}-${digits.slice(12, 14)}`,
        );
      }),
    );
  });

  it('rejects every wrong check character', () => {
    fc.assert(
      fc.property(first17, fc.constantFrom(...'0123456789X'), (digits, check) => {
        fc.pre(check !== residentIdCheckCharacter(digits));
        expect(isValidResidentId(digits + check)).toBe(false);
      }),
    );
  });

  it('rejects impossible dates and wrong lengths', () => {
    const withCheck = (d: string) => d + residentIdCheckCharacter(d);
    expect(isValidResidentId(withCheck('11010119900230451'))).toBe(false); // 30 February
    expect(isValidResidentId('11010119900307451')).toBe(false);
    expect(isValidResidentId('')).toBe(false);
  });

  it('masks all but the region prefix and the last four characters', () => {
    expect(maskResidentId('110101199003074514')).toBe('110***********4514');
  });
});
