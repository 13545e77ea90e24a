/**
 * The customer's complaint links and article claims following the end of their relationship, on an
 * in-memory port: each kind's rule sets the end, a relationship that goes on again takes it away,
 * no profile leaves everything alone, and a pass that wrote an older end while a later import's
 * pass ran converges on the profile's current end.
 */
import { describe, expect, it } from 'vitest';
import { articleClaimKey } from '#shared/tables/campaigns';
import { complaintLinkKey } from '#shared/tables/customers';
import { expiresAtFor, periodRule } from '../../privacy/domain/retention-rules';
import {
  followRelationshipEnd,
  type RelationshipRecord,
  type RelationshipRecords,
} from './follow-relationship-end';
import type { RelationshipEnd } from './relationship-end';

const now = new Date('2031-03-01T00:00:00Z');
const expiry = (table: string, kind: string, endedOn: string) =>
  expiresAtFor(periodRule(table, kind), new Date(`${endedOn}T00:00:00Z`));

const LINK_1 = complaintLinkKey('C1', 'K1');
const LINK_2 = complaintLinkKey('C1', 'K2');
const CLAIM = articleClaimKey('C1', 'A1');

class MemoryRecords implements RelationshipRecords {
  readonly records = new Map<string, RelationshipRecord>();
  writes = 0;
  /** Runs once before the next write, as another handler or an import would meanwhile. */
  beforeWrite?: () => Promise<void>;

  constructor(public profile: { endedOn?: string } | undefined) {
    for (const record of [
      { kind: 'complaint-link', key: LINK_1 },
      { kind: 'complaint-link', key: LINK_2 },
      { kind: 'article-claim', key: CLAIM },
    ] as const)
      this.records.set(record.key.sk, record);
  }

  async profileEnd() {
    return this.profile && { ...this.profile };
  }

  async recordsOf() {
    return [...this.records.values()];
  }

  async setEnd(record: RelationshipRecord, end: RelationshipEnd | undefined) {
    const hook = this.beforeWrite;
    this.beforeWrite = undefined;
    await hook?.();
    this.writes++;
    const { relationshipEndedAt: _e, expiresAt: _x, ...rest } = this.records.get(record.key.sk)!;
    this.records.set(record.key.sk, { ...rest, ...end });
  }

  ends() {
    return [...this.records.values()].map((r) => [r.key.sk, r.relationshipEndedAt, r.expiresAt]);
  }
}

/** What the three records carry once they follow an end on `day` (nothing for undefined). */
const following = (day: string | undefined) =>
  [
    [LINK_1.sk, 'Customers', 'complaint-link'],
    [LINK_2.sk, 'Customers', 'complaint-link'],
    [CLAIM.sk, 'Campaigns', 'article-claim'],
  ].map(([sk, table, kind]) => [sk, day, day === undefined ? undefined : expiry(table!, kind!, day)]);

describe('followRelationshipEnd', () => {
  it('gives every link and claim the profile’s end with its rule’s expiry, once', async () => {
    const store = new MemoryRecords({ endedOn: '2030-06-30' });
    expect(await followRelationshipEnd('C1', store, now)).toEqual({ profile: true, changed: 3 });
    expect(store.ends()).toEqual(following('2030-06-30'));
    // a redelivery finds every record as it should be and writes nothing
    expect(await followRelationshipEnd('C1', store, now)).toEqual({ profile: true, changed: 0 });
    expect(store.writes).toBe(3);
  });

  it('takes both attributes away when the relationship goes on again', async () => {
    const store = new MemoryRecords({ endedOn: '2030-06-30' });
    await followRelationshipEnd('C1', store, now);
    store.profile = {};
    expect(await followRelationshipEnd('C1', store, now)).toEqual({ profile: true, changed: 3 });
    expect(store.ends()).toEqual(following(undefined));
    for (const record of store.records.values()) {
      expect(record).not.toHaveProperty('relationshipEndedAt');
      expect(record).not.toHaveProperty('expiresAt');
    }
  });

  it('writes nothing for a customer without a profile (erased)', async () => {
    const store = new MemoryRecords(undefined);
    expect(await followRelationshipEnd('C1', store, now)).toEqual({ profile: false });
    expect(store.writes).toBe(0);
  });

  it('converges on the later end when an import moves it while an older pass writes', async () => {
    const store = new MemoryRecords({ endedOn: '2030-06-30' });
    // the first pass read 2030-06-30; before its first write a later import moves the end and that
    // event's pass runs to the end; the first pass's writes then land over some of it
    store.beforeWrite = async () => {
      store.profile = { endedOn: '2030-12-31' };
      await followRelationshipEnd('C1', store, now);
    };
    await followRelationshipEnd('C1', store, now);
    expect(store.ends()).toEqual(following('2030-12-31'));
  });

  it('converges on no end when a policy comes back in force while an older pass writes', async () => {
    const store = new MemoryRecords({ endedOn: '2030-06-30' });
    store.beforeWrite = async () => {
      store.profile = {};
      await followRelationshipEnd('C1', store, now);
    };
    await followRelationshipEnd('C1', store, now);
    expect(store.ends()).toEqual(following(undefined));
  });

  it('gives up, for a retry, on an end that keeps moving', async () => {
    const store = new MemoryRecords({ endedOn: '2030-01-01' });
    let day = 1;
    store.profileEnd = async () => ({ endedOn: `2030-01-${String((day++ % 28) + 1).padStart(2, '0')}` });
    await expect(followRelationshipEnd('C1', store, now)).rejects.toThrow(/kept changing/);
  });
});
