import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLOWEST_FILES, slowestFirst } from './longest-first';

const root = resolve(import.meta.dirname, '../..');

describe('the longest-first test order', () => {
  it('puts the slow files first, in the listed order, and keeps the order of the rest', () => {
    const files = [
      `${root}/services/a/test/a.test.ts`,
      `${root}/test/e2e/event-contracts.test.ts`,
      `${root}/services/b/test/b.test.ts`,
      `${root}/test/faults/clock-jump.test.ts`,
    ];
    expect(slowestFirst(files, (f) => f)).toEqual([
      `${root}/test/faults/clock-jump.test.ts`,
      `${root}/test/e2e/event-contracts.test.ts`,
      `${root}/services/a/test/a.test.ts`,
      `${root}/services/b/test/b.test.ts`,
    ]);
  });

  it('names files that exist (a renamed slow file would silently lose its place)', () => {
    expect(SLOWEST_FILES.filter((file) => !existsSync(resolve(root, file)))).toEqual([]);
  });
});
