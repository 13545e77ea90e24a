/**
 * Personal-information request contracts: the body of POST /v1/privacy/requests and the stored
 * request. Types are inferred from these.
 */
import * as z from 'zod/mini';
import { requestRegimes } from './statutory-deadline';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const requestKinds = ['access', 'correction', 'erasure', 'withdraw-consent'] as const;
export type RequestKind = (typeof requestKinds)[number];
/** `erasing`: an erasure request handed to the privacy-erasure function, until it finishes. */
export const requestStatuses = ['open', 'erasing', 'completed'] as const;

/** A phone number (digits, spaces, dashes, a leading +) or an email address. */
const contact = text(254).check(
  z.refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) || /^\+?[\d\s-]{6,20}$/.test(v), {
    message: 'Must be the email address or phone number the customer gave us',
  }),
);

export const NewPrivacyRequest = z
  .strictObject({
    customerId: z.optional(text(64)),
    contact: z.optional(contact),
    kind: z.enum(requestKinds),
    /** PIPL unless the customer's rights come from the (UK) GDPR. */
    regime: z.optional(z.enum(requestRegimes)),
    /** When the verified request reached us; the deadline runs from here. Now when left out. */
    receivedAt: z.optional(z.iso.datetime({ offset: true })),
    /** How the requester's identity was verified (the request is admin-entered on their behalf). */
    verification: text(500),
    /** What a correction should change, or any detail the requester gave. */
    detail: z.optional(text(5_000)),
  })
  .check(
    z.refine((b) => (b.customerId === undefined) !== (b.contact === undefined), {
      message: 'Give either the customer id or the contact the customer is known by, not both',
      path: ['customerId'],
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    }),
  );
export type NewPrivacyRequest = z.infer<typeof NewPrivacyRequest>;

export const PrivacyRequestPath = z.object({ requestId: text(64) });

/** How the export reached the requester. */
export const deliveryChannels = ['email', 'post', 'in-person', 'portal'] as const;
/** The consents a customer's profile holds, each of which a withdraw-consent request may withdraw. */
export const withdrawableConsents = ['service', 'marketing', 'sms'] as const;

const note = z.optional(text(2_000));

/**
 * The bodies of POST /v1/privacy/requests/{id}/complete, by the request's kind (the request says
 * which applies, so the use case checks the body once it has read it). An erasure takes none.
 */
export const completionBodies = {
  access: z.strictObject({ deliveredVia: z.optional(z.enum(deliveryChannels)), note }),
  correction: z.strictObject({
    /**
     * What was corrected and where: the customer's data is mastered in the insurer's core systems
     * and arrives by the import, so the correction is made there and recorded here. Say where and
     * how (a system and its ticket), not the new value.
     */
    corrected: z
      .array(z.strictObject({ field: text(100), note: text(1_000) }))
      .check(z.minLength(1), z.maxLength(50)),
    note,
  }),
  'withdraw-consent': z.strictObject({
    /** The consents to withdraw; every consent the profile holds when left out. */
    consents: z.optional(z.array(z.enum(withdrawableConsents)).check(z.minLength(1))),
    note,
  }),
  erasure: z.strictObject({}),
} as const satisfies Record<RequestKind, z.ZodMiniType>;

/**
 * What the completion route takes before it has read the request (and so its kind): nothing, or a
 * JSON object, which the use case then checks against the kind's body.
 */
export const CompletionBody = z.optional(z.record(z.string(), z.unknown()));

/** The completion body as the API document describes it: one of the bodies above. */
export const PrivacyRequestCompletion = z.union([
  completionBodies.access,
  completionBodies.correction,
  completionBodies['withdraw-consent'],
]);
export const ExportQuery = z.object({ format: z._default(z.enum(['json', 'html']), 'json') });

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
/** GET /v1/privacy/audit: one UTC day (today when left out), optionally one customer's or complaint's. */
export const AuditQuery = z.object({
  date: z.optional(z.string().check(z.refine(isDay, { message: 'Must be a date, YYYY-MM-DD' }))),
  customerId: z.optional(text(64)),
  complaintId: z.optional(text(64)),
});

/** GET /v1/privacy/retention/expiring: what expires in the next `days` days (30 when left out; up to ten years, to see the holds). */
export const ExpiringQuery = z.object({
  days: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(3660)), 30),
});

export const StatutoryDeadline = z.object({
  /** The last local day of the period, in the time zone of the regime's calendar. */
  dueDate: z.string(),
  /** 24:00 of dueDate there. */
  dueAt: z.string(),
  /** When the "due soon" alert goes. */
  alertAt: z.string(),
  /** The year's calendar is provisional (shared/calendar). */
  provisional: z.boolean(),
  /** The rule and where it comes from. */
  source: z.string(),
});

/** A complaint kept as a skeleton after an erasure: until when, and why (regime and source). */
export const RetentionHoldView = z.object({
  complaintId: z.string(),
  reference: z.string(),
  regime: z.string(),
  closedAt: z.nullable(z.string()),
  /** When the skeleton expires (DynamoDB TTL); null while the complaint is still open. */
  endsAt: z.nullable(z.string()),
  reason: z.string(),
  source: z.string(),
});

/** What an erasure removed (items per kind) and the holds it kept; the holds alone while under way. */
export const ErasureOutcome = z.object({
  erasedAt: z.string(),
  erased: z.object({
    /** Profile, policies, complaint links, lookups and suppressions in the Customers and Messages tables. */
    customerItems: z.number(),
    /** Complaints rewritten as skeletons. */
    complaints: z.number(),
    /** Timeline entries, clocks and reference items stripped to their facts. */
    complaintRecords: z.number(),
    /** Attachment records deleted. */
    attachments: z.number(),
    /** Messages deleted, or stripped to what was sent when (those about a held complaint). */
    messages: z.number(),
    /** Care and relationship records (follow-ups, campaign outcomes, NPS, feedback, events). */
    careRecords: z.number(),
    /** Claims journeys: core events stripped to their step, claim states deleted (absent before these were erased). */
    claimsRecords: z.optional(z.number()),
    /** Stored files deleted: attachments and raw inbound emails (absent before these were erased). */
    files: z.optional(z.number()),
    tombstones: z.number(),
  }),
  holds: z.array(RetentionHoldView),
});
export type ErasureOutcome = z.infer<typeof ErasureOutcome>;

/** A completed access request: the export delivered (the latest produced before completion). */
export const AccessOutcome = z.object({
  exportedAt: z.string(),
  deliveredVia: z.optional(z.enum(deliveryChannels)),
  note: z.optional(z.string()),
});
/** A completed correction: what was corrected in the core systems, and where (who: `completedBy`). */
export const CorrectionOutcome = z.object({
  corrected: z.array(z.object({ field: z.string(), note: z.string() })),
  note: z.optional(z.string()),
});
/** A completed withdraw-consent request: what it withdrew on the profile, in words too. */
export const ConsentWithdrawalOutcome = z.object({
  /** False when the request found no customer (an unknown contact, or no profile): nothing to withdraw. */
  customerFound: z.boolean(),
  withdrawn: z.array(z.enum(withdrawableConsents)),
  /** Asked for, but withdrawn already (by the customer, an admin, or earlier). */
  alreadyWithdrawn: z.array(z.enum(withdrawableConsents)),
  summary: z.string(),
  note: z.optional(z.string()),
});
export type ConsentWithdrawalOutcome = z.infer<typeof ConsentWithdrawalOutcome>;

/** What a completion records on the request besides who and when: one of these, by kind. */
export type CompletionOutcome = {
  readonly completedAt: string;
  readonly completedBy: string;
  readonly erasure?: ErasureOutcome;
  readonly access?: z.infer<typeof AccessOutcome>;
  readonly correction?: z.infer<typeof CorrectionOutcome>;
  readonly consentWithdrawal?: ConsentWithdrawalOutcome;
};

export const PrivacyRequest = z.object({
  requestId: z.string(),
  kind: z.enum(requestKinds),
  regime: z.enum(requestRegimes),
  status: z.enum(requestStatuses),
  /** The customer, when known by id or found by the contact. */
  customerId: z.optional(z.string()),
  /** The contact's kind and keyed hash: the request never stores the contact itself. */
  contact: z.optional(z.object({ kind: z.enum(['phone', 'email']), hash: z.string() })),
  receivedAt: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  verification: z.string(),
  detail: z.optional(z.string()),
  deadline: StatutoryDeadline,
  /** When the access export was last produced (an access request completes only after one). */
  exportedAt: z.optional(z.string()),
  completedAt: z.optional(z.string()),
  completedBy: z.optional(z.string()),
  access: z.optional(AccessOutcome),
  correction: z.optional(CorrectionOutcome),
  consentWithdrawal: z.optional(ConsentWithdrawalOutcome),
  /** An erasure request's outcome; while it is under way, only the holds it found. */
  erasure: z.optional(z.union([ErasureOutcome, z.object({ holds: z.array(RetentionHoldView) })])),
  version: z.number(),
});
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

/** GET /v1/privacy/requests/{id}: the request, whether it is overdue and the alerts given. */
export const PrivacyRequestView = z.object({
  ...PrivacyRequest.shape,
  overdue: z.boolean(),
  alerts: z.array(z.enum(['due-soon', 'overdue'])),
});
