/**
 * How long each item kind is kept (services/privacy/rules/retention.json): one rule per kind the
 * table modules declare. A rule with `days` is a period the writers of that kind enforce by setting
 * the item's `expiresAt` from the rule (`recordExpiresAt`), so a period is changed in the JSON, not
 * in the code that writes the item; `npm run retention:backfill` gives items written before a
 * kind had a period their `expiresAt` from the same rule.
 */
import rules from '../rules/retention.json';

/**
 * What a period counts from: an attribute of the item holding an ISO instant or date
 * (`decidedAt`, `dueDate`), `event.startsAt` (the customer event the item belongs to), or `now`
 * (the moment the item is written).
 */
export type RetentionStart = 'now' | 'event.startsAt' | `item.${string}`;

export interface RetentionRule {
  readonly table: string;
  readonly kind: string;
  readonly period: string;
  readonly ttl: string | null;
  readonly why: string;
  /** The period, for a kind whose writers set `expiresAt` from this rule. */
  readonly days?: number;
  readonly from?: RetentionStart;
}

export const retentionRules = rules.rules as readonly RetentionRule[];

/** The rules with a period, each with the instant it counts from. */
export type PeriodRule = RetentionRule & { readonly days: number; readonly from: RetentionStart };

export function periodRule(table: string, kind: string): PeriodRule {
  const rule = retentionRules.find((r) => r.table === table && r.kind === kind);
  if (rule?.days === undefined || rule.from === undefined)
    throw new Error(`no retention period for ${table}/${kind} in retention.json`);
  return rule as PeriodRule;
}

export const periodRules = retentionRules.filter(
  (r): r is PeriodRule => r.days !== undefined && r.from !== undefined,
);

/** What the counting instants of an item are read from, besides the item itself. */
export interface RetentionContext {
  readonly now: Date;
  /** The customer event an invitation, RSVP link or invitation page belongs to. */
  readonly event?: { readonly startsAt: string };
}

/**
 * The instant a rule's period counts from, or undefined when the item does not hold it (an item
 * written before the attribute existed: the backfill counts it as undated and leaves it).
 */
export function retentionStart(
  rule: PeriodRule,
  item: Readonly<Record<string, unknown>>,
  context: RetentionContext,
): Date | undefined {
  const value =
    rule.from === 'now'
      ? context.now.toISOString()
      : rule.from === 'event.startsAt'
        ? context.event?.startsAt
        : item[rule.from.slice('item.'.length)];
  if (typeof value !== 'string') return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Epoch seconds, as DynamoDB TTL reads them. */
export function expiresAtFor(rule: PeriodRule, start: Date): number {
  return Math.floor(start.getTime() / 1000) + rule.days * 86_400;
}

/**
 * The `expiresAt` of an item of a kind with a period. Throws when the item lacks the instant its
 * rule counts from: a writer always has it, so that is a defect, not data.
 */
export function recordExpiresAt(
  table: string,
  kind: string,
  item: Readonly<Record<string, unknown>>,
  context: RetentionContext,
): number {
  const rule = periodRule(table, kind);
  const start = retentionStart(rule, item, context);
  if (!start) throw new Error(`${table}/${kind}: the item has no ${rule.from} to count its period from`);
  return expiresAtFor(rule, start);
}

/** What a record naming a customer carries once their relationship with the insurer has ended. */
export interface RelationshipEnd {
  /** The day the relationship ended (`YYYY-MM-DD`). */
  readonly relationshipEndedAt: string;
  /** Epoch seconds (DynamoDB TTL), from the kind's rule. */
  readonly expiresAt: number;
}

/**
 * The end a record of `table`/`kind` carries once the relationship ended on `endedOn` (its rule
 * counts from `item.relationshipEndedAt`); undefined while the relationship lasts.
 */
export function relationshipEndFor(
  table: string,
  kind: string,
  endedOn: string | undefined,
  now: Date,
): RelationshipEnd | undefined {
  if (endedOn === undefined) return undefined;
  const item = { relationshipEndedAt: endedOn };
  return { ...item, expiresAt: recordExpiresAt(table, kind, item, { now }) };
}
