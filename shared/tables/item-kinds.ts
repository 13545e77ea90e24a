/**
 * The item kinds each table holds, declared by the table module that owns their keys: a kind is
 * known by the fixed start of its partition and sort keys. Every kind has a retention rule
 * (services/privacy/rules/retention.json), and an item whose key matches no declared kind is a kind
 * nobody decided how long to keep (services/privacy/test/privacy.test.ts scans every table for one).
 */
import type { TableId } from '../contracts/tables';
import { outboxKey } from '../outbox/outbox-keys';

export interface ItemKind {
  readonly table: TableId;
  /** The name its retention rule gives it (and the item's `kind` attribute, where it has one). */
  readonly kind: string;
  /** The partition key's fixed start, or the whole key of a singleton item. */
  readonly pk: string;
  /** The sort key's fixed start, or the whole key ('' for any). */
  readonly sk: string;
}

/** The outbox's events in transport, on a table whose stream feeds the relay (shared/outbox). */
export const outboxKind = (table: TableId): ItemKind => ({ table, kind: 'outbox', ...outboxKey('') });

/** The declared kind of an item of `table`: the one whose key starts match most of its key. */
export function kindOfItem(
  kinds: readonly ItemKind[],
  table: string,
  key: { readonly pk: unknown; readonly sk: unknown },
): ItemKind | undefined {
  const pk = String(key.pk);
  const sk = String(key.sk);
  let best: ItemKind | undefined;
  for (const kind of kinds)
    if (kind.table === table && pk.startsWith(kind.pk) && sk.startsWith(kind.sk))
      if (!best || kind.pk.length + kind.sk.length > best.pk.length + best.sk.length) best = kind;
  return best;
}
