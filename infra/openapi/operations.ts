/**
 * What the API document says about each route beyond the topology's method, path and auth: the zod
 * schemas its handler validates with, examples (the design brief's bodies) and the answers it
 * gives. Keyed by route key; infra/openapi/document.ts turns this and the topology into OpenAPI.
 */
import * as z from 'zod/mini';
import {
  CustomerLinkQuery,
  HotlineComplaintRequest,
  IdempotencyKey,
  StatusLookupPath,
  StatusLookupQuery,
  WebComplaintRequest,
} from '#shared/contracts/complaint-requests';
import { CoreEventFields } from '#shared/contracts/core-events';
import { ImportedCustomer } from '#shared/contracts/customer-import';
import { PreferencesUpdate } from '#shared/contracts/customer-profile';
import { CampaignActionPath, CampaignDraft } from '../../services/care/domain/authoring/campaign-authoring';
import { CampaignPath, CampaignPreviewQuery, CustomerPath } from '../../services/care/domain/care-requests';
import {
  CampaignAuthored,
  CampaignList,
  CampaignPreview,
  CampaignRuns,
  ImportSummary,
  PreferencesView,
} from '../../services/care/domain/care-responses';
import {
  Article,
  ArticleDraft,
  ArticleList,
  ArticlePath,
} from '../../services/care/domain/knowledge/articles';
import { SegmentDraft, SegmentPath } from '../../services/care/domain/segments/segment-rules';
import { Segment, SegmentList, SegmentPreview } from '../../services/care/domain/segments/segments';
import { actionBodies, type CaseAction } from '../../services/cases/domain/case-actions';
import {
  CaseActionPath,
  CasePath,
  CaseQueueQuery,
  ComplaintReportQuery,
  CustomerRatingRequest,
} from '../../services/cases/domain/case-requests';
import {
  CaseDetail,
  CaseQueuePage,
  CaseSummary,
  ComplaintReportView,
  CustomerRatingRecorded,
} from '../../services/cases/domain/case-responses';
import { ReturnPath } from '../../services/cases/domain/returns/regulator-returns';
import { CoreEventsAnswer, CustomerJourneyView } from '../../services/claims/domain/claims-responses';
import { ComplaintStatusView, FiledComplaint } from '../../services/intake/domain/intake-responses';
import {
  UploadDoneRequest,
  UploadFormView,
  UploadPath,
  UploadRecordedView,
  UploadRequest,
} from '../../services/intake/domain/status-upload';
import { UnsubscribeQuery } from '../../services/notify/domain/unsubscribe-token';
import {
  AuditQuery,
  ExpiringQuery,
  ExportQuery,
  NewPrivacyRequest,
  PrivacyRequest,
  PrivacyRequestCompletion,
  PrivacyRequestPath,
  PrivacyRequestView,
} from '../../services/privacy/domain/request-contracts';
import {
  NewRectification,
  Rectification,
  RectificationActionPath,
  RectificationList,
  RectificationListQuery,
  RectificationPath,
  RectificationView,
  rectificationBodies,
} from '../../services/quality/domain/rectification-contracts';
import {
  CheckInBody,
  EventPath,
  MAX_EVENT_DAYS,
  NewCustomerEvent,
  RsvpBody,
} from '../../services/relationship/domain/event-contracts';
import {
  FeedbackAnswer,
  FeedbackPath,
  FeedbackQueueQuery,
  FeedbackReceived,
  FeedbackRequest,
} from '../../services/relationship/domain/feedback-contracts';
import { NpsAnswerBody, NpsReportQuery } from '../../services/relationship/domain/nps-contracts';

export interface Example<T = unknown> {
  readonly summary: string;
  readonly value: T;
}

/** A request body: one JSON schema, one schema per path variant, or NDJSON lines of one schema. */
export type BodyDoc =
  | {
      readonly kind: 'json';
      /** Its name under components.schemas. */
      readonly name: string;
      readonly schema: z.ZodMiniType;
      readonly examples: Readonly<Record<string, Example>>;
    }
  | {
      readonly kind: 'json-by-variant';
      /** The path parameter that picks the variant (e.g. the case action). */
      readonly parameter: string;
      /** Schema names under components.schemas are `<prefix><Variant>`. */
      readonly namePrefix: string;
      readonly variants: Readonly<Record<string, z.ZodMiniType>>;
      /** Keyed by variant: each example is for the variant of its name. */
      readonly examples: Readonly<Record<string, Example>>;
    }
  | {
      readonly kind: 'ndjson';
      readonly name: string;
      readonly lineSchema: z.ZodMiniType;
      /** Each example is the lines of a request, one value per line. */
      readonly examples: Readonly<Record<string, Example<readonly unknown[]>>>;
    };

export interface HeaderDoc {
  readonly name: string;
  readonly description: string;
  readonly schema: z.ZodMiniType;
}

export interface SuccessDoc {
  readonly status: number;
  readonly description: string;
  /** Media types answered; JSON unless said otherwise. */
  readonly mediaTypes?: readonly string[];
  /** The JSON answer's contract and its name under components.schemas (pages and CSV have none). */
  readonly schema?: { readonly name: string; readonly schema: z.ZodMiniType };
}

export interface OperationDoc {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly path?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  readonly headers?: readonly HeaderDoc[];
  readonly body?: BodyDoc;
  readonly success: SuccessDoc;
  /** 4xx statuses this route answers with a problem, beyond the ones its auth and params imply. */
  readonly problems?: readonly number[];
}

const ifMatch = (what: string, required: string): HeaderDoc => ({
  name: 'If-Match',
  description: `The ETag of the ${what} as read (\`"3"\`); ${required}`,
  // the handler reads the version out of it (and says so with a 400 when it cannot)
  schema: z.string(),
});

const segmentExample = {
  name: '高端长者客户',
  description: 'Gold and platinum customers aged 60 or more, for the 重阳 health talk',
  rules: { tiers: ['gold', 'platinum'], ageBand: { min: 60 } },
};

const articleExample = {
  topic: 'risk-management',
  productTags: [],
  content: {
    'zh-CN': {
      title: '家庭防火五件事',
      summary: '装烟雾报警器、不私拉电线、电动车不进楼道、备灭火器、规划逃生路线。',
      body: '一、在卧室和客厅安装烟雾报警器，每月测试一次。二、不私拉乱接电线。',
    },
    en: {
      title: 'Five steps to a fire-safe home',
      summary: 'Smoke alarms, safe wiring, no e-bike charging indoors, an extinguisher and an escape plan.',
      body: '1. Fit smoke alarms in bedrooms and the living room and test them monthly. 2. No makeshift wiring.',
    },
  },
  linkUrl: 'https://care.example.com/knowledge/home-fire-safety',
};
const articleBody = {
  kind: 'json',
  name: 'ArticleDraft',
  schema: ArticleDraft,
  examples: {
    fireSafety: { summary: 'A risk-management article for every customer', value: articleExample },
  },
} as const;

const webComplaint = {
  customer: { name: '张三', phone: '13800138000', email: 'zhang.san@example.com' },
  policyNumber: 'P2024000123',
  category: 'claims',
  subject: '住院理赔迟迟未付',
  description: '我于11月3日提交的住院理赔材料齐全，至今三周没有任何答复，请尽快处理。',
  preferredChannel: 'sms',
  language: 'zh-CN',
  consent: { dataProcessing: true },
};

const hotlineComplaint = {
  customer: { name: 'Mary Smith', email: 'mary.smith@example.com' },
  policyNumber: 'P2023009876',
  category: 'premium',
  description: 'Premium was collected twice this month and the branch did not refund it.',
  preferredChannel: 'email',
  language: 'en',
  consent: { dataProcessing: true },
  callId: 'CALL-20261201-000123',
  agentId: 'agent-0427',
  callerPhone: '+447700900123',
  summary: 'Double premium debit in November; asks for a refund and an apology.',
  transcript: 'Agent: How can I help? Caller: I was charged twice for my November premium…',
  flags: { regulatorReferral: false, mediaThreat: false, vulnerableCustomer: true },
};

/** The design brief's import line, and a second customer with the defaults left out. */
const importLines = [
  {
    customerId: 'C0001',
    name: '李四',
    birthDate: '1958-03-02',
    phone: '13900139000',
    email: 'li@example.com',
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    preferredChannel: 'sms',
    tier: 'gold',
    consent: { service: true, marketing: true },
    policies: [
      {
        policyNumber: 'P2024000123',
        product: 'critical-illness',
        startDate: '2021-05-10',
        premiumDueDate: '2026-12-05',
        premiumAmount: 3600,
        status: 'in-force',
      },
    ],
    lastContactAt: '2026-01-15T02:00:00Z',
  },
  {
    customerId: 'C0002',
    name: 'Tom Brown',
    email: 'tom@example.com',
    consent: { service: true, marketing: false },
  },
];

const caseActionExamples: Record<CaseAction, Example> = {
  assign: { summary: 'Take the case or give it to someone', value: { assignee: 'ann' } },
  notes: {
    summary: 'An internal note',
    value: { text: 'Called the branch: the second debit is a bank retry.', visibility: 'internal' },
  },
  'request-info': {
    summary: 'Ask the customer for information (the clock keeps running)',
    value: { message: 'Please send the bank statement showing both debits.' },
  },
  'customer-response': {
    summary: "Record the customer's answer",
    value: { message: 'Statement received by email.', newFacts: false },
  },
  extend: {
    summary: 'Extend the resolve clock',
    value: { reason: 'Awaiting the hospital records.', days: 15 },
  },
  resolve: {
    summary: 'Resolve with a decision',
    value: {
      outcome: 'upheld',
      remedy: 'Refund of the duplicate premium and CNY 200 for the inconvenience.',
      rootCause: 'premium-billing',
      responseToCustomer: 'We are sorry: your November premium was taken twice. We have refunded it.',
    },
  },
  hardship: {
    summary: 'Mark financial hardship or a default notice (ASIC RG 271: 21 days)',
    value: { hardship: true, reason: 'The customer received a default notice for the loan.' },
  },
  'new-facts': {
    summary:
      "Say whether the customer's emailed or texted reply brings new facts (they restart the CN clock from the reply's receipt)",
    value: { newFacts: true },
  },
  close: { summary: 'Close a resolved case', value: {} },
  reopen: { summary: 'Reopen (leads and admins)', value: { reason: 'The refund did not arrive.' } },
  'follow-up': {
    summary: 'Record the satisfaction follow-up (回访)',
    value: { satisfaction: 4, comment: 'Quick once escalated.' },
  },
};

const filed: SuccessDoc = {
  status: 201,
  description:
    'Filed (or, for a repeated idempotency key or call id, the complaint filed the first time): ' +
    '`{ complaintId, reference, status: "received", receivedAt }`, with `Location` pointing at its status.',
  schema: { name: 'FiledComplaint', schema: FiledComplaint },
};

export const operations: Readonly<Record<string, OperationDoc>> = {
  'POST /v1/complaints': {
    operationId: 'fileWebComplaint',
    summary: 'File a complaint from the web form',
    headers: [
      {
        name: 'Idempotency-Key',
        description: 'Any 1-200 printable ASCII characters; a retry with the same key files nothing new.',
        schema: IdempotencyKey,
      },
    ],
    body: {
      kind: 'json',
      name: 'WebComplaintRequest',
      schema: WebComplaintRequest,
      examples: { webForm: { summary: 'A claims complaint from the form', value: webComplaint } },
    },
    success: filed,
    problems: [413, 415],
  },
  'POST /v1/integrations/hotline/complaints': {
    operationId: 'fileHotlineComplaint',
    summary: "File a complaint from the call centre's CTI system",
    description: '`callId` is the idempotency key: the same call files one complaint.',
    body: {
      kind: 'json',
      name: 'HotlineComplaintRequest',
      schema: HotlineComplaintRequest,
      examples: { hotlineCall: { summary: 'A call about a double premium debit', value: hotlineComplaint } },
    },
    success: filed,
    problems: [413, 415],
  },
  'POST /v1/integrations/core/events': {
    operationId: 'recordCoreEvents',
    summary: "Record claim and policy events from the insurer's core systems",
    description:
      'One event as JSON, or a back-fill as `application/x-ndjson` (one event per line, at most 500). ' +
      '`eventId` is the idempotency key. Any invalid event refuses the whole request with every field ' +
      'error (NDJSON paths start `line <n>`) and nothing is stored.',
    body: {
      kind: 'json',
      name: 'CoreEvent',
      schema: CoreEventFields,
      examples: {
        approved: {
          summary: 'A claim approved',
          value: {
            eventId: 'CORE-20261207-000123',
            type: 'claim.approved',
            occurredAt: '2026-12-07T02:00:00Z',
            policyNumber: 'P2024000123',
            claimNumber: 'CLM2026000123',
            data: { amount: 1200.5 },
          },
        },
      },
    },
    success: {
      status: 202,
      description: '`{ eventId, status: accepted | duplicate }`, or for a batch `{ accepted, duplicates }`',
      schema: { name: 'CoreEventsAnswer', schema: CoreEventsAnswer },
    },
    problems: [413, 415],
  },
  'GET /v1/customers/{customerId}/journey': {
    operationId: 'getCustomerJourney',
    summary: "A customer's policies, claims and complaints, newest first",
    description:
      "Agents and leads see a customer only when one of the customer's complaints is on their team; " +
      'admins see every customer. Each claim carries its timeline from the core claim system.',
    path: CustomerPath,
    success: {
      status: 200,
      description: '`{ customerId, policies, claims, complaints, timeline }`',
      schema: { name: 'CustomerJourney', schema: CustomerJourneyView },
    },
    problems: [403, 404],
  },
  'GET /v1/complaints/{reference}/status': {
    operationId: 'lookUpComplaintStatus',
    summary: "The customer's own status lookup",
    description: 'A wrong contact answers 404 exactly like an unknown reference.',
    path: StatusLookupPath,
    query: StatusLookupQuery,
    success: {
      status: 200,
      description:
        '`{ reference, status, receivedAt, nextDeadline: { name, dueAt } | null, language, requests, decision }`',
      schema: { name: 'ComplaintStatus', schema: ComplaintStatusView },
    },
    problems: [429],
  },
  'GET /v1/status': {
    operationId: 'lookUpStatusByLink',
    summary: 'The status a signed link from our messages shows (the page `/status?t=` reads it)',
    description:
      'A forged, expired or foreign link is a 400 on `query.t`. Lookups are limited per client address ' +
      '(`STATUS_LOOKUP_LIMIT`, shared with the lookup by contact): past it, 429 with `Retry-After`.',
    query: CustomerLinkQuery,
    success: {
      status: 200,
      description: 'The same answer as the lookup by reference and contact',
      schema: { name: 'ComplaintStatus', schema: ComplaintStatusView },
    },
    problems: [404, 429],
  },
  'POST /v1/status/uploads': {
    operationId: 'requestUploadForm',
    summary:
      'A form that uploads one document straight to the attachments store (the status page, by its link)',
    description:
      'PDF, JPEG or PNG, 10 MB at most: another type or a larger size is a 400 naming the field. Post ' +
      '`fields`, then the file as `file`, to `url`; then confirm with `POST /v1/status/uploads/{attachmentId}`.',
    body: {
      kind: 'json',
      name: 'UploadRequest',
      schema: UploadRequest,
      examples: {
        scan: {
          summary: 'A scanned invoice',
          value: {
            t: 'CMP-20261206-7K3M9Q.s.tq3k2w.AbCdEfGhIjKlMnOpQrStUv',
            fileName: '发票.pdf',
            contentType: 'application/pdf',
            size: 482113,
          },
        },
      },
    },
    success: {
      status: 201,
      description: 'The upload form',
      schema: { name: 'UploadForm', schema: UploadFormView },
    },
    problems: [404, 415],
  },
  'POST /v1/status/uploads/{attachmentId}': {
    operationId: 'recordUpload',
    summary: 'Records an uploaded document on the complaint, once it is in the store',
    path: UploadPath,
    body: {
      kind: 'json',
      name: 'UploadDoneRequest',
      schema: UploadDoneRequest,
      examples: {
        scan: {
          summary: 'The scanned invoice arrived',
          value: {
            t: 'CMP-20261206-7K3M9Q.s.tq3k2w.AbCdEfGhIjKlMnOpQrStUv',
            fileName: '发票.pdf',
            contentType: 'application/pdf',
          },
        },
      },
    },
    success: {
      status: 201,
      description: 'The document as recorded',
      schema: { name: 'UploadRecorded', schema: UploadRecordedView },
    },
    problems: [415],
  },
  'POST /v1/ratings': {
    operationId: 'rateComplaint',
    summary:
      "The customer's satisfaction rating from the follow-up message's signed link (the page `/rate?t=`)",
    description:
      'Records the `follow-up` action on the case, once per complaint: a second rating is a 409 with ' +
      '`recordedAt` and changes nothing, as is a rating of a complaint not yet resolved (409 with `status`). ' +
      'A forged, expired or foreign link is a 400 on `body.t`.',
    body: {
      kind: 'json',
      name: 'CustomerRatingRequest',
      schema: CustomerRatingRequest,
      examples: {
        satisfied: {
          summary: 'Four out of five, with a comment',
          value: {
            t: 'CMP-20261206-7K3M9Q.r.tq3k2w.AbCdEfGhIjKlMnOpQrStUv',
            satisfaction: 4,
            comment: '处理及时，谢谢。',
          },
        },
      },
    },
    success: {
      status: 201,
      description: 'The rating as recorded',
      schema: { name: 'CustomerRatingRecorded', schema: CustomerRatingRecorded },
    },
    problems: [404, 409, 415],
  },
  'GET /v1/unsubscribe': {
    operationId: 'showUnsubscribe',
    summary: "The confirmation page of a care message's unsubscribe link (changes nothing)",
    query: UnsubscribeQuery,
    success: { status: 200, description: 'The confirmation page', mediaTypes: ['text/html'] },
  },
  'POST /v1/unsubscribe': {
    operationId: 'unsubscribe',
    summary: 'Withdraw the consent the link names (the page, or an RFC 8058 one-click request)',
    query: UnsubscribeQuery,
    success: { status: 200, description: 'The page saying it is done', mediaTypes: ['text/html'] },
  },
  'GET /v1/cases': {
    operationId: 'listCases',
    summary: 'The case queue, most urgent SLA first (agents and leads see their team)',
    description:
      'With `q`, a search instead of the queue: a reference (`CMP-…`), a phone (with or without +86, ' +
      'spaces and dashes allowed), an email (any case), a policy number or a customer id, newest ' +
      'first, scoped like the queue; the other filters do not apply. Anything else is a 400 on `query.q`.',
    query: CaseQueueQuery,
    success: {
      status: 200,
      description: '`{ items, cursor }`; pass `cursor` back for the next page (null at the end)',
      schema: { name: 'CaseQueuePage', schema: CaseQueuePage },
    },
  },
  'GET /v1/cases/{complaintId}': {
    operationId: 'getCase',
    summary: 'One case: complaint, triage decision with reasons, SLA clocks, timeline',
    path: CasePath,
    success: {
      status: 200,
      description: 'The case, with `version` (also the `ETag`)',
      schema: { name: 'CaseDetail', schema: CaseDetail },
    },
  },
  'POST /v1/cases/{complaintId}/{action}': {
    operationId: 'takeCaseAction',
    summary: 'Take an action on a case; the body is the action’s own',
    description: 'Actions that change the case need `If-Match`; 409 lists the actions open in its status.',
    path: CaseActionPath,
    headers: [ifMatch('case', 'required by actions that change the case (428 without it, 412 when stale)')],
    body: {
      kind: 'json-by-variant',
      parameter: 'action',
      namePrefix: 'CaseAction_',
      variants: actionBodies,
      examples: caseActionExamples,
    },
    success: {
      status: 200,
      description: 'The case summary after the action, with the new `ETag`',
      schema: { name: 'CaseSummary', schema: CaseSummary },
    },
    problems: [409, 412, 415, 428],
  },
  'GET /v1/reports/complaints': {
    operationId: 'complaintReport',
    summary: 'Complaint statistics for a period of receipt (docs/reports.md)',
    query: ComplaintReportQuery,
    success: {
      status: 200,
      description: 'The report (docs/reports.md); CSV with `format=csv`',
      mediaTypes: ['application/json', 'text/csv'],
      schema: { name: 'ComplaintReport', schema: ComplaintReportView },
    },
  },
  'GET /v1/reports/returns/{regime}': {
    operationId: 'regulatorReturn',
    summary:
      "A regulator's return for a period: uk-fca (DISP 1 Annex 1R), au-asic (RG 271 IDR data), cn-nfra (docs/returns.md)",
    path: ReturnPath,
    query: ComplaintReportQuery,
    success: {
      status: 200,
      description:
        'The return: its document, columns, rows, and `gaps` (what the data cannot fill for the period); CSV with `format=csv`',
      mediaTypes: ['application/json', 'text/csv'],
    },
  },
  'POST /v1/rectifications': {
    operationId: 'openRectification',
    summary: 'Opens a rectification of a root cause (溯源整改), with its actions, owners and due dates',
    body: {
      kind: 'json',
      name: 'NewRectification',
      schema: NewRectification,
      examples: {
        assessmentDelay: {
          summary: 'Claims assessments taking too long',
          value: {
            rootCause: 'claims/assessment-delay',
            title: 'Hospital claims wait three weeks for assessment',
            owner: 'lin',
            dueDate: '2027-01-31',
            complaintIds: ['01JEXAMPLE0000000000000000'],
            actions: [
              { text: 'Add two assessors to the hospital-claims queue', owner: 'wu', dueDate: '2026-12-20' },
            ],
          },
        },
      },
    },
    success: {
      status: 201,
      description: 'The rectification, with its `ETag`',
      schema: { name: 'Rectification', schema: Rectification },
    },
  },
  'GET /v1/rectifications': {
    operationId: 'listRectifications',
    summary: 'Rectifications, by status if asked, earliest due first',
    query: RectificationListQuery,
    success: {
      status: 200,
      description: '`{ items }`',
      schema: { name: 'RectificationList', schema: RectificationList },
    },
  },
  'GET /v1/rectifications/{rectificationId}': {
    operationId: 'getRectification',
    summary: 'One rectification with its timeline and the complaints linked to it',
    path: RectificationPath,
    success: {
      status: 200,
      description: 'The rectification, its immutable timeline and linked complaints; `ETag` is its version',
      schema: { name: 'RectificationView', schema: RectificationView },
    },
  },
  'POST /v1/rectifications/{rectificationId}/{action}': {
    operationId: 'actOnRectification',
    summary: 'update, complete (with evidence), verify (by another person than the owner) or reopen',
    path: RectificationActionPath,
    headers: [ifMatch('rectification', 'required (428 without it, 412 when stale)')],
    body: {
      kind: 'json-by-variant',
      parameter: 'action',
      namePrefix: 'RectificationAction_',
      variants: rectificationBodies,
      examples: {
        update: { summary: 'An action done, with a note', value: { done: ['A1'], note: 'Assessors added' } },
        complete: {
          summary: 'Completed with evidence',
          value: { evidence: 'Median assessment time 4 days in December' },
        },
        verify: { summary: 'Verified by a second person', value: { note: 'Checked the December figures' } },
        reopen: { summary: 'Did not hold', value: { reason: 'Delays are back in January' } },
      },
    },
    success: {
      status: 200,
      description: 'The rectification after the action, with the new `ETag`',
      schema: { name: 'Rectification', schema: Rectification },
    },
    problems: [409, 412, 428],
  },
  'POST /v1/privacy/requests': {
    operationId: 'recordPrivacyRequest',
    summary:
      "Records a customer's verified personal-information request (access, correction, erasure, withdraw-consent) with its statutory deadline",
    body: {
      kind: 'json',
      name: 'NewPrivacyRequest',
      schema: NewPrivacyRequest,
      examples: {
        access: {
          summary: 'An access request under PIPL, identity checked at the counter',
          value: {
            customerId: 'C0001',
            kind: 'access',
            verification: 'ID card checked at the Shanghai branch',
          },
        },
      },
    },
    success: {
      status: 201,
      description:
        'The request with its deadline (PIPL: 15 working days on the CN calendar; GDPR: one month)',
      schema: { name: 'PrivacyRequest', schema: PrivacyRequest },
    },
  },
  'GET /v1/privacy/requests/{requestId}': {
    operationId: 'getPrivacyRequest',
    summary: 'A personal-information request, its deadline, whether it is overdue and the alerts given',
    path: PrivacyRequestPath,
    success: {
      status: 200,
      description: 'The request',
      schema: { name: 'PrivacyRequestView', schema: PrivacyRequestView },
    },
  },
  'GET /v1/privacy/requests/{requestId}/export': {
    operationId: 'exportPersonalData',
    summary:
      'Everything held about the requester of an access request: profile, consents and their history, policies, complaints with timelines, messages sent, claims journeys, rectifications (audited; the request may then be completed)',
    path: PrivacyRequestPath,
    query: ExportQuery,
    success: {
      status: 200,
      description: 'The export as JSON, or as a readable HTML page with `format=html`',
      mediaTypes: ['application/json', 'text/html'],
    },
    problems: [409],
  },
  'POST /v1/privacy/requests/{requestId}/complete': {
    operationId: 'completePrivacyRequest',
    summary:
      "Completes a customer's request: an access request once its export was produced, a correction with what was corrected where, a withdraw-consent request by withdrawing the consents on the profile; hands an erasure to the erasure function",
    description:
      "The body depends on the request's kind: access `{ deliveredVia?, note? }`, correction `{ corrected: [{ field, note }], note? }`, withdraw-consent `{ consents?, note? }` (every consent when left out), erasure none. An erasure answers 202 with the request `erasing` (the person's data is removed everywhere; complaints are kept as skeletons under their retention holds); `GET /v1/privacy/requests/{requestId}` shows it `completed` with what was erased and each hold when done. 409: the request is not open, or an access request has no export yet.",
    path: PrivacyRequestPath,
    body: {
      kind: 'json',
      name: 'PrivacyRequestCompletion',
      schema: PrivacyRequestCompletion,
      examples: {
        access: { summary: 'An access request, its export sent by email', value: { deliveredVia: 'email' } },
        correction: {
          summary: 'A correction made in the core policy system',
          value: {
            corrected: [{ field: 'address', note: 'Corrected in the core policy system, ticket CS-2101' }],
          },
        },
        withdrawConsent: {
          summary: 'Withdraw marketing and SMS only',
          value: { consents: ['marketing', 'sms'], note: 'Asked by phone; identity checked' },
        },
      },
    },
    success: {
      status: 200,
      description:
        'The request, `completed` with its outcome (`access`, `correction` or `consentWithdrawal`); an erasure: 202 and the request `erasing`',
      schema: { name: 'PrivacyRequest', schema: PrivacyRequest },
    },
    problems: [409],
  },
  'GET /v1/privacy/retention/expiring': {
    operationId: 'listExpiring',
    summary:
      "What the tables' TTL purges in the next `days` days (30 by default): counts per item kind with its retention rule, and the complaint skeletons whose hold ends",
    query: ExpiringQuery,
    success: { status: 200, description: '`{ from, to, days, byKind, complaints, rules }`' },
  },
  'GET /v1/privacy/audit': {
    operationId: 'listAccessAudit',
    summary: "A day's access audit log: who read whose unmasked personal data, when and why",
    query: AuditQuery,
    success: { status: 200, description: '`{ date, entries }`, oldest first' },
  },
  'GET /v1/articles': {
    operationId: 'listArticles',
    summary: 'The knowledge library (持续知识输出), in the order content campaigns offer it',
    success: {
      status: 200,
      description: '`{ articles }`',
      schema: { name: 'ArticleList', schema: ArticleList },
    },
  },
  'POST /v1/articles': {
    operationId: 'createArticle',
    summary: 'Add a knowledge article: title, summary and body in zh-CN and en, topic, product tags',
    body: articleBody,
    success: {
      status: 201,
      description: 'The article, its version as the `ETag`',
      schema: { name: 'Article', schema: Article },
    },
    problems: [415],
  },
  'GET /v1/articles/{articleId}': {
    operationId: 'getArticle',
    summary: 'A knowledge article, its version as the `ETag`',
    path: ArticlePath,
    success: { status: 200, description: 'The article', schema: { name: 'Article', schema: Article } },
  },
  'PUT /v1/articles/{articleId}': {
    operationId: 'replaceArticle',
    summary: "Replace an article's texts, topic, tags and link (customers who had it do not get it again)",
    path: ArticlePath,
    headers: [ifMatch('article', 'optional; a stale one answers 412')],
    body: articleBody,
    success: {
      status: 200,
      description: 'The article after the change, with the new `ETag`',
      schema: { name: 'Article', schema: Article },
    },
    problems: [412, 415],
  },
  'GET /v1/segments': {
    operationId: 'listSegments',
    summary: 'The segments (分层分类): name, rules and version of each',
    success: {
      status: 200,
      description: '`{ segments }`',
      schema: { name: 'SegmentList', schema: SegmentList },
    },
  },
  'POST /v1/segments': {
    operationId: 'createSegment',
    summary: 'Define a segment: every rule given must hold; a rule on something unknown does not',
    body: {
      kind: 'json',
      name: 'SegmentDraft',
      schema: SegmentDraft,
      examples: {
        goldSeniors: { summary: 'Gold and platinum customers aged 60 or more', value: segmentExample },
      },
    },
    success: {
      status: 201,
      description: 'The segment, its version as the `ETag`',
      schema: { name: 'Segment', schema: Segment },
    },
    problems: [415],
  },
  'GET /v1/segments/{segmentId}': {
    operationId: 'getSegment',
    summary: 'A segment, its version as the `ETag`',
    path: SegmentPath,
    success: { status: 200, description: 'The segment', schema: { name: 'Segment', schema: Segment } },
  },
  'PUT /v1/segments/{segmentId}': {
    operationId: 'replaceSegment',
    summary: "Replace a segment's name, description and rules",
    path: SegmentPath,
    headers: [ifMatch('segment', 'optional; a stale one answers 412')],
    body: {
      kind: 'json',
      name: 'SegmentDraft',
      schema: SegmentDraft,
      examples: {
        goldSeniors: { summary: 'Gold and platinum customers aged 60 or more', value: segmentExample },
      },
    },
    success: {
      status: 200,
      description: 'The segment after the change, with the new `ETag`',
      schema: { name: 'Segment', schema: Segment },
    },
    // 409: the rules match no customer while active campaigns use the segment (`campaigns` names them)
    problems: [409, 412, 415],
  },
  'GET /v1/segments/{segmentId}/preview': {
    operationId: 'previewSegment',
    summary: "A segment's member count now and a masked sample, with the items the evaluation read",
    path: SegmentPath,
    success: {
      status: 200,
      description: 'The count and a masked sample',
      schema: { name: 'SegmentPreview', schema: SegmentPreview },
    },
  },
  'GET /v1/campaigns': {
    operationId: 'listCampaigns',
    summary: 'The care campaign definitions, their version and whether each is enabled',
    success: {
      status: 200,
      description: '`{ version, campaigns }`',
      schema: { name: 'CampaignList', schema: CampaignList },
    },
  },
  'POST /v1/campaigns': {
    operationId: 'draftCampaign',
    summary:
      'Write a campaign draft (a new campaign or a new version); it runs once a second admin approves it',
    description:
      '`segmentId` (an existing segment, else a 400 on `body.segmentId`) narrows the audience rule to ' +
      "the segment's members; `channel` (`email`, `sms`, `preferred`) is used over each customer's " +
      'preferred channel where their consent and contact allow.',
    body: {
      kind: 'json',
      name: 'CampaignDraft',
      schema: CampaignDraft,
      examples: {
        winterHealth: {
          summary: 'A quarterly note to gold and platinum customers',
          value: {
            id: 'winter-health',
            title: 'Winter health note',
            consent: 'marketing',
            holdWhileComplaintOpen: true,
            audience: { kind: 'tier-outreach', tiers: ['gold', 'platinum'], cadence: 'quarterly' },
            segmentId: '01JEZ8R5T2K9M4N6P3Q7W1X5Y8',
            channel: 'preferred',
            content: {
              'zh-CN': { headline: '{{name}}，冬季健康提示', body: '天气转冷，请注意保暖。' },
              en: {
                headline: '{{name}}, a winter health note',
                body: 'Keep warm as the weather turns cold.',
              },
            },
          },
        },
      },
    },
    success: {
      status: 201,
      description:
        "The campaign's head (status, versions) and the draft's texts rendered for a sample customer",
      schema: { name: 'CampaignAuthored', schema: CampaignAuthored },
    },
    problems: [409, 415],
  },
  'POST /v1/campaigns/{campaignId}/{action}': {
    operationId: 'actOnCampaign',
    summary: 'Approve a draft (an admin other than its author: else 403), pause, resume or retire a campaign',
    path: CampaignActionPath,
    success: {
      status: 200,
      description: "The campaign's head after the action",
      schema: { name: 'CampaignAuthored', schema: CampaignAuthored },
    },
    problems: [409],
  },
  'GET /v1/campaigns/{campaignId}/preview': {
    operationId: 'previewCampaign',
    summary: "A campaign's audience on a date by outcome, with a masked sample; sends nothing",
    path: CampaignPath,
    query: CampaignPreviewQuery,
    success: {
      status: 200,
      description: 'The audience by outcome and a masked sample',
      schema: { name: 'CampaignPreview', schema: CampaignPreview },
    },
  },
  'GET /v1/campaigns/{campaignId}/runs': {
    operationId: 'listCampaignRuns',
    summary: "A campaign's run records, newest first",
    path: CampaignPath,
    success: {
      status: 200,
      description: '`{ campaignId, runs }`',
      schema: { name: 'CampaignRuns', schema: CampaignRuns },
    },
  },
  'POST /v1/customers/import': {
    operationId: 'importCustomers',
    summary: 'Import customers: NDJSON, one customer per line (at most 10,000 lines and 5 MiB)',
    description:
      'Each line is validated on its own; valid lines are written even when others fail. When no line ' +
      'is valid the answer is 400 with the same `rejected` list. A policy may carry `endDate`, the date ' +
      'its contract ended: only when it is not `in-force`, and not before `startDate`. Once every ' +
      "policy of a customer ended with an `endDate`, the customer's records expire 3653 days after the " +
      'latest (PRC Insurance Law art. 87: ten years from the end of the last contract).',
    body: {
      kind: 'ndjson',
      name: 'ImportedCustomer',
      lineSchema: ImportedCustomer,
      examples: { twoCustomers: { summary: 'Two customers', value: importLines } },
    },
    success: {
      status: 200,
      description:
        '`{ created, updated, unchanged, rejected: [{ line, errors }], resumeFromLine? }`; send the lines ' +
        'from `resumeFromLine` again when present',
      schema: { name: 'ImportSummary', schema: ImportSummary },
    },
    problems: [413, 415],
  },
  'GET /v1/customers/{customerId}/preferences': {
    operationId: 'getCustomerPreferences',
    summary: "A customer's effective preferences and which of them override the import",
    path: CustomerPath,
    success: {
      status: 200,
      description: 'The preferences, with `version` (also the `ETag`)',
      schema: { name: 'Preferences', schema: PreferencesView },
    },
  },
  'PUT /v1/customers/{customerId}/preferences': {
    operationId: 'updateCustomerPreferences',
    summary: "Change a customer's preferences (only the fields given; `quietHours: null` clears)",
    path: CustomerPath,
    headers: [ifMatch('preferences', 'optional; a stale one answers 412')],
    body: {
      kind: 'json',
      name: 'PreferencesUpdate',
      schema: PreferencesUpdate,
      examples: {
        emailAndQuietHours: {
          summary: 'Email, no marketing, quiet from 22:00 to 07:30',
          value: {
            preferredChannel: 'email',
            consent: { marketing: false },
            quietHours: { start: '22:00', end: '07:30' },
          },
        },
      },
    },
    success: {
      status: 200,
      description: 'The preferences after the change, with the new `ETag`',
      schema: { name: 'Preferences', schema: PreferencesView },
    },
    problems: [412, 415],
  },
  'POST /v1/feedback': {
    operationId: 'sendFeedback',
    summary: 'A suggestion, praise or question from the public (never a complaint)',
    description:
      'Filed feedback (201) is routed to a team and answered by the close of business of the 2nd ' +
      '(question) or 5th business day. A text that reads like a complaint is not filed: the answer ' +
      '(200, `status: complaint-suggested`) offers the complaint form; sent again with ' +
      '`keepAsFeedback: true` it is kept as feedback. Limited per client address (429 with Retry-After).',
    body: {
      kind: 'json',
      name: 'FeedbackRequest',
      schema: FeedbackRequest,
      examples: {
        suggestion: {
          summary: 'A suggestion with a contact for the answer',
          value: {
            kind: 'suggestion',
            text: '建议在APP里增加保单电子化下载功能。',
            customer: { name: '张三', email: 'zhang.san@example.com' },
            language: 'zh-CN',
          },
        },
      },
    },
    success: {
      status: 201,
      description:
        'Filed, with its team and answer due date (200 when the complaint path is offered instead)',
      schema: { name: 'FeedbackReceived', schema: FeedbackReceived },
    },
    problems: [429],
  },
  'GET /v1/feedback': {
    operationId: 'listFeedback',
    summary: "A team's feedback queue, earliest answer due first (agents and leads: their team)",
    query: FeedbackQueueQuery,
    success: { status: 200, description: '`{ items }`' },
  },
  'POST /v1/feedback/{feedbackId}/answer': {
    operationId: 'answerFeedback',
    summary: "Answer a feedback of the caller's team, once (a second answer is a 409)",
    description:
      'When the feedback gave an email or phone, the answer goes there once through notify (the ' +
      '`feedback-answer` template in its language, a service message; email before SMS), and the ' +
      'feedback says `answerSentTo: email|sms`.',
    path: FeedbackPath,
    body: {
      kind: 'json',
      name: 'FeedbackAnswer',
      schema: FeedbackAnswer,
      examples: { answer: { summary: 'An answer', value: { text: '感谢建议，电子保单下载将于下月上线。' } } },
    },
    success: { status: 200, description: 'The feedback with its answer (and `answerSentTo` when sent)' },
    problems: [409, 412],
  },
  'GET /v1/nps': {
    operationId: 'showNpsSurvey',
    summary: "The NPS survey page of a survey message's signed link (changes nothing)",
    query: CustomerLinkQuery,
    success: { status: 200, description: 'The survey page', mediaTypes: ['text/html'] },
  },
  'POST /v1/nps': {
    operationId: 'answerNpsSurvey',
    summary: 'The NPS answer (0–10, a comment) from the survey page or as JSON, once per survey',
    description: 'A second answer is a 409; a forged, expired or foreign link a 400 on `query.t`.',
    query: CustomerLinkQuery,
    body: {
      kind: 'json',
      name: 'NpsAnswer',
      schema: NpsAnswerBody,
      examples: { promoter: { summary: 'A promoter', value: { score: 9, comment: '理赔很快' } } },
    },
    success: { status: 201, description: 'The answer as recorded (the thanks page for a form post)' },
    problems: [409, 415],
  },
  'GET /v1/reports/nps': {
    operationId: 'npsReport',
    summary: 'NPS by segment (the tier when asked) and touchpoint over a period of at most a year',
    query: NpsReportQuery,
    success: { status: 200, description: '`{ from, to, total, bySegment, byTouchpoint }`' },
  },
  'POST /v1/events': {
    operationId: 'createCustomerEvent',
    summary: 'A customer event (health talk, wealth salon, family day) and its invitations',
    description:
      'Each of `customerIds` (at most 200, once each), or else each member of `segmentId`, is invited ' +
      'through notify with a signed link to the RSVP page. A segment of more than 200 members is ' +
      'invited in pages through a queue after the answer, which says how many are `queued`. Give ' +
      'either `venue` or `onlineUrl`; `startsAt` must be in the future, `endsAt` (optional, two ' +
      `hours after the start if not given) after it and at most ${MAX_EVENT_DAYS} days after it: the ` +
      'post-event survey waits for the end, and invitations are kept a year from the start.',
    body: {
      kind: 'json',
      name: 'NewCustomerEvent',
      schema: NewCustomerEvent,
      examples: {
        talk: {
          summary: 'A health talk for 30',
          value: {
            title: '冬季养生健康讲座',
            kind: 'health-talk',
            segmentId: 'gold-seniors',
            customerIds: ['C0001', 'C0002'],
            venue: '上海市静安区客户服务中心三楼',
            startsAt: '2026-12-20T06:00:00Z',
            endsAt: '2026-12-20T08:00:00Z',
            capacity: 30,
          },
        },
      },
    },
    success: { status: 201, description: 'The event with its counts (and `queued` for a large segment)' },
  },
  'GET /v1/events/{eventId}': {
    operationId: 'getCustomerEvent',
    summary:
      'An event and its counts (invited, confirmed, waitlisted, declined, checkedIn, surveysAsked, surveysAnswered)',
    path: EventPath,
    success: { status: 200, description: 'The event' },
  },
  'POST /v1/events/{eventId}/check-in': {
    operationId: 'checkInCustomer',
    summary: 'Check a customer with a seat in (once; plans the post-event survey for after the end)',
    path: EventPath,
    body: {
      kind: 'json',
      name: 'CheckIn',
      schema: CheckInBody,
      examples: { one: { summary: 'A customer at the door', value: { customerId: 'C0001' } } },
    },
    success: { status: 200, description: '`{ eventId, customerId, state: "checked-in" }`' },
    problems: [409],
  },
  'GET /v1/rsvp': {
    operationId: 'showInvitation',
    summary: "The event an invitation's signed link names, and the answer so far (changes nothing)",
    description:
      "Read by the RSVP page (`/rsvp?t=`, the invitation's link). `event` carries `seatsLeft` and " +
      "the guest's `timeZone` (their profile's, else Asia/Shanghai) to show its time in.",
    query: CustomerLinkQuery,
    success: { status: 200, description: '`{ event, state }`' },
  },
  'POST /v1/rsvp': {
    operationId: 'answerInvitation',
    summary: 'Accept (a seat, or the waitlist when full) or decline (a freed seat goes to the waitlist)',
    description:
      'A seat taken plans the reminder at 09:00 the guest’s time on the day before the event; a ' +
      'seat given up before it is sent unplans it.',
    query: CustomerLinkQuery,
    body: {
      kind: 'json',
      name: 'RsvpAnswer',
      schema: RsvpBody,
      examples: { accept: { summary: 'Coming', value: { response: 'accept' } } },
    },
    success: { status: 200, description: '`{ event, state: accepted|waitlisted|declined }`' },
    problems: [409],
  },
};
