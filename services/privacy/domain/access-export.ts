/**
 * The access export (PIPL art. 45, GDPR art. 15): everything held about the requester, grouped the
 * way a person reads it — profile, consents and their history, policies, complaints with their
 * timelines, messages sent (content re-rendered), claims journeys and the rectifications their
 * complaints led to — as JSON, and as a readable HTML page. Each export is an access to unmasked
 * personal data and is recorded in the access audit, and marks its request as answered (it may
 * then be completed).
 */

import { type CustomerProfileItem, effectiveProfile } from '#shared/contracts/customer-profile';
import { Conflict, NotFound } from '#shared/domain/errors';
import type { Principal } from '#shared/domain/principal';
import { type ConsentChange, isPolicyKey } from '#shared/tables/customers';
import { hasExpired } from '#shared/tables/expiry';
import type { PrivacyRequestDeps } from './privacy-requests';

type Item = Record<string, unknown>;

export interface PersonRecords {
  readonly customerItems: Item[];
  /** One list of items per complaint: the complaint, its timeline, clocks and attachment records. */
  readonly complaints: Item[][];
  readonly messages: Item[];
  readonly journeys: Record<string, unknown>;
  readonly rectificationLinks: Item[];
}

export interface PersonRecordSource {
  recordsOf(person: {
    customerId?: string;
    contactHashes: readonly { kind: 'phone' | 'email'; hash: string }[];
    /** Complaints known to be the person's already (an earlier attempt's holds). */
    complaintIds?: readonly string[];
  }): Promise<PersonRecords>;
}

export interface ExportDeps extends PrivacyRequestDeps {
  readonly records: PersonRecordSource;
  /**
   * The message's content rendered again from what the log keeps of it (type, language, data);
   * none when it keeps nothing to render from (sent before notify kept it, or never sent).
   */
  readonly rerender: (
    message: Item,
  ) => { subject: string; text: string; templateVersion: unknown } | undefined;
  readonly audit: (
    principal: Principal,
    subject: { customerId?: string; requestId: string },
    why: string,
  ) => Promise<void>;
}

/** Storage detail that says nothing about the person: keys, index keys, leases, TTL. */
const STORAGE_ATTRIBUTES = /^(pk|sk|gsi\d+pk|gsi\d+sk|expiresAt|claimedAtMs|version)$/;
const readable = (item: Item): Item =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.test(name)));
const byKind = (items: readonly Item[], kind: string) => items.filter((i) => i.kind === kind).map(readable);

const withoutHistory = ({ consentHistory: _history, ...profile }: Item): Item => profile;

/**
 * The consents as they stand (the customer's own choices over the imported ones, as notify and the
 * care planner apply them), as imported, when they last changed and by whom, and every change the
 * profile keeps (the latest 100), oldest first.
 */
function consentsOf(profile: Item) {
  const item = profile as unknown as CustomerProfileItem & { consentHistory?: ConsentChange[] };
  const effective = effectiveProfile(item);
  const own = item.preferences;
  return {
    current: { ...effective.consent, sms: effective.smsConsent },
    imported: item.consent ?? null,
    lastChange: own?.updatedAt ? { at: own.updatedAt, by: own.updatedBy ?? null } : null,
    history: [...(item.consentHistory ?? [])].sort((a, b) => a.at.localeCompare(b.at)),
  };
}

export async function accessExport(requestId: string, principal: Principal, deps: ExportDeps) {
  const request = await deps.requests.get(requestId);
  if (!request) throw new NotFound(`No privacy request ${requestId}.`);
  if (request.kind !== 'access')
    throw new Conflict(`Request ${requestId} is a ${request.kind} request; exports answer access requests.`);
  const records = await deps.records.recordsOf({
    ...(request.customerId ? { customerId: request.customerId } : {}),
    contactHashes: request.contact ? [request.contact] : [],
  });
  await deps.audit(
    principal,
    { ...(request.customerId ? { customerId: request.customerId } : {}), requestId },
    `access export for privacy request ${requestId}`,
  );
  const exportedAt = deps.clock.now().toISOString();
  // what lets the request be completed: an export was produced for it
  await deps.requests.markExported(requestId, exportedAt);
  const { customerItems } = records;
  const profile = customerItems.find((i) => i.sk === 'PROFILE');
  return {
    requestId,
    regime: request.regime,
    exportedAt,
    customerId: request.customerId ?? null,
    // the consent history is shown with the consents
    profile: profile ? readable(withoutHistory(profile)) : null,
    consents: profile ? consentsOf(profile) : null,
    policies: customerItems.filter((i) => isPolicyKey(i.sk)).map(readable),
    complaints: records.complaints.map((items) => {
      const [complaint] = byKind(items, 'complaint');
      return {
        complaint: complaint ?? null,
        timeline: byKind(items, 'timeline'),
        other: items.filter((i) => i.kind !== 'complaint' && i.kind !== 'timeline').map(readable),
      };
    }),
    // a message past the log's 365 days is gone, though DynamoDB purges it days later
    messages: records.messages
      .filter((m) => !hasExpired(m, deps.clock.now()))
      .map((m) => ({ ...readable(m), content: deps.rerender(m) ?? null })),
    claimsJourneys: records.journeys,
    rectifications: records.rectificationLinks.map(readable),
  };
}
export type AccessExport = Awaited<ReturnType<typeof accessExport>>;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function valueHtml(value: unknown): string {
  if (value === null || value === undefined) return '<span class="none">—</span>';
  if (Array.isArray(value))
    return value.length === 0
      ? '<span class="none">none</span>'
      : `<ol>${value.map((v) => `<li>${valueHtml(v)}</li>`).join('')}</ol>`;
  if (typeof value === 'object')
    return `<dl>${Object.entries(value as Item)
      .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${valueHtml(v)}</dd>`)
      .join('')}</dl>`;
  return escapeHtml(String(value));
}

/** The consent history as a table, oldest first: one row per change. */
function consentHistoryHtml(history: readonly ConsentChange[]): string {
  if (history.length === 0) return '<p class="none">No change of consent recorded.</p>';
  const row = (c: ConsentChange) =>
    `<tr>${[c.at, c.consent, c.given ? 'given' : 'withdrawn', c.by, c.via].map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`;
  return `<table><thead><tr><th>When</th><th>Consent</th><th>Change</th><th>By</th><th>Through</th></tr></thead><tbody>${history.map(row).join('')}</tbody></table>`;
}

/** The export as one self-contained page (no scripts, no external resources), sections in order. */
export function accessExportHtml(data: AccessExport): string {
  const { history, ...consents } = data.consents ?? { history: [] };
  const sections: [string, string][] = [
    ['Profile', valueHtml(data.profile)],
    ['Consents', valueHtml(data.consents ? consents : null)],
    ['Consent history, oldest first', consentHistoryHtml(history)],
    ['Policies', valueHtml(data.policies)],
    ['Complaints with their timelines', valueHtml(data.complaints)],
    ['Messages sent', valueHtml(data.messages)],
    ['Claims journeys', valueHtml(data.claimsJourneys)],
    ['Rectifications linked to the complaints', valueHtml(data.rectifications)],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your personal information — request ${escapeHtml(data.requestId)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}dt{font-weight:600}dd{margin:0 0 .4rem 1rem}.none{color:#555}th,td{text-align:left;padding:.2rem .6rem .2rem 0}</style></head>
<body><main><h1>Your personal information</h1>
<p>Everything we hold about you, exported ${escapeHtml(data.exportedAt)} for request ${escapeHtml(data.requestId)} (${escapeHtml(data.regime.toUpperCase())}).</p>
${sections.map(([title, html]) => `<section><h2>${escapeHtml(title)}</h2>${html}</section>`).join('\n')}
</main></body></html>`;
}
