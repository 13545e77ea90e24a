/**
 * Every item kind a table module declares has exactly one retention rule, and every rule is for a
 * declared kind: a new kind cannot be stored without someone deciding how long it is kept.
 */
import { describe, expect, it } from 'vitest';
import { tables } from '#shared/contracts/tables';
import { outboxKey } from '#shared/outbox/outbox-keys';
import { itemCatalog } from '#shared/tables/catalog';
import { journeyEventKey } from '#shared/tables/claims';
import { complaintKey, timelineKey } from '#shared/tables/complaints';
import { kindOfItem } from '#shared/tables/item-kinds';
import { retentionRules } from './retention-report';

const name = (r: { table: string; kind: string }) => `${r.table}/${r.kind}`;

describe('retention rules', () => {
  it('give every declared item kind exactly one rule, and name no kind that is not declared', () => {
    const declared = itemCatalog.map(name);
    expect(new Set(declared).size, 'a kind declared twice').toBe(declared.length);
    const ruled = retentionRules.map(name);
    expect(new Set(ruled).size, 'a kind with two rules').toBe(ruled.length);
    expect(
      declared.filter((k) => !ruled.includes(k)),
      'kinds without a rule',
    ).toEqual([]);
    expect(
      ruled.filter((k) => !declared.includes(k)),
      'rules for no declared kind',
    ).toEqual([]);
  });

  it('cover every table, and say a TTL enforces a kind only where the table has one', () => {
    for (const table of Object.values(tables)) {
      expect(
        itemCatalog.some((k) => k.table === table.id),
        table.id,
      ).toBe(true);
      for (const rule of retentionRules.filter((r) => r.table === table.id && r.ttl !== null))
        expect(rule.ttl, name(rule)).toContain(table.timeToLiveAttribute ?? 'no TTL on this table');
    }
    for (const rule of retentionRules) expect(rule.why.length, name(rule)).toBeGreaterThan(10);
  });

  it('know an item by the most specific of the key starts it matches', () => {
    const kind = (table: string, key: { pk: string; sk: string }) =>
      kindOfItem(itemCatalog, table, key)?.kind;
    expect(kind('Complaints', complaintKey('01J'))).toBe('complaint');
    expect(kind('Complaints', timelineKey('01J', '2027-01-01T00:00:00.000Z', 'E1'))).toBe('timeline');
    expect(kind('Customers', journeyEventKey('e-1'))).toBe('journey-event');
    expect(kind('Customers', outboxKey('01K'))).toBe('outbox');
    expect(kind('Messages', complaintKey('01J'))).toBeUndefined();
    expect(kind('Complaints', { pk: 'something-new', sk: 'new' })).toBeUndefined();
  });
});
