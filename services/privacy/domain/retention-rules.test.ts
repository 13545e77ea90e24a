/**
 * Every item kind a table module declares has exactly one retention rule, and every rule is for a
 * declared kind: a new kind cannot be stored without someone deciding how long it is kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tables } from '#shared/contracts/tables';
import { outboxKey } from '#shared/outbox/outbox-keys';
import { itemCatalog } from '#shared/tables/catalog';
import { journeyEventKey } from '#shared/tables/claims';
import { complaintKey, timelineKey } from '#shared/tables/complaints';
import { kindOfItem } from '#shared/tables/item-kinds';
import {
  expiresAtFor,
  periodRule,
  periodRules,
  recordExpiresAt,
  retentionRules,
  retentionStart,
} from './retention-rules';

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

  it('enforce every period by the TTL, counted from an instant the item or its event holds', () => {
    expect(periodRules.length).toBeGreaterThan(0);
    for (const rule of periodRules) {
      const table = Object.values(tables).find((t) => t.id === rule.table);
      expect(table?.timeToLiveAttribute, name(rule)).toBe('expiresAt');
      expect(rule.ttl, name(rule)).toContain('expiresAt');
      expect(Number.isInteger(rule.days) && rule.days > 0, name(rule)).toBe(true);
      expect(rule.from, name(rule)).toMatch(/^(now|event\.startsAt|item\.[a-zA-Z]+)$/);
    }
    // a kind with `days` and no `from`, or the reverse, is a typo, not a kept kind
    for (const rule of retentionRules)
      expect(rule.days === undefined, name(rule)).toBe(rule.from === undefined);
  });

  it('set expiresAt exactly the period after the instant the rule names', () => {
    const now = new Date('2027-03-01T08:00:00Z');
    const day = 86_400;
    const decided = recordExpiresAt(
      'Campaigns',
      'campaign-decision',
      { decidedAt: '2027-01-10T01:00:00.000Z' },
      { now },
    );
    expect(decided).toBe(Date.parse('2027-01-10T01:00:00Z') / 1000 + 365 * day);
    // a date counts from its UTC midnight
    expect(recordExpiresAt('Campaigns', 'follow-up', { dueDate: '2027-02-03' }, { now })).toBe(
      Date.parse('2027-02-03T00:00:00Z') / 1000 + 30 * day,
    );
    expect(recordExpiresAt('Campaigns', 'run-message-outcome', {}, { now })).toBe(
      now.getTime() / 1000 + 365 * day,
    );
    const event = { startsAt: '2027-05-01T06:30:00.000Z' };
    expect(recordExpiresAt('Relationship', 'rsvp-link', {}, { now, event })).toBe(
      Date.parse(event.startsAt) / 1000 + 365 * day,
    );
    expect(() => recordExpiresAt('Relationship', 'rsvp-link', {}, { now })).toThrow(/event\.startsAt/);
    expect(() => recordExpiresAt('Relationship', 'nps-cap', { askedAt: 'soon' }, { now })).toThrow(/askedAt/);
    expect(() => periodRule('Relationship', 'customer-event')).toThrow(/no retention period/);
  });

  it('count whole seconds from any instant, so a period is never a second short', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...periodRules),
        (at, rule) => {
          const expiresAt = expiresAtFor(rule, at);
          expect(Number.isInteger(expiresAt)).toBe(true);
          const periodEnd = at.getTime() / 1000 + rule.days * 86_400;
          expect(expiresAt).toBeLessThanOrEqual(periodEnd);
          expect(expiresAt).toBeGreaterThan(periodEnd - 1);
          const item = { [rule.from.slice('item.'.length)]: at.toISOString() };
          expect(
            retentionStart(rule, item, { now: at, event: { startsAt: at.toISOString() } })?.getTime(),
          ).toBe(at.getTime());
        },
      ),
    );
  });
});
