/**
 * How AWS bills what the cost bench counts: DynamoDB request units from item sizes (1 KB write
 * units, 4 KB read units, transactions at 2x, one write per GSI an item enters, leaves or changes
 * in), 64 KB chunks of SQS requests and EventBridge events, Lambda GB-seconds at 1 ms rounding, SMS
 * message parts; and the dated price file. Pure: no AWS SDK, no I/O beyond reading the price file.
 */
import { readFileSync } from 'node:fs';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { smsSegments } from '../services/notify/domain/sms-segments';
import { itemSize, writeUnits } from './dynamo-accounting';

export { itemSize, writeUnits };

const KB = 1024;
const READ_UNIT_BYTES = 4 * KB;
const CHUNK_BYTES = 64 * KB;

export type Item = Record<string, AttributeValue>;

export type ReadKind = 'eventual' | 'strong' | 'transactional';

/** Read units of one item (GetItem, a BatchGetItem key, a TransactGetItems item): 4 KB units, a miss costs one. */
export function readUnits(bytes: number, kind: ReadKind): number {
  const units = Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
  return units * (kind === 'transactional' ? 2 : kind === 'strong' ? 1 : 0.5);
}

/** Read units of one Query or Scan page: the sizes of the items it read, summed, then rounded up to 4 KB. */
export function queryReadUnits(bytesRead: number, consistent: boolean): number {
  return Math.max(1, Math.ceil(bytesRead / READ_UNIT_BYTES)) * (consistent ? 1 : 0.5);
}

export interface IndexKeys {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
}

const inIndex = (item: Item | undefined, index: IndexKeys) =>
  item !== undefined &&
  item[index.partitionKey] !== undefined &&
  (index.sortKey === undefined || item[index.sortKey] !== undefined);

const sameValue = (a: AttributeValue | undefined, b: AttributeValue | undefined) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Write units each GSI (projection ALL) costs for one item going from `before` to `after` (either
 * may be absent): an entry put, or deleted, costs its size in 1 KB units; an entry whose index key
 * changed costs a delete and a put; an entry whose key stayed costs one write if the item changed.
 * Index writes are never doubled: GSIs are updated asynchronously, also after a transaction.
 */
export function indexWriteUnits(
  indexes: readonly IndexKeys[],
  before: Item | undefined,
  after: Item | undefined,
): { index: string; units: number }[] {
  const out: { index: string; units: number }[] = [];
  const unchanged = before !== undefined && after !== undefined && sameItem(before, after);
  for (const index of indexes) {
    const was = inIndex(before, index);
    const is = inIndex(after, index);
    let units = 0;
    if (was && is) {
      const keyChanged =
        !sameValue(before![index.partitionKey], after![index.partitionKey]) ||
        (index.sortKey !== undefined && !sameValue(before![index.sortKey], after![index.sortKey]));
      if (keyChanged) units = writeUnits(itemSize(before!), false) + writeUnits(itemSize(after!), false);
      else if (!unchanged) units = writeUnits(itemSize(after!), false);
    } else if (was) units = writeUnits(itemSize(before!), false);
    else if (is) units = writeUnits(itemSize(after!), false);
    if (units > 0) out.push({ index: index.name, units });
  }
  return out;
}

function sameItem(a: Item, b: Item): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!sameValue(a[k], b[k])) return false;
  return true;
}

/**
 * Table write units of one item write: the larger of the item before and after, in 1 KB units
 * (a delete of a missing item and a refused condition still cost one), doubled in a transaction.
 */
export function tableWriteUnits(before: Item | undefined, after: Item | undefined, transactional: boolean) {
  const bytes = Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
  return writeUnits(bytes, transactional);
}

/** SQS requests one call is billed as: every started 64 KB of its payload is a request. */
export function sqsRequests(payloadBytes: number): number {
  return Math.max(1, Math.ceil(payloadBytes / CHUNK_BYTES));
}

/** EventBridge events one PutEvents entry is billed as: every started 64 KB is an event. */
export function eventBridgeEvents(entryBytes: number): number {
  return Math.max(1, Math.ceil(entryBytes / CHUNK_BYTES));
}

/** Lambda bills duration rounded up to the next millisecond (at least 1 ms). */
export function billedMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

/** GB-seconds of one invocation at the function's configured memory (1 GB = 1024 MB). */
export function gbSeconds(durationMs: number, memoryMb: number): number {
  return (billedMs(durationMs) / 1000) * (memoryMb / 1024);
}

/**
 * Message parts an SMS is billed as, by notify's own counter (services/notify/domain/sms-segments.ts):
 * GSM-7 text is 160 characters in one part and 153 per part when split; anything else (any Chinese
 * character) is UCS-2, 70 UTF-16 units in one part and 67 per part. An empty text is still one send.
 */
export function smsParts(text: string): number {
  return Math.max(1, smsSegments(text).segments);
}

export type SmsCountry = 'CN' | 'GB' | 'AU' | 'other';

/** The destination country of an E.164 number (or a mainland mobile without +86), as priced. */
export function smsCountry(destination: string): SmsCountry {
  if (!destination.startsWith('+') || destination.startsWith('+86')) return 'CN';
  if (destination.startsWith('+44')) return 'GB';
  if (destination.startsWith('+61')) return 'AU';
  return 'other';
}

export interface Price {
  readonly usd: number;
  readonly per: number;
  readonly unit: string;
  readonly source: string;
  readonly confidence: 'confirmed' | 'unverified';
  readonly note?: string;
}

export interface PriceFile {
  readonly region: string;
  readonly checked: string;
  readonly prices: Readonly<Record<string, Price>>;
}

export function loadPrices(path: string): PriceFile {
  return JSON.parse(readFileSync(path, 'utf8')) as PriceFile;
}

/** USD for `quantity` units at `price` (quoted per `price.per` units). */
export function usd(quantity: number, price: Pick<Price, 'usd' | 'per'>): number {
  return (quantity * price.usd) / price.per;
}
