/**
 * Gives items written before their kind had a retention period (a rule with `days` in
 * ../rules/retention.json) the `expiresAt` their writers now set, from the same rule
 * (../domain/retention-rules.ts). A one-off pass over the tables that hold such kinds (a migration,
 * not a request path). Idempotent: each write is conditioned on the item still being there without
 * an end, so a writer or an erasure that got there meanwhile wins and a second pass sets nothing.
 * It reads only keys, the instants periods count from and event ids: no personal data.
 */
import { dynamo, GetCommand, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { scanPages } from '#shared/aws/dynamo-scan';
import { clock } from '#shared/clock';
import { mapAtMost } from '#shared/concurrency';
import { type TableId, tables } from '#shared/contracts/tables';
import { itemCatalog } from '#shared/tables/catalog';
import { kindOfItem } from '#shared/tables/item-kinds';
import { customerEventKey, eventIdOfItem } from '#shared/tables/relationship';
import { expiresAtFor, type PeriodRule, periodRules, retentionStart } from '../domain/retention-rules';

/** What the pass did with the items of one kind. */
export interface RetentionPeriodCount {
  readonly table: string;
  readonly kind: string;
  /** Given their `expiresAt` by this pass. */
  set: number;
  /** Had one already: written since the kind had its period, or by a writer racing this pass. */
  already: number;
  /** Without a valid instant to count the period from: left for a person to decide. */
  undated: number;
}

/**
 * The tables whose kinds got their periods after items of theirs were written (Privacy: completed
 * requests). Kinds that count from `relationshipEndedAt` are left out: the import, and the
 * consumers of `customer.relationship-changed`, write that instant together with the `expiresAt`
 * it gives, so no item written before could hold one and a pass would only count every current
 * customer's records as undated.
 */
const BACKFILLED_TABLES: readonly string[] = ['Campaigns', 'Relationship', 'Privacy'];
const backfilledRules = periodRules.filter(
  (rule) => BACKFILLED_TABLES.includes(rule.table) && rule.from !== 'item.relationshipEndedAt',
);

/** Enough writes at once to keep a migration moving, few enough to leave capacity to the writers. */
const WRITES_IN_FLIGHT = 8;

export async function backfillRetentionPeriods(
  options: { readonly now?: Date; readonly progress?: (text: string) => void } = {},
): Promise<RetentionPeriodCount[]> {
  // one instant for the whole pass: a `now` kind's items all count from the same moment
  const now = options.now ?? clock.now();
  const progress = options.progress ?? (() => {});
  const counts = backfilledRules.map((rule) => ({
    table: rule.table,
    kind: rule.kind,
    set: 0,
    already: 0,
    undated: 0,
  }));
  const countOf = (rule: PeriodRule) => counts.find((c) => c.table === rule.table && c.kind === rule.kind)!;
  const startOfEvent = eventStarts();

  for (const table of new Set(backfilledRules.map((rule) => rule.table))) {
    if (!(table in tables)) throw new Error(`retention.json names a table ${table} that does not exist`);
    const rules = backfilledRules.filter((rule) => rule.table === table);
    const physical = tableName(table as TableId);
    let read = 0;
    for await (const page of scanPages({ TableName: physical, ...projectionFor(rules) })) {
      const unended: { rule: PeriodRule; item: Record<string, unknown> }[] = [];
      for (const item of page) {
        const kind = kindOfItem(itemCatalog, table, { pk: item.pk, sk: item.sk })?.kind;
        const rule = rules.find((r) => r.kind === kind);
        if (!rule) continue;
        if (item.expiresAt !== undefined) countOf(rule).already++;
        else unended.push({ rule, item });
      }
      await mapAtMost(unended, WRITES_IN_FLIGHT, async ({ rule, item }) => {
        const count = countOf(rule);
        const startsAt = rule.from === 'event.startsAt' ? await startOfEvent(eventIdOfItem(item)) : undefined;
        const start = retentionStart(rule, item, {
          now,
          ...(startsAt !== undefined && { event: { startsAt } }),
        });
        if (!start) {
          count.undated++;
          return;
        }
        try {
          await dynamo().send(
            new UpdateCommand({
              TableName: physical,
              Key: { pk: item.pk, sk: item.sk },
              UpdateExpression: 'SET expiresAt = :expiresAt',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(expiresAt)',
              ExpressionAttributeValues: { ':expiresAt': expiresAtFor(rule, start) },
            }),
          );
          count.set++;
        } catch (error) {
          if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
          count.already++;
        }
      });
      read += page.length;
      const set = counts.filter((c) => c.table === table).reduce((sum, c) => sum + c.set, 0);
      progress(`${table}: ${read} items read, ${set} given their end`);
    }
  }
  return counts;
}

/**
 * Only what the rules count from: the keys tell the kind, `expiresAt` whether it has its end, and
 * an item attribute or the event id the instant (reserved words are named, `date` say).
 */
function projectionFor(rules: readonly PeriodRule[]) {
  const attributes = [
    ...new Set([
      'pk',
      'sk',
      'expiresAt',
      ...rules.flatMap((rule) =>
        rule.from === 'now'
          ? []
          : rule.from === 'event.startsAt'
            ? ['eventId']
            : [rule.from.slice('item.'.length)],
      ),
    ]),
  ];
  return {
    ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])),
  };
}

/**
 * The start of each customer event, read once per event however many invitations, pages and links
 * name it (the promise is kept, so items of one event written in parallel share the read).
 */
function eventStarts(): (eventId: string | undefined) => Promise<string | undefined> {
  const starts = new Map<string, Promise<string | undefined>>();
  return (eventId) => {
    if (eventId === undefined) return Promise.resolve(undefined);
    let start = starts.get(eventId);
    if (!start) {
      start = dynamo()
        .send(
          new GetCommand({
            TableName: tableName('Relationship'),
            Key: customerEventKey(eventId),
            ProjectionExpression: 'startsAt',
          }),
        )
        .then(({ Item }) => (typeof Item?.startsAt === 'string' ? Item.startsAt : undefined));
      starts.set(eventId, start);
    }
    return start;
  };
}
