/**
 * What the agents' case API answers, as zod contracts: the queue (and search) rows, one case in
 * full, and the summary an action answers. The view builders (case-views.ts) return these types,
 * the API document (infra/openapi) publishes them, and the console's client is typed from that
 * document — so the shape is written once. Output contracts: they describe, the handlers do not
 * parse their own answers.
 */
import * as z from 'zod/mini';
import { attachmentSources } from '#shared/contracts/attachment';
import { HotlineCall } from '#shared/contracts/complaint';
import { RootCauseValue } from '#shared/contracts/root-causes/taxonomy';
import {
  categories,
  channels,
  complaintStatuses,
  contactChannels,
  languages,
  outcomes,
  priorities,
  teams,
} from '#shared/contracts/vocabulary';
import { clockNames, regimeIds } from '../../sla/domain/policy';

const Instant = z.string();

/** The customer as the caller may see them: whole for the assignee and the team's leads, else masked. */
export const CaseCustomerView = z.object({
  name: z.string(),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
  /** `110***********4514`; the ID number itself is never stored. */
  idNumberMasked: z.optional(z.string()),
});

/** The deadline the customer is told about (the customer-facing clock that ends first). */
export const CustomerDeadlineView = z.object({ name: z.string(), dueAt: Instant });

/** A case in a list, and what every action answers. */
export const CaseSummary = z.object({
  complaintId: z.string(),
  reference: z.string(),
  status: z.enum(complaintStatuses),
  channel: z.enum(channels),
  receivedAt: Instant,
  category: z.optional(z.enum(categories)),
  priority: z.optional(z.enum(priorities)),
  team: z.optional(z.enum(teams)),
  assignee: z.optional(z.string()),
  escalated: z.boolean(),
  nextDeadline: z.nullable(CustomerDeadlineView),
  customer: CaseCustomerView,
  /** The case's version: send it back as `If-Match` (`"<version>"`). */
  version: z.number(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/**
 * How urgent a queue row is, for a countdown: `breached` once its deadline passed, `warning` once a
 * warning threshold of the clock fired, `paused` when its only open clock is paused.
 */
export const queueClockStates = ['running', 'paused', 'warning', 'breached'] as const;
export const QueueClock = z.object({
  name: z.enum(clockNames),
  dueAt: Instant,
  state: z.enum(queueClockStates),
});
export type QueueClock = z.infer<typeof QueueClock>;

/** A queue or search row: the summary and the clock that ends first (null when none is open). */
export const QueueRow = z.extend(CaseSummary, { sla: z.nullable(QueueClock) });
export type QueueRow = z.infer<typeof QueueRow>;

export const CaseQueuePage = z.object({
  items: z.array(QueueRow),
  /** Pass back as `cursor` for the next page; null at the end. */
  cursor: z.nullable(z.string()),
});
export type CaseQueuePage = z.infer<typeof CaseQueuePage>;

export const TriageReasonView = z.object({
  /** What decided: `category`, `signal`, `priority` or `team`. */
  rule: z.enum(['category', 'signal', 'priority', 'team']),
  detail: z.string(),
});

export const TriageDecisionView = z.object({
  category: z.enum(categories),
  priority: z.enum(priorities),
  team: z.enum(teams),
  /** regulatorReferral, mediaThreat, vulnerable, vip, repeat, escalation, hardship. */
  signals: z.array(z.string()),
  reasons: z.array(TriageReasonView),
  rulesVersion: z.string(),
  decidedAt: z.optional(Instant),
});

export const clockChanges = [
  'started',
  'paused',
  'resumed',
  'restarted',
  'extended',
  'warned',
  'breached',
  'met',
  'stopped',
  'lapsed',
  'hardship',
] as const;

export const ClockChangeView = z.object({
  at: Instant,
  change: z.enum(clockChanges),
  reason: z.string(),
  /** The deadline after this change. */
  dueAt: Instant,
  /** The threshold a `warned` or `breached` entry announced ("0.5", "0.8", "1"). */
  threshold: z.optional(z.string()),
});

export const caseClockStates = ['running', 'paused', 'met', 'breached', 'lapsed'] as const;
export const CaseClockView = z.object({
  name: z.enum(clockNames),
  regime: z.enum(regimeIds),
  dueAt: Instant,
  state: z.enum(caseClockStates),
  customerFacing: z.boolean(),
  /** Some day behind the deadline comes from provisional holiday data. */
  provisional: z.boolean(),
  history: z.array(ClockChangeView),
});

export const ActionEntryView = z.object({
  kind: z.literal('action'),
  at: Instant,
  /** Who acted: a user's `sub`, or `triage` / `sla` for the services. */
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  detail: z.optional(z.record(z.string(), z.unknown())),
});

/** What became of one message about the complaint; never its address or content. */
export const NotificationEntryView = z.object({
  kind: z.literal('notification'),
  at: Instant,
  /** The message type (acknowledgement, decision-letter, staff-sla-warning …). */
  type: z.string(),
  channel: z.enum(contactChannels),
  recipient: z.enum(['customer', 'staff']),
  outcome: z.enum(['sent', 'failed', 'suppressed', 'deferred']),
  /** Why it failed or was suppressed. */
  reason: z.optional(z.string()),
  /** Deferred: when it will be sent (the end of the recipient's quiet hours). */
  until: z.optional(Instant),
});
export type NotificationEntryView = z.infer<typeof NotificationEntryView>;

export const TimelineEntryView = z.discriminatedUnion('kind', [ActionEntryView, NotificationEntryView]);

/** The hotline call as filed, the caller's phone masked to its last four digits (or absent). */
export const HotlineCallView = z.extend(HotlineCall, { callerPhone: z.optional(z.string()) });

export const ResolutionView = z.object({
  outcome: z.enum(outcomes),
  remedy: z.optional(z.string()),
  rootCause: RootCauseValue,
  responseToCustomer: z.string(),
  resolvedAt: Instant,
  resolvedBy: z.string(),
});

/** One claim under the complaint's policy, as the core claim system reported it. */
export const ClaimJourneyView = z.object({
  claimNumber: z.string(),
  policyNumber: z.string(),
  stage: z.string(),
  lastProgressAt: Instant,
  stalled: z.boolean(),
  declinedReason: z.optional(z.string()),
  timeline: z.array(
    z.object({ type: z.string(), occurredAt: Instant, data: z.record(z.string(), z.unknown()) }),
  ),
});

export const CaseDetail = z.extend(CaseSummary, {
  subject: z.optional(z.string()),
  description: z.string(),
  policyNumber: z.optional(z.string()),
  claimNumber: z.optional(z.string()),
  customerId: z.optional(z.string()),
  language: z.enum(languages),
  preferredChannel: z.enum(contactChannels),
  possibleDuplicateOf: z.optional(z.string()),
  hotline: z.optional(HotlineCallView),
  triage: z.nullable(TriageDecisionView),
  resolution: z.nullable(ResolutionView),
  followUp: z.nullable(
    z.object({ satisfaction: z.number(), comment: z.optional(z.string()), recordedAt: Instant }),
  ),
  /** Financial hardship or a default notice, when filed or marked since. */
  hardship: z.nullable(
    z.object({ hardship: z.boolean(), reason: z.string(), markedAt: Instant, markedBy: z.string() }),
  ),
  clocks: z.array(CaseClockView),
  /** The customer's other complaints the caller may see (the customer history index), newest first. */
  otherComplaints: z.array(
    z.object({
      complaintId: z.string(),
      reference: z.string(),
      status: z.enum(complaintStatuses),
      receivedAt: Instant,
    }),
  ),
  /**
   * The extension tiers of the resolve clock the caller may approve (the extend action's own
   * rules): `days` from minDays to maxDays stays in the tier; empty when none may be asked.
   */
  extensions: z.array(
    z.object({
      upToDays: z.number(),
      minDays: z.number(),
      maxDays: z.number(),
      customerNotice: z.boolean(),
      rule: z.string(),
    }),
  ),
  /** Actions and message outcomes, oldest first. */
  /** A reply by email or SMS that the agent has not yet read for new facts (the `new-facts` action). */
  newMaterial: z.nullable(z.object({ receivedAt: Instant, channel: z.enum(['email', 'sms']) })),
  /** The customer's documents, each with a download link that works for a few minutes. */
  attachments: z.array(
    z.object({
      attachmentId: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number(),
      source: z.enum(attachmentSources),
      receivedAt: Instant,
      downloadUrl: z.string(),
    }),
  ),
  timeline: z.array(TimelineEntryView),
  /** The claims under the complaint's policy (issue 18), each with its timeline, newest first. */
  claims: z.optional(z.array(ClaimJourneyView)),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

const Counts = z.record(z.string(), z.number());

/** One clock's compliance over the period (docs/reports.md). */
export const ClockComplianceView = z.object({
  regime: z.string(),
  clock: z.string(),
  met: z.number(),
  breached: z.number(),
  /** met / (met + breached); null while no clock has a verdict. */
  metShare: z.nullable(z.number()),
  running: z.number(),
  paused: z.number(),
  stopped: z.number(),
  lapsed: z.number(),
});

/**
 * GET /v1/reports/complaints as JSON. The report's logic and its type live in report.ts; this
 * documents it (report-contract.test.ts checks the type fits), loose so fields it adds pass.
 */
const ComplaintReportFields = z.object({
  period: z.object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    receivedFrom: Instant,
    receivedBefore: Instant,
  }),
  scope: z.union([z.object({ teams: z.literal('all') }), z.object({ team: z.string() })]),
  generatedAt: Instant,
  totals: z.object({ received: z.number(), open: z.number(), resolved: z.number(), closed: z.number() }),
  counts: z.object({
    category: Counts,
    channel: Counts,
    team: Counts,
    priority: Counts,
    status: Counts,
    outcome: Counts,
    rootCause: Counts,
  }),
  clocks: z.readonly(z.array(ClockComplianceView)),
  timeToResolve: z.object({
    resolved: z.number(),
    medianHours: z.nullable(z.number()),
    p90Hours: z.nullable(z.number()),
  }),
  repeatComplaints: z.object({
    windowDays: z.number(),
    count: z.number(),
    rate: z.nullable(z.number()),
    basis: z.string(),
  }),
  possibleDuplicates: z.number(),
  escalated: z.number(),
});
export const ComplaintReportView = z.looseObject(ComplaintReportFields.shape);
/** The documented fields (without the loose object's index signature, so report.ts's type can be checked). */
export type ComplaintReportView = z.infer<typeof ComplaintReportFields>;

/** What `POST /v1/ratings` answers once the customer's rating is recorded. */
export const CustomerRatingRecorded = z.object({
  reference: z.string(),
  satisfaction: z.number(),
  recordedAt: Instant,
});
export type CustomerRatingRecorded = z.infer<typeof CustomerRatingRecorded>;
