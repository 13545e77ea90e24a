import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Complaint } from '#shared/contracts/complaint';
import type { Principal } from '#shared/domain/principal';
import { searchCases, searchTerms } from './case-search';
import type { CaseQueries } from './case-views';
import type { CaseStore } from './case-work';

const mobile = fc
  .tuple(
    fc.constantFrom(...'3456789'),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
  )
  .map(([second, rest]) => `1${second}${rest.join('')}`);
/** How a person types a number: spaces or dashes anywhere, perhaps +86 or 86 before it. */
const typed = (digits: string) =>
  fc
    .tuple(
      fc.constantFrom('', '+86', '+86 ', '86', '+86-'),
      fc.array(fc.constantFrom('', ' ', '-'), { minLength: digits.length, maxLength: digits.length }),
      fc.constantFrom('', ' ', '  '),
    )
    .map(
      ([prefix, gaps, pad]) => `${pad}${prefix}${[...digits].map((d, i) => `${d}${gaps[i]}`).join('')}${pad}`,
    );

describe('what a search text names', () => {
  it('a mainland mobile however it is typed is that number', () => {
    fc.assert(
      fc.property(
        mobile.chain((digits) => fc.tuple(fc.constant(digits), typed(digits))),
        ([digits, text]) => {
          expect(searchTerms(text)).toContainEqual({ kind: 'phone', value: digits });
        },
      ),
    );
  });

  it('an email in any case is that email in lower case, and nothing else', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.boolean(), (email, upper) => {
        const text = upper ? email.toUpperCase() : email;
        expect(searchTerms(` ${text} `)).toEqual([{ kind: 'email', value: email.toLowerCase() }]);
      }),
    );
  });

  it('a reference in any case is that reference only', () => {
    expect(searchTerms('cmp-20261201-ab12cd')).toEqual([{ kind: 'reference', value: 'CMP-20261201-AB12CD' }]);
  });

  it('a policy number may also be a customer id; an E.164 number is a phone', () => {
    expect(searchTerms('p2024000123')).toEqual([
      { kind: 'policy', value: 'P2024000123' },
      { kind: 'customer', value: 'p2024000123' },
    ]);
    expect(searchTerms('C0001')).toEqual([
      { kind: 'policy', value: 'C0001' },
      { kind: 'customer', value: 'C0001' },
    ]);
    expect(searchTerms('+44 7700 900123')).toEqual([{ kind: 'phone', value: '+447700900123' }]);
  });

  it('anything else is no search', () => {
    for (const text of ['', '   ', 'a b', 'no@domain', '@example.com', '李四', 'x'.repeat(255), "p1'; --"])
      expect(searchTerms(text), text).toBeUndefined();
  });
});

describe('case search', () => {
  const complaint = (id: string, team: string, receivedAt: string) =>
    ({
      complaintId: id,
      team,
      receivedAt,
      customer: { name: '王小明' },
      status: 'triaged',
      version: 1,
    }) as unknown as Complaint;
  const a = complaint('A', 'claims', '2026-12-01T01:00:00.000Z');
  const b = complaint('B', 'sales-compliance', '2026-12-02T01:00:00.000Z');
  const c = complaint('C', 'claims', '2026-12-03T01:00:00.000Z');
  const asked: string[] = [];
  const queries = {
    complaintsBy: async (kind: string, value: string) => {
      asked.push(`${kind}:${value}`);
      return kind === 'policy' ? [c, a, b] : [];
    },
    complaintsOfCustomer: async (id: string) => {
      asked.push(`customer:${id}`);
      return [a];
    },
    clocks: async () => [],
  } as unknown as CaseQueries;
  const store = {} as CaseStore;
  const now = new Date('2026-12-04T00:00:00Z');
  const agent: Principal = { sub: 'ann', role: 'agent', team: 'claims' };

  it("finds by every kind the text could be, each case once, newest first, in the caller's team only", async () => {
    const page = await searchCases(queries, store, agent, searchTerms('P2024000123') ?? [], 25, now);
    expect(asked).toEqual(['policy:P2024000123', 'customer:P2024000123']);
    expect(page.items.map((i) => i.complaintId)).toEqual(['C', 'A']);
    expect(page.items[0]?.customer.name).toBe('王**');
    const admin: Principal = { sub: 'root', role: 'admin', team: undefined };
    const all = await searchCases(queries, store, admin, searchTerms('P2024000123') ?? [], 2, now);
    expect(all.items.map((i) => i.complaintId)).toEqual(['C', 'B']);
  });
});
