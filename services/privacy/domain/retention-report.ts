/**
 * What the tables' TTL will purge in the next days (GET /v1/privacy/retention/expiring?days=30):
 * counts per table and item kind (by its key, shared/tables/catalog.ts) with the kind's retention
 * rule (services/privacy/rules/retention.json), and the complaint records whose retention ends
 * (closed complaints, erased customers' skeletons among them), by reference. No personal data is shown.
 */
import { retentionRules } from './retention-rules';

/** One item the TTL will expire: where it is, its kind, when, and a complaint's id and reference. */
export interface ExpiringItem {
  readonly table: string;
  readonly kind: string;
  readonly expiresAt: number;
  readonly complaintId?: string;
  readonly reference?: string;
}

export interface ExpiringItems {
  /** Items whose TTL attribute falls in [from, to] (epoch seconds), in every table with TTL. */
  between(from: number, to: number): Promise<ExpiringItem[]>;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

export async function expiringReport(now: Date, days: number, items: ExpiringItems) {
  const from = Math.floor(now.getTime() / 1000);
  const to = from + days * 86_400;
  const found = await items.between(from, to);
  const groups = new Map<
    string,
    { table: string; kind: string; count: number; first: number; last: number }
  >();
  for (const item of found) {
    const key = `${item.table}|${item.kind}`;
    const group = groups.get(key) ?? {
      table: item.table,
      kind: item.kind,
      count: 0,
      first: item.expiresAt,
      last: 0,
    };
    group.count += 1;
    group.first = Math.min(group.first, item.expiresAt);
    group.last = Math.max(group.last, item.expiresAt);
    groups.set(key, group);
  }
  return {
    from: iso(from),
    to: iso(to),
    days,
    byKind: [...groups.values()]
      .sort((a, b) => a.table.localeCompare(b.table) || a.kind.localeCompare(b.kind))
      .map(({ first, last, ...g }) => ({
        ...g,
        firstAt: iso(first),
        lastAt: iso(last),
        rule: retentionRules.find((r) => r.table === g.table && r.kind === g.kind) ?? null,
      })),
    complaints: found
      .filter((i) => i.table === 'Complaints' && i.kind === 'complaint')
      .sort((a, b) => a.expiresAt - b.expiresAt)
      .map((i) => ({ complaintId: i.complaintId, reference: i.reference, expiresAt: iso(i.expiresAt) })),
    rules: retentionRules,
  };
}
