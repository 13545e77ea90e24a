/**
 * What agents read: the queue of a team in order of urgency, and one case in full. Personal data
 * is shown to the people who contact the customer (the assignee and the team's leads) and masked
 * for everyone else.
 */
import type { Attachment } from '#shared/contracts/attachment';
import type { Complaint } from '#shared/contracts/complaint';
import type { Category, ComplaintStatus, Priority, Team } from '#shared/contracts/vocabulary';
import { teams } from '#shared/contracts/vocabulary';
import { Forbidden } from '#shared/domain/errors';
import type { Principal } from '#shared/domain/principal';
import type { ClaimContext, ClaimLink } from '../../claims/domain/claim-context';
import type { SlaClock } from '../../sla/domain/clock';
import type { SlaRules } from '../../sla/domain/sla-rules';
import type {
  CaseDetail,
  CaseQueuePage,
  CaseSummary,
  NotificationEntryView,
  QueueClock,
  QueueRow,
} from './case-responses';
import { type CaseStore, extensionOptions, inScope, loadInScope, type TimelineEntry } from './case-work';

export interface QueueFilter {
  readonly status?: ComplaintStatus;
  /** A user's `sub`, or `unassigned` for cases nobody has taken. */
  readonly assignee?: string;
  readonly priority?: Priority;
  readonly category?: Category;
  /** Only cases whose next deadline is before this instant (ISO): the queue's own sort key. */
  readonly dueBefore?: string;
}

/** The caller's filters as the queue reads them: `me` is the caller, `due` an instant. */
export function queueFilter(
  principal: Principal,
  request: QueueFilter & { due?: 'today' | 'breaching' },
  now: Date,
  endOfToday: () => Date,
): QueueFilter {
  const { due, ...filter } = request;
  return {
    ...filter,
    ...(filter.assignee === 'me' ? { assignee: principal.sub } : {}),
    ...(due === 'breaching' ? { dueBefore: now.toISOString() } : {}),
    ...(due === 'today' ? { dueBefore: endOfToday().toISOString() } : {}),
  };
}

export interface QueuePage {
  readonly items: Complaint[];
  /** Where the next page of this team starts; undefined at the end. */
  readonly next?: string;
  readonly itemsRead: number;
}

export interface CaseQueries {
  /** One team's queue, in order of the earliest running deadline, `limit` matching items at most. */
  queue(team: Team, filter: QueueFilter, limit: number, after: string | undefined): Promise<QueuePage>;
  clocks(complaintId: string): Promise<SlaClock[]>;
  /** The complaint a reference names, if any (the reference item). */
  complaintIdOfReference(reference: string): Promise<string | undefined>;
  /** A customer's complaints, newest first (the customer history index), at most `limit`. */
  complaintsOfCustomer(customerId: string, limit: number): Promise<Complaint[]>;
  /**
   * The complaints filed with this phone, email (as typed; the adapter keys them by their keyed
   * hash) or policy number, newest first, at most `limit` (the search indexes).
   */
  complaintsBy(kind: 'phone' | 'email' | 'policy', value: string, limit: number): Promise<Complaint[]>;
  timeline(complaintId: string): Promise<TimelineEntry[]>;
  /** The customer's documents on the complaint, in the order received. */
  attachments(complaintId: string): Promise<Attachment[]>;
  /** What became of each message about the complaint; never its address or content. */
  notifications(complaintId: string): Promise<NotificationOutcome[]>;
  /** The claims the complaint links to (its claim first, else its policy's) with their timelines. */
  claimsOf?(link: ClaimLink, now: Date): Promise<ClaimContext[]>;
}

/** What became of one message about the complaint (case-responses.ts), before it joins the timeline. */
export type NotificationOutcome = Omit<NotificationEntryView, 'kind'>;

/** One line of a case's timeline: a case action (with its before/after) or a message's outcome. */
export type CaseTimelineEntry =
  | ({ readonly kind: 'action' } & TimelineEntry)
  | ({ readonly kind: 'notification' } & NotificationOutcome);

/** Actions and message outcomes in one list, oldest first; on the same instant actions come first. */
export function caseTimeline(
  actions: readonly TimelineEntry[],
  notifications: readonly NotificationOutcome[],
): CaseTimelineEntry[] {
  const entries: CaseTimelineEntry[] = [
    ...actions.map((a) => ({ kind: 'action' as const, ...a })),
    ...notifications.map((n) => ({ kind: 'notification' as const, ...n })),
  ];
  // ISO instants in UTC sort as strings; Array.prototype.sort is stable
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function maskPhone(phone: string | undefined): string | undefined {
  return phone && `${'*'.repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}`;
}

export function maskEmail(email: string | undefined): string | undefined {
  if (!email) return undefined;
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}

export function maskName(name: string): string {
  return `${[...name][0] ?? ''}**`;
}

export function seesPersonalData(
  principal: Principal,
  complaint: Pick<Complaint, 'assignee' | 'team'>,
): boolean {
  return (
    complaint.assignee === principal.sub || (principal.role === 'lead' && principal.team === complaint.team)
  );
}

export function caseSummary(complaint: Complaint, principal: Principal): CaseSummary {
  const full = seesPersonalData(principal, complaint);
  // a complaint without a customer (stored before the erasure kept a placeholder, or written by
  // hand) still shows: its customer has no name or contact to show
  const customer: Partial<Complaint['customer']> = complaint.customer ?? {};
  const name = customer.name ?? '';
  return {
    complaintId: complaint.complaintId,
    reference: complaint.reference,
    status: complaint.status,
    channel: complaint.channel,
    receivedAt: complaint.receivedAt,
    category: complaint.category,
    priority: complaint.priority,
    team: complaint.team,
    assignee: complaint.assignee,
    escalated: complaint.escalated ?? false,
    nextDeadline: complaint.customerDeadline ?? null,
    customer: {
      name: full ? name : maskName(name),
      phone: full ? customer.phone : maskPhone(customer.phone),
      email: full ? customer.email : maskEmail(customer.email),
      idNumberMasked: customer.idNumberMasked,
    },
    version: complaint.version,
  };
}

interface QueueCursor {
  /** Per team, where its next page starts; a team missing from the map is exhausted. */
  readonly teams: Record<string, string>;
}

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string): QueueCursor | undefined {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as QueueCursor;
    const positions =
      cursor && typeof cursor.teams === 'object' && cursor.teams ? Object.entries(cursor.teams) : undefined;
    // every position is a queue key this API gave out: "<instant>#<complaint id>", or "" for the start
    const valid = positions?.every(
      ([team, at]) =>
        (teams as readonly string[]).includes(team) &&
        typeof at === 'string' &&
        (at === '' || /#[0-9A-HJKMNP-TV-Z]{26}$/.test(at)),
    );
    return valid ? cursor : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The queue: agents and leads see their team; admins name a team or see all teams merged in order
 * of urgency. The cursor carries each team's position, so pages neither skip nor repeat.
 */
export async function listCases(
  queries: CaseQueries,
  principal: Principal,
  request: QueueFilter & { team?: Team; limit: number; cursor?: QueueCursor },
  // the handler passes its Clock's now; the default serves callers that only measure reads (bench)
  now: Date = new Date(),
): Promise<CaseQueuePage & { itemsRead: number }> {
  if (principal.role !== 'admin' && request.team && request.team !== principal.team) {
    throw new Forbidden('You can list the cases of your own team only.');
  }
  const scope: Team[] =
    principal.role === 'admin' ? (request.team ? [request.team] : [...teams]) : [principal.team as Team];
  const positions: Record<string, string | undefined> = request.cursor
    ? request.cursor.teams
    : Object.fromEntries(scope.map((t) => [t, '']));
  const pages = await Promise.all(
    scope
      .filter((team) => positions[team] !== undefined)
      .map(async (team) => ({
        team,
        page: await queries.queue(team, request, request.limit, positions[team] || undefined),
      })),
  );
  // A team that stopped reading before filling its page (a sparse filter) has not looked past
  // its cursor: nothing later than that may be shown yet, or its unseen earlier items would
  // come after later ones from other teams.
  const horizon = pages
    .filter(({ page }) => page.next !== undefined && page.items.length < request.limit)
    .map(({ page }) => page.next as string)
    .sort()[0];
  const merged = pages
    .flatMap(({ team, page }) => page.items.map((item) => ({ team, item })))
    .filter(({ item }) => horizon === undefined || queueOrder(item) <= horizon)
    .sort((a, b) => queueOrder(a.item).localeCompare(queueOrder(b.item)))
    .slice(0, request.limit);
  // each team resumes after the last of its items shown, or where its page ended if none was cut
  const next: Record<string, string> = {};
  for (const { team, page } of pages) {
    const shown = merged.filter((m) => m.team === team);
    const fetched = page.items.length;
    if (shown.length < fetched) next[team] = queueOrder(shown.at(-1)?.item) || (positions[team] ?? '');
    else if (page.next) next[team] = page.next;
  }
  const clocks = await Promise.all(merged.map((m) => queries.clocks(m.item.complaintId)));
  return {
    items: merged.map(
      (m, i): QueueRow => ({
        ...caseSummary(m.item, principal),
        sla: queueClock(clocks[i] ?? [], now),
      }),
    ),
    cursor: Object.keys(next).length ? encodeCursor({ teams: next }) : null,
    itemsRead: pages.reduce((sum, p) => sum + p.page.itemsRead, 0),
  };
}

/** The queue sort key the SLA service maintains: earliest running deadline, then id. */
export function queueOrder(item: (Complaint & { gsi1sk?: string }) | undefined): string {
  return item?.gsi1sk ?? '';
}

/**
 * A clock's state in the API: running | paused | met | breached, and `lapsed` for a window that
 * ended unused — only the UK summary resolution window (uk-fca/acknowledge) can: not resolved by
 * close of the third business day, the complaint continues under the eight weeks, which is neither
 * met nor a breach. It has lapsed once its deadline passed, whether an event recorded it yet or not.
 */
export function apiState(clock: SlaClock, now: Date): 'running' | 'paused' | 'met' | 'breached' | 'lapsed' {
  const { state } = clock;
  const open = state === 'running' || state === 'paused';
  if (state === 'lapsed' || (clock.lapses && open && Date.parse(clock.dueAt) < now.getTime()))
    return 'lapsed';
  if (state === 'met' || state === 'breached' || state === 'paused') return state;
  return state === 'stopped' ? 'met' : 'running';
}

/**
 * The clock a queue row counts down to: the open clock that ends first (running or breached; a
 * paused one only when nothing else is open), in the states the console shows. A window that
 * lapses instead of breaching is no duty, so it never makes a row urgent.
 */
export function queueClock(clocks: readonly SlaClock[], now: Date): QueueClock | null {
  const byDue = (a: SlaClock, b: SlaClock) => a.dueAt.localeCompare(b.dueAt);
  const duties = clocks.filter((c) => !c.lapses);
  const clock =
    duties.filter((c) => c.state === 'running' || c.state === 'breached').sort(byDue)[0] ??
    duties.filter((c) => c.state === 'paused').sort(byDue)[0];
  if (!clock) return null;
  const state =
    clock.state === 'paused'
      ? 'paused'
      : clock.state === 'breached' || Date.parse(clock.dueAt) <= now.getTime()
        ? 'breached'
        : clock.firedThresholds.length > 0
          ? 'warning'
          : 'running';
  return { name: clock.name, dueAt: clock.dueAt, state };
}

/** How many of the customer's other complaints a case shows. */
const OTHER_COMPLAINTS = 20;

/** A short-lived link that downloads one of the customer's documents (the attachment store's). */
export type DownloadLink = (attachment: Attachment) => Promise<string>;

export async function caseDetail(
  store: CaseStore,
  queries: CaseQueries,
  sla: SlaRules,
  principal: Principal,
  complaintId: string,
  now: Date,
  downloadLink: DownloadLink,
): Promise<CaseDetail> {
  const complaint = await loadInScope(store, complaintId, principal);
  const [clocks, timeline, notifications, history, attachments, claims] = await Promise.all([
    queries.clocks(complaintId),
    queries.timeline(complaintId),
    queries.notifications(complaintId),
    // the customer key is the customer id when matched, else the keyed hash of the contact
    // (an erased complaint's skeleton has no customer key: it has no history)
    complaint.customerKey ? queries.complaintsOfCustomer(complaint.customerKey, OTHER_COMPLAINTS + 1) : [],
    queries.attachments(complaintId),
    // a complaint naming a claim or a policy links to the journey of that policy's claims
    queries.claimsOf ? queries.claimsOf(complaint, now) : [],
  ]);
  return {
    ...caseSummary(complaint, principal),
    subject: complaint.subject,
    description: complaint.description,
    policyNumber: complaint.policyNumber,
    claimNumber: complaint.claimNumber,
    customerId: complaint.customerId,
    language: complaint.language,
    preferredChannel: complaint.preferredChannel,
    possibleDuplicateOf: complaint.possibleDuplicateOf,
    hotline: complaint.hotline && {
      ...complaint.hotline,
      callerPhone: maskPhone(complaint.hotline.callerPhone),
    },
    triage: (complaint as Complaint & { triage?: CaseDetail['triage'] }).triage ?? null,
    resolution: complaint.resolution ?? null,
    followUp: complaint.followUp ?? null,
    // financial hardship or a default notice, when filed or marked since (triage's own reading is in triage.signals)
    hardship: complaint.hardship ?? null,
    clocks: clocks.map((c) => ({
      name: c.name,
      regime: c.regime,
      dueAt: c.dueAt,
      state: apiState(c, now),
      customerFacing: c.customerFacing,
      provisional: c.provisional,
      history: [...c.history],
    })),
    otherComplaints: history
      .filter((c) => c.complaintId !== complaintId && inScope(principal, c))
      .slice(0, OTHER_COMPLAINTS)
      .map((c) => ({
        complaintId: c.complaintId,
        reference: c.reference,
        status: c.status,
        receivedAt: c.receivedAt,
      })),
    claims,
    extensions: extensionOptions(
      complaint,
      clocks.find((c) => c.name === 'resolve'),
      principal,
      sla,
    ),
    newMaterial: complaint.newMaterial ?? null,
    attachments: await Promise.all(
      attachments.map(async (a) => ({
        attachmentId: a.attachmentId,
        fileName: a.fileName,
        contentType: a.contentType,
        size: a.size,
        source: a.source,
        receivedAt: a.receivedAt,
        downloadUrl: await downloadLink(a),
      })),
    ),
    timeline: caseTimeline(timeline, notifications),
  };
}
