import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dueTimerPartition } from '#shared/tables/complaints';
import {
  billedMs,
  eventBridgeEvents,
  gbSeconds,
  type Item,
  indexWriteUnits,
  loadPrices,
  queryReadUnits,
  readUnits,
  smsCountry,
  smsParts,
  sqsRequests,
  tableWriteUnits,
  usd,
} from './cost-billing';

/** An item of exactly `bytes` bytes: `pk` (2 bytes of name) and a string of bytes - 2. */
const sized = (bytes: number, extra: Item = {}): Item => ({ pk: { S: 'x'.repeat(bytes - 2) }, ...extra });

describe('DynamoDB write units', () => {
  it('bills 1 KB units, rounding up, at least one, and twice in a transaction', () => {
    expect(tableWriteUnits(undefined, sized(1024), false)).toBe(1);
    expect(tableWriteUnits(undefined, sized(1025), false)).toBe(2);
    expect(tableWriteUnits(undefined, sized(1025), true)).toBe(4);
    expect(tableWriteUnits(undefined, undefined, false)).toBe(1); // a delete of nothing
    expect(tableWriteUnits(undefined, undefined, true)).toBe(2);
  });

  it('bills the larger of the item before and after', () => {
    expect(tableWriteUnits(sized(3000), sized(100), false)).toBe(3);
  });

  it('writes a GSI once when an item enters or leaves it, twice when its key moves', () => {
    const gsi = [{ name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' }];
    const due = (sk: string) => ({ gsi3pk: { S: dueTimerPartition('2026-12-01T09') }, gsi3sk: { S: sk } });
    expect(indexWriteUnits(gsi, undefined, sized(500, due('a')))).toEqual([{ index: 'gsi3', units: 1 }]);
    expect(indexWriteUnits(gsi, sized(500, due('a')), undefined)).toEqual([{ index: 'gsi3', units: 1 }]);
    expect(indexWriteUnits(gsi, sized(500, due('a')), sized(500, due('b')))).toEqual([
      { index: 'gsi3', units: 2 },
    ]);
    // same key, other attributes changed: one write; nothing changed: none
    expect(indexWriteUnits(gsi, sized(500, due('a')), sized(600, due('a')))).toEqual([
      { index: 'gsi3', units: 1 },
    ]);
    expect(indexWriteUnits(gsi, sized(500, due('a')), sized(500, due('a')))).toEqual([]);
    // not in the index at all (no sort key attribute): free
    expect(
      indexWriteUnits(gsi, undefined, sized(500, { gsi3pk: { S: dueTimerPartition('2026-12-01T09') } })),
    ).toEqual([]);
  });

  it('sizes a GSI entry by the whole item (projection ALL), in 1 KB units, never doubled', () => {
    const gsi = [{ name: 'gsi1', partitionKey: 'g' }];
    expect(indexWriteUnits(gsi, undefined, sized(2100, { g: { S: 'k' } }))).toEqual([
      { index: 'gsi1', units: 3 },
    ]);
  });
});

describe('DynamoDB read units', () => {
  it('bills 4 KB units: half for eventual, one for strong, two in a transaction; a miss costs one unit', () => {
    expect(readUnits(4096, 'eventual')).toBe(0.5);
    expect(readUnits(4097, 'eventual')).toBe(1);
    expect(readUnits(4097, 'strong')).toBe(2);
    expect(readUnits(4097, 'transactional')).toBe(4);
    expect(readUnits(0, 'strong')).toBe(1);
  });

  it('sums a Query page before rounding, not item by item', () => {
    // ten 500-byte items are 5,000 bytes: two 4 KB units, not ten
    expect(queryReadUnits(10 * 500, true)).toBe(2);
    expect(queryReadUnits(10 * 500, false)).toBe(1);
    expect(queryReadUnits(0, false)).toBe(0.5);
  });
});

describe('requests billed by 64 KB chunks', () => {
  it('counts SQS requests and EventBridge events per started 64 KB, at least one', () => {
    expect(sqsRequests(0)).toBe(1);
    expect(sqsRequests(65_536)).toBe(1);
    expect(sqsRequests(65_537)).toBe(2);
    expect(sqsRequests(256 * 1024)).toBe(4);
    expect(eventBridgeEvents(1_000)).toBe(1);
    expect(eventBridgeEvents(64 * 1024 + 1)).toBe(2);
  });
});

describe('Lambda duration', () => {
  it('rounds up to the millisecond and bills GB-seconds at the configured memory', () => {
    expect(billedMs(0.2)).toBe(1);
    expect(billedMs(10.01)).toBe(11);
    expect(gbSeconds(1000, 1024)).toBe(1);
    expect(gbSeconds(99.5, 512)).toBeCloseTo(0.05, 10);
  });
});

describe('SMS parts and countries', () => {
  it('fits 160 GSM characters or 70 UCS-2 characters in one part, 153 or 67 per part beyond', () => {
    expect(smsParts('a'.repeat(160))).toBe(1);
    expect(smsParts('a'.repeat(161))).toBe(2);
    expect(smsParts('a'.repeat(306))).toBe(2);
    expect(smsParts('a'.repeat(307))).toBe(3);
    expect(smsParts('生'.repeat(70))).toBe(1);
    expect(smsParts('生'.repeat(71))).toBe(2);
    expect(smsParts('生'.repeat(135))).toBe(3);
    // extension characters count twice: 80 of them fill one part, 82 need two
    expect(smsParts('[]'.repeat(40))).toBe(1);
    expect(smsParts('[]'.repeat(41))).toBe(2);
  });

  it('prices by destination country', () => {
    expect(smsCountry('13644445555')).toBe('CN');
    expect(smsCountry('+8613644445555')).toBe('CN');
    expect(smsCountry('+447700900123')).toBe('GB');
    expect(smsCountry('+61412345678')).toBe('AU');
    expect(smsCountry('+15555550100')).toBe('other');
  });
});

describe('the price file', () => {
  const prices = loadPrices(path.join(import.meta.dirname, 'prices.us-east-1.json'));

  it('is dated, and every price has a source and a confidence', () => {
    expect(prices.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [key, price] of Object.entries(prices.prices)) {
      expect(price.source, key).toMatch(/^https:\/\/aws\.amazon\.com\//);
      expect(['confirmed', 'unverified'], key).toContain(price.confidence);
      expect(price.usd, key).toBeGreaterThan(0);
    }
  });

  it('prices DynamoDB on demand after the November 2024 cut', () => {
    expect(usd(1_000_000, prices.prices['dynamodb.writeRequestUnit']!)).toBeCloseTo(0.625, 10);
    expect(usd(1_000_000, prices.prices['dynamodb.readRequestUnit']!)).toBeCloseTo(0.125, 10);
    expect(usd(1000, prices.prices['ses.email']!)).toBeCloseTo(0.1, 10);
  });
});
