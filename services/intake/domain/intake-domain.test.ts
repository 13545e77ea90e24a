import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestHash } from './file-complaint';
import { newReference } from './reference';
import { isNearIdentical, textSimilarity } from './similarity';

describe('references', () => {
  it('use the local date of receipt in the company time zone', () => {
    // 23:30 UTC on 27 Nov is already 28 Nov in Shanghai
    expect(newReference(new Date('2026-11-27T23:30:00Z'), 'Asia/Shanghai', () => 0)).toBe(
      'CMP-20261128-000000',
    );
  });

  it('always match the contract format', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          expect(newReference(d, 'Asia/Shanghai')).toMatch(/^CMP-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/);
        },
      ),
    );
  });
});

describe('near-identical texts', () => {
  it('ignores case, spacing and punctuation', () => {
    expect(isNearIdentical('My claim was refused!', 'my claim   was refused')).toBe(true);
    expect(isNearIdentical('理赔被拒绝，请处理。', '理赔被拒绝 请处理')).toBe(true);
  });

  it('tells different complaints apart', () => {
    expect(isNearIdentical('My claim was refused', 'My premium was deducted twice')).toBe(false);
    expect(isNearIdentical('理赔被拒绝', '保费被重复扣除')).toBe(false);
  });

  it('is symmetric, bounded, and 1 for identical texts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = textSimilarity(a, b);
        expect(s).toBe(textSimilarity(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(textSimilarity(a, a)).toBe(1);
      }),
    );
  });
});

describe('request hash', () => {
  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(requestHash(reversed)).toBe(requestHash(obj));
      }),
    );
  });

  it('changes with any value', () => {
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });
});
