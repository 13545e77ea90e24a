/**
 * When a customer's relationship with the insurer ended, from the policies the import lists, and
 * the retention end that follows for the customer's records. PRC Insurance Law art. 87 keeps the
 * records of a contract 10 years after it ends (services/privacy/rules/retention.json): the
 * customer's records go 10 years after their last contract ended.
 */
import type { ImportedCustomer } from '#shared/contracts/customer-import';
import { type RelationshipEnd, relationshipEndFor } from '../../privacy/domain/retention-rules';

type Policy = Pick<ImportedCustomer['policies'][number], 'status' | 'endDate'>;

/**
 * The latest `endDate` of the policies, when there is at least one, none is in force and every one
 * has its end date. Otherwise the relationship has not ended: a policy in force, or an ended one
 * from an older feed without a date, whose end could be later than any date we know. A customer
 * with no policy at all is not an ended relationship either: the import says nothing of one.
 */
export function relationshipEndedOn(policies: readonly Policy[]): string | undefined {
  if (policies.length === 0) return undefined;
  const ends: string[] = [];
  for (const policy of policies) {
    if (policy.status === 'in-force' || policy.endDate === undefined) return undefined;
    ends.push(policy.endDate);
  }
  // ISO dates sort as text
  return ends.sort().at(-1);
}

/**
 * The care records that expire with the customer's relationship, by the table their rule is in:
 * the kinds the import writes, the complaint links the complaint consumer keeps and the article
 * claims the planner writes.
 */
const RECORD_TABLES = {
  customer: 'Customers',
  policy: 'Customers',
  'policy-lookup': 'Customers',
  'phone-lookup': 'Customers',
  'complaint-link': 'Customers',
  'article-claim': 'Campaigns',
} as const;

export type CareRecordKind = keyof typeof RECORD_TABLES;

export type { RelationshipEnd };

/** What an item of `kind` carries once the relationship ended on `endedOn`; undefined while it lasts. */
export const relationshipEndOf = (
  kind: CareRecordKind,
  endedOn: string | undefined,
  now: Date,
): RelationshipEnd | undefined => relationshipEndFor(RECORD_TABLES[kind], kind, endedOn, now);
