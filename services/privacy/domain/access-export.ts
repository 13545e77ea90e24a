/**
 * The access export (PIPL art. 45, GDPR art. 15): everything held about the requester, grouped the
 * way a person reads it — profile, consents, policies, complaints with their timelines, messages
 * sent (content re-rendered), claims journeys and the rectifications their complaints led
 * to — as JSON, and as a readable HTML page. Each export is an access to unmasked personal data
 * and is recorded in the access audit.
 */
import { Conflict, NotFound } from '#shared/domain/errors';
import type { Principal } from '#shared/domain/principal';
import { isPolicyKey } from '#shared/tables/customers';
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
  const { customerItems } = records;
  const profile = customerItems.find((i) => i.sk === 'PROFILE');
  return {
    requestId,
    regime: request.regime,
    exportedAt: deps.clock.now().toISOString(),
    customerId: request.customerId ?? null,
    profile: profile ? readable(profile) : null,
    // the profile keeps the current consents and when and how they last changed (no older history)
    consents: profile
      ? Object.fromEntries(Object.entries(profile).filter(([name]) => /^(consent|unsubscribe)/i.test(name)))
      : null,
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

/** The export as one self-contained page (no scripts, no external resources), sections in order. */
export function accessExportHtml(data: AccessExport): string {
  const sections: [string, unknown][] = [
    ['Profile', data.profile],
    ['Consents', data.consents],
    ['Policies', data.policies],
    ['Complaints with their timelines', data.complaints],
    ['Messages sent', data.messages],
    ['Claims journeys', data.claimsJourneys],
    ['Rectifications linked to the complaints', data.rectifications],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your personal information — request ${escapeHtml(data.requestId)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}dt{font-weight:600}dd{margin:0 0 .4rem 1rem}.none{color:#555}</style></head>
<body><main><h1>Your personal information</h1>
<p>Everything we hold about you, exported ${escapeHtml(data.exportedAt)} for request ${escapeHtml(data.requestId)} (${escapeHtml(data.regime.toUpperCase())}).</p>
${sections.map(([title, value]) => `<section><h2>${escapeHtml(title)}</h2>${valueHtml(value)}</section>`).join('\n')}
</main></body></html>`;
}
