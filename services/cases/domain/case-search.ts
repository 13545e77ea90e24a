/**
 * Case search (`GET /v1/cases?q=`): what a search text can be — a reference, a phone, an email, a
 * policy number or a customer id — and the cases it finds, all from keys and indexes (no scan), with
 * the queue's scoping: agents and leads find their own team's cases only.
 */
import type { Complaint } from '#shared/contracts/complaint';
import type { Principal } from '#shared/domain/principal';
import type { CaseQueuePage } from './case-responses';
import type { CaseQueries } from './case-views';
import { caseSummary, queueClock } from './case-views';
import { type CaseStore, inScope } from './case-work';

/** One way a search text may name cases; a text may be several (`C0001` is a policy or a customer id). */
export type SearchTerm =
  | { readonly kind: 'reference'; readonly value: string }
  | { readonly kind: 'phone' | 'email' | 'policy' | 'customer'; readonly value: string };

const REFERENCE = /^CMP-\d{8}-[A-Z0-9]{4,12}$/;
// the complaint form's own shapes (shared/contracts/complaint-requests.ts): a mainland mobile, with
// or without +86, or any E.164 number; separators are spacing only
const MAINLAND_MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
const POLICY_NUMBER = /^[A-Z0-9][A-Z0-9-]{3,39}$/;
const CUSTOMER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * What the text could name, in the spelling each index holds (the phone as the form stores it,
 * hashed by the adapter; the email in lower case; the reference and policy in upper case), or
 * undefined when it is none of them (a 400).
 */
export function searchTerms(q: string): SearchTerm[] | undefined {
  const text = q.trim();
  if (!text || text.length > 254) return undefined;
  const upper = text.toUpperCase();
  if (REFERENCE.test(upper)) return [{ kind: 'reference', value: upper }];
  if (text.includes('@'))
    return EMAIL.test(text) ? [{ kind: 'email', value: text.toLowerCase() }] : undefined;
  const terms: SearchTerm[] = [];
  const dialled = text.replace(/[\s().-]/g, '');
  const mobile = MAINLAND_MOBILE.exec(dialled);
  if (mobile) terms.push({ kind: 'phone', value: mobile[1] as string });
  else if (E164.test(dialled)) terms.push({ kind: 'phone', value: dialled });
  if (POLICY_NUMBER.test(upper)) terms.push({ kind: 'policy', value: upper });
  if (CUSTOMER_ID.test(text)) terms.push({ kind: 'customer', value: text });
  return terms.length ? terms : undefined;
}

export const searchTextProblem =
  'Must be a reference (CMP-…), a phone number, an email address, a policy number or a customer id';

/**
 * The cases a search text finds, newest first, in the caller's scope. Every kind it could be is
 * looked up at once; a case found twice (its policy number is also a customer id) is listed once.
 */
export async function searchCases(
  queries: CaseQueries,
  store: CaseStore,
  principal: Principal,
  terms: readonly SearchTerm[],
  limit: number,
  now: Date,
): Promise<CaseQueuePage> {
  const found = await Promise.all(
    terms.map(async (term): Promise<Complaint[]> => {
      if (term.kind === 'reference') {
        const id = await queries.complaintIdOfReference(term.value);
        const complaint = id ? await store.load(id) : undefined;
        return complaint ? [complaint] : [];
      }
      if (term.kind === 'customer') return queries.complaintsOfCustomer(term.value, SEARCH_READ);
      return queries.complaintsBy(term.kind, term.value, SEARCH_READ);
    }),
  );
  const unique = new Map<string, Complaint>();
  for (const c of found.flat()) if (inScope(principal, c)) unique.set(c.complaintId, c);
  const visible = [...unique.values()]
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.complaintId.localeCompare(a.complaintId))
    .slice(0, limit);
  const clocks = await Promise.all(visible.map((c) => queries.clocks(c.complaintId)));
  return {
    items: visible.map((c, i) => ({ ...caseSummary(c, principal), sla: queueClock(clocks[i] ?? [], now) })),
    cursor: null,
  };
}

/**
 * Complaints read per lookup before scoping: a phone, email, policy or customer has a handful of
 * complaints, so the newest 100 are every one that matters; another team's are dropped after.
 */
const SEARCH_READ = 100;
