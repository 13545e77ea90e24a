/**
 * Every function, route, queue subscription, bus rule, schedule and stream of Complaint & Care.
 * CDK (infra/constructs) builds the AWS resources from this object and the local cloud
 * (infra/local) wires the same handlers from it; nothing about wiring is written anywhere else.
 */
import type { SettingName } from '#shared/config/settings';
import { coreEventTypes } from '#shared/contracts/core-events';
import { outboxInsertFilter } from '#shared/outbox/outbox-keys';
import type { Topology } from './topology-types';

/** What every function that sends messages reads: the sender, the brand, the send rate and cap. */
const sendingSettings = [
  'EMAIL_FROM',
  'SMS_ORIGINATION_IDENTITY',
  'EMAIL_SEND_RATE',
  'SMS_SEND_RATE',
  'SEND_RATE_MAX_WAIT_MS',
  'NOTIFY_CLAIM_LEASE_SECONDS',
  'CARE_FREQUENCY_CAP',
  'BRAND_NAME',
  'SERVICE_PHONE',
  'SERVICE_EMAIL',
  'BRAND_WEBSITE',
] as const satisfies readonly SettingName[];

/** What a function that signs the customer's status and rating links reads. */
const customerLinkSettings = [
  'PUBLIC_SITE_URL',
  'CUSTOMER_LINK_DAYS',
] as const satisfies readonly SettingName[];

export const topology: Topology = {
  functions: {
    'outbox-relay': {
      service: 'platform',
      entry: 'shared/outbox/relay.handler.ts',
      memoryMb: 256,
      timeoutSeconds: 30,
      publishesEvents: true,
    },
    'intake-web': {
      service: 'intake',
      entry: 'services/intake/handlers/web-complaint.ts',
      memoryMb: 512,
      timeoutSeconds: 10,
      tables: { Complaints: 'readWrite', Customers: 'read' },
      readsPiiHashKey: true,
      settings: ['COMPANY_TIME_ZONE'],
    },
    'intake-hotline': {
      service: 'intake',
      entry: 'services/intake/handlers/hotline-complaint.ts',
      memoryMb: 512,
      timeoutSeconds: 10,
      tables: { Complaints: 'readWrite', Customers: 'read' },
      readsHotlineSecret: true,
      readsPiiHashKey: true,
      settings: ['COMPANY_TIME_ZONE'],
    },
    'intake-status': {
      service: 'intake',
      entry: 'services/intake/handlers/complaint-status.ts',
      memoryMb: 256,
      timeoutSeconds: 5,
      // writes its per-client lookup counters (keyed by a hash of the address)
      tables: { Complaints: 'readWrite' },
      readsPiiHashKey: true,
      settings: ['STATUS_LOOKUP_LIMIT'],
    },
    'intake-status-link': {
      service: 'intake',
      entry: 'services/intake/handlers/status-link.ts',
      memoryMb: 256,
      timeoutSeconds: 5,
      tables: { Complaints: 'readWrite' },
      readsPiiHashKey: true,
      readsCustomerLinkSecret: true,
      settings: ['STATUS_LOOKUP_LIMIT'],
    },
    'intake-status-upload': {
      service: 'intake',
      entry: 'services/intake/handlers/status-upload.ts',
      memoryMb: 256,
      timeoutSeconds: 10,
      tables: { Complaints: 'readWrite' },
      // signs upload forms and lists what arrived, for the attachment records
      buckets: { Attachments: 'readWrite' },
      readsCustomerLinkSecret: true,
    },
    'triage-complaint': {
      service: 'triage',
      entry: 'services/triage/handlers/complaint-received.ts',
      memoryMb: 512,
      timeoutSeconds: 15,
      tables: { Complaints: 'readWrite', Customers: 'read' },
    },
    'sla-clocks': {
      service: 'sla',
      entry: 'services/sla/handlers/complaint-events.ts',
      memoryMb: 512,
      timeoutSeconds: 15,
      tables: { Complaints: 'readWrite', Customers: 'read' },
    },
    'sla-sweep': {
      service: 'sla',
      entry: 'services/sla/handlers/sweep.ts',
      memoryMb: 512,
      timeoutSeconds: 50,
      tables: { Complaints: 'readWrite' },
    },
    'cases-report': {
      service: 'cases',
      entry: 'services/cases/handlers/report.ts',
      memoryMb: 512,
      timeoutSeconds: 15,
      tables: { Complaints: 'read' },
      settings: ['COMPANY_TIME_ZONE'],
    },
    // the regulators' returns read up to a year before the period, more than the report: own function
    'cases-returns': {
      service: 'cases',
      entry: 'services/cases/handlers/regulator-returns.ts',
      memoryMb: 1024,
      timeoutSeconds: 29,
      // Quality: the returns' counters and rows, kept by quality-complaint-resolved
      tables: { Complaints: 'read', Quality: 'read' },
      settings: ['COMPANY_TIME_ZONE'],
    },
    'cases-api': {
      service: 'cases',
      entry: 'services/cases/handlers/cases-api.ts',
      memoryMb: 512,
      timeoutSeconds: 10,
      // Customers: the claims journey of a complaint's policy (shared/aws/journey-reader.ts)
      // AccessAudit: unmasked case details and searches by phone or email are recorded (append only)
      tables: { Complaints: 'readWrite', Messages: 'read', Customers: 'read', AccessAudit: 'append' },
      // staff download the customer's documents through links this function signs
      buckets: { Attachments: 'read' },
      // the case search finds a phone or email by its keyed hash, as intake wrote it
      readsPiiHashKey: true,
      // "due today" in the queue is today in the company's time zone
      settings: ['COMPANY_TIME_ZONE'],
    },
    'cases-email-reply': {
      service: 'cases',
      entry: 'services/cases/handlers/email-reply.ts',
      memoryMb: 512,
      // a reply with documents: read the message, store each document, one transaction
      timeoutSeconds: 30,
      tables: { Complaints: 'readWrite' },
      // InboundMail: an email that names no complaint (a stranger, a forged address) is deleted once read
      buckets: { InboundMail: 'readErase', Attachments: 'write' },
      readsReplySecret: true,
      settings: ['REPLY_EMAIL_DOMAIN'],
    },
    'cases-sms-reply': {
      service: 'cases',
      entry: 'services/cases/handlers/sms-reply.ts',
      memoryMb: 256,
      timeoutSeconds: 15,
      // the complaint by the phone's keyed hash; TD withdraws consent on the customer's profile
      tables: { Complaints: 'readWrite', Customers: 'readWrite' },
      readsPiiHashKey: true,
    },
    'notify-events': {
      service: 'notify',
      entry: 'services/notify/handlers/notify-events.ts',
      memoryMb: 512,
      timeoutSeconds: 20,
      tables: { Complaints: 'read', Customers: 'read', Messages: 'readWrite' },
      // the message key names its recipient by the keyed hash of the address (adapters/message-keys.ts)
      readsPiiHashKey: true,
      sendsMessages: true,
      // staff alerts go to the staff directory and link to the console; the customer's messages
      // carry a signed link to their status page and a reply address bound to the complaint
      readsCustomerLinkSecret: true,
      readsReplySecret: true,
      settings: [
        ...sendingSettings,
        'STAFF_EMAIL_DOMAIN',
        'CONSOLE_URL',
        'REPLY_EMAIL_DOMAIN',
        ...customerLinkSettings,
      ],
    },
    'notify-deferred': {
      service: 'notify',
      entry: 'services/notify/handlers/deferred.ts',
      memoryMb: 512,
      timeoutSeconds: 60,
      // held care messages are vetted again against the profile when they go
      tables: { Messages: 'readWrite', Customers: 'read' },
      sendsMessages: true,
      // a held complaint email goes out with its reply address like any other
      readsReplySecret: true,
      settings: [...sendingSettings, 'REPLY_EMAIL_DOMAIN'],
    },
    'care-campaign-planner': {
      service: 'care',
      entry: 'services/care/handlers/campaign-planner.ts',
      memoryMb: 1024,
      timeoutSeconds: 600,
      // Relationship: the customer events' day-before reminders and post-event surveys ride on
      // this hourly run
      tables: { Customers: 'read', Campaigns: 'readWrite', Relationship: 'readWrite' },
      // a post-event survey carries a signed link to the survey page on the public API
      readsCustomerLinkSecret: true,
      settings: ['PUBLIC_API_URL', 'CUSTOMER_LINK_DAYS'],
    },
    'care-campaigns-api': {
      service: 'care',
      entry: 'services/care/handlers/campaigns-api.ts',
      memoryMb: 512,
      timeoutSeconds: 15,
      // drafts, approvals and the first-use seed of the shipped campaigns
      tables: { Customers: 'read', Campaigns: 'readWrite' },
    },
    'care-segments-api': {
      service: 'care',
      entry: 'services/care/handlers/segments-api.ts',
      memoryMb: 1024,
      // a preview reads every candidate of the segment (about 100,000 items in the bench's 15 s)
      timeoutSeconds: 29,
      tables: { Customers: 'read', Campaigns: 'readWrite' },
    },
    'notify-care': {
      service: 'notify',
      entry: 'services/notify/handlers/care-message.ts',
      memoryMb: 512,
      timeoutSeconds: 20,
      tables: { Customers: 'read', Messages: 'readWrite' },
      // the message key names its recipient by the keyed hash of the address (adapters/message-keys.ts)
      readsPiiHashKey: true,
      sendsMessages: true,
      readsUnsubscribeSecret: true,
      // care messages carry an unsubscribe link to the public API; the satisfaction follow-up a
      // signed link to its rating page
      readsCustomerLinkSecret: true,
      settings: [...sendingSettings, 'PUBLIC_API_URL', 'UNSUBSCRIBE_LINK_DAYS', ...customerLinkSettings],
    },
    'notify-ses-feedback': {
      service: 'notify',
      entry: 'services/notify/handlers/ses-feedback.ts',
      memoryMb: 256,
      timeoutSeconds: 10,
      tables: { Messages: 'readWrite' },
    },
    'notify-unsubscribe': {
      service: 'notify',
      entry: 'services/notify/handlers/unsubscribe.ts',
      memoryMb: 256,
      timeoutSeconds: 5,
      tables: { Customers: 'readWrite' },
      readsUnsubscribeSecret: true,
    },
    'cases-rating': {
      service: 'cases',
      entry: 'services/cases/handlers/customer-rating.ts',
      memoryMb: 256,
      timeoutSeconds: 10,
      tables: { Complaints: 'readWrite' },
      readsCustomerLinkSecret: true,
    },
    'care-customer-import': {
      service: 'care',
      entry: 'services/care/handlers/customer-import.ts',
      // more memory is more CPU for validating and hashing 10,000 lines; API Gateway gives up on
      // the integration at 30 s, so a longer timeout would only run on unseen
      memoryMb: 1024,
      timeoutSeconds: 29,
      // Privacy: an erased customer's tombstone refuses a re-import of their old line
      tables: { Customers: 'readWrite', Privacy: 'read' },
      readsPiiHashKey: true,
      settings: ['CUSTOMER_IMPORT_CONCURRENCY', 'CUSTOMER_IMPORT_TIME_BUDGET_MS'],
    },
    'care-preferences': {
      service: 'care',
      entry: 'services/care/handlers/customer-preferences.ts',
      memoryMb: 512,
      timeoutSeconds: 10,
      tables: { Customers: 'readWrite' },
    },
    'care-complaint-events': {
      service: 'care',
      entry: 'services/care/handlers/complaint-events.ts',
      memoryMb: 256,
      timeoutSeconds: 15,
      // Campaigns read as well: the customer's article claims follow the relationship's end
      tables: { Complaints: 'read', Customers: 'readWrite', Campaigns: 'readWrite' },
    },
    'care-notification-outcomes': {
      service: 'care',
      entry: 'services/care/handlers/notification-outcomes.ts',
      memoryMb: 256,
      timeoutSeconds: 15,
      tables: { Customers: 'readWrite', Campaigns: 'readWrite' },
    },
    // root causes to rectification (issue 19)
    'quality-rectifications': {
      service: 'quality',
      entry: 'services/quality/handlers/rectifications-api.ts',
      memoryMb: 512,
      timeoutSeconds: 10,
      tables: { Quality: 'readWrite' },
      // action deadlines are dates in the company's time zone
      settings: ['COMPANY_TIME_ZONE'],
    },
    'quality-overdue-sweep': {
      service: 'quality',
      entry: 'services/quality/handlers/overdue-sweep.ts',
      memoryMb: 256,
      timeoutSeconds: 60,
      tables: { Quality: 'readWrite' },
      settings: ['COMPANY_TIME_ZONE'],
    },
    'quality-weekly-trends': {
      service: 'quality',
      entry: 'services/quality/handlers/weekly-trends.ts',
      memoryMb: 256,
      timeoutSeconds: 60,
      tables: { Quality: 'readWrite' },
      settings: ['COMPANY_TIME_ZONE'],
    },
    'quality-complaint-resolved': {
      service: 'quality',
      entry: 'services/quality/handlers/complaint-resolved.ts',
      memoryMb: 256,
      timeoutSeconds: 15,
      // Complaints: the regulators' returns count each complaint as it is now (issue 19)
      tables: { Quality: 'readWrite', Complaints: 'read' },
      // a resolution counts in its week, and a complaint in its month, in the company's time zone
      settings: ['COMPANY_TIME_ZONE'],
    },
    'claims-core-events': {
      service: 'claims',
      entry: 'services/claims/handlers/core-events.ts',
      memoryMb: 512,
      timeoutSeconds: 29,
      tables: { Customers: 'write' },
    },
    'claims-bus-events': {
      service: 'claims',
      entry: 'services/claims/handlers/bus-events.ts',
      memoryMb: 256,
      timeoutSeconds: 15,
      tables: { Customers: 'write' },
    },
    'claims-journey': {
      service: 'claims',
      entry: 'services/claims/handlers/journey-events.ts',
      memoryMb: 512,
      timeoutSeconds: 15,
      tables: { Customers: 'readWrite' },
      settings: ['CLAIM_STALL_BUSINESS_DAYS'],
    },
    'claims-stall-sweep': {
      service: 'claims',
      entry: 'services/claims/handlers/stall-sweep.ts',
      memoryMb: 512,
      timeoutSeconds: 50,
      tables: { Customers: 'readWrite' },
      settings: ['CLAIM_STALL_BUSINESS_DAYS'],
    },
    'claims-customer-journey': {
      service: 'claims',
      entry: 'services/claims/handlers/customer-journey.ts',
      memoryMb: 512,
      timeoutSeconds: 10,
      tables: { Customers: 'read', Complaints: 'read', Messages: 'read' },
    },
    'notify-journey': {
      service: 'notify',
      entry: 'services/notify/handlers/journey-notice.ts',
      memoryMb: 512,
      timeoutSeconds: 20,
      // Relationship: the answered feedback whose answer it sends
      tables: { Customers: 'read', Messages: 'readWrite', Relationship: 'read' },
      // the message key names its recipient by the keyed hash of the address (adapters/message-keys.ts)
      readsPiiHashKey: true,
      sendsMessages: true,
      // the lead's stall alert goes to the staff directory; a declined claim links to the form
      settings: [...sendingSettings, 'STAFF_EMAIL_DOMAIN', 'CONSOLE_URL'],
    },
    // relationship programmes (issue 20): feedback, NPS, relationship health
    'relationship-feedback': {
      service: 'relationship',
      entry: 'services/relationship/handlers/feedback-api.ts',
      memoryMb: 512,
      timeoutSeconds: 10,
      tables: { Relationship: 'readWrite' },
      // the per-client feedback limit keys its counters by a keyed hash of the address
      readsPiiHashKey: true,
    },
    'relationship-nps-asks': {
      service: 'relationship',
      entry: 'services/relationship/handlers/nps-asks.ts',
      memoryMb: 256,
      // a page of a large segment's invitations is 100 transactions
      timeoutSeconds: 60,
      // Campaigns and Customers: a large segment's rules and members, invited a page per message
      tables: { Complaints: 'read', Customers: 'read', Relationship: 'readWrite', Campaigns: 'read' },
      // the survey message carries a signed link to the survey page on the public API, an
      // invitation one to the site's RSVP page
      readsCustomerLinkSecret: true,
      settings: ['PUBLIC_API_URL', 'PUBLIC_SITE_URL', 'CUSTOMER_LINK_DAYS'],
    },
    'relationship-nps-survey': {
      service: 'relationship',
      entry: 'services/relationship/handlers/nps-survey.ts',
      memoryMb: 256,
      timeoutSeconds: 10,
      // the answer, and the customer's latest score on their profile
      tables: { Relationship: 'readWrite', Customers: 'write' },
      readsCustomerLinkSecret: true,
    },
    'relationship-health': {
      service: 'relationship',
      entry: 'services/relationship/handlers/health-events.ts',
      memoryMb: 256,
      timeoutSeconds: 15,
      // the customer's complaints and claim journeys in, the score on their profile out
      tables: { Complaints: 'read', Customers: 'readWrite' },
    },
    'relationship-events': {
      service: 'relationship',
      entry: 'services/relationship/handlers/customer-events-api.ts',
      memoryMb: 512,
      // an event invites up to 200 customers, one transaction each
      timeoutSeconds: 29,
      // Customers: the attendance on the profile and the post-event survey's consent, and a
      // segment's members (its indexes); Campaigns: the segment's rules
      tables: { Relationship: 'readWrite', Customers: 'readWrite', Campaigns: 'read' },
      // invitations carry a signed link to the site's RSVP page, the post-event survey one to the API
      readsCustomerLinkSecret: true,
      settings: ['PUBLIC_API_URL', 'PUBLIC_SITE_URL', 'CUSTOMER_LINK_DAYS'],
    },
    'relationship-rsvp': {
      service: 'relationship',
      entry: 'services/relationship/handlers/rsvp.ts',
      memoryMb: 256,
      timeoutSeconds: 10,
      // Customers: a seat's reminder is planned in the customer's time zone
      tables: { Relationship: 'readWrite', Customers: 'read' },
      readsCustomerLinkSecret: true,
    },
    'relationship-nps-report': {
      service: 'relationship',
      entry: 'services/relationship/handlers/nps-report.ts',
      memoryMb: 512,
      timeoutSeconds: 15,
      tables: { Relationship: 'read' },
    },
    // personal information rights (issue 21)
    'privacy-api': {
      service: 'privacy',
      entry: 'services/privacy/handlers/privacy-api.ts',
      memoryMb: 512,
      // the access export reads every table that holds the person; API Gateway stops at 30 s
      timeoutSeconds: 29,
      // Customers: a requester's phone names the customer through its lookup item, and a
      // withdraw-consent request's completion withdraws consents on the profile (the one write
      // there: the update notify's unsubscribe makes); every table that holds the person, read by
      // the access export; the audit log, read and appended to
      tables: {
        Privacy: 'readWrite',
        Customers: 'readWrite',
        Complaints: 'read',
        Messages: 'read',
        Campaigns: 'read',
        Relationship: 'read',
        Quality: 'read',
        AccessAudit: 'readAppend',
      },
      readsPiiHashKey: true,
      // the export re-renders each message sent with notify's templates and the brand's details
      settings: ['BRAND_NAME', 'SERVICE_PHONE', 'SERVICE_EMAIL', 'BRAND_WEBSITE'],
    },
    'privacy-erasure': {
      service: 'privacy',
      entry: 'services/privacy/handlers/privacy-erasure.ts',
      memoryMb: 512,
      // an erasure writes a few hundred items per complaint and scans the care tables: a large
      // customer's takes minutes; a pass cut short is delivered again from its queue
      timeoutSeconds: 300,
      // the only function that may rewrite and delete the person's items everywhere they live (the
      // complaints rewritten as skeletons under their holds); the request and its tombstones
      tables: {
        Privacy: 'readWrite',
        Customers: 'readWrite',
        Complaints: 'readWrite',
        Messages: 'readWrite',
        Campaigns: 'readWrite',
        Relationship: 'readWrite',
        Quality: 'read',
      },
      // the person's documents and stored emails: it lists and deletes, never reads
      buckets: { Attachments: 'erase', InboundMail: 'erase' },
      readsPiiHashKey: true,
    },
    'privacy-due-sweep': {
      service: 'privacy',
      entry: 'services/privacy/handlers/due-sweep.ts',
      memoryMb: 256,
      timeoutSeconds: 60,
      tables: { Privacy: 'readWrite' },
    },
  },
  inbound: { email: 'cases-email-reply', sms: 'cases-sms-reply' },
  routes: [
    {
      method: 'GET',
      path: '/v1/cases',
      function: 'cases-api',
      auth: { kind: 'jwt', roles: ['agent', 'lead', 'admin'] },
    },
    {
      method: 'GET',
      path: '/v1/cases/{complaintId}',
      function: 'cases-api',
      auth: { kind: 'jwt', roles: ['agent', 'lead', 'admin'] },
    },
    {
      method: 'POST',
      path: '/v1/cases/{complaintId}/{action}',
      function: 'cases-api',
      auth: { kind: 'jwt', roles: ['agent', 'lead', 'admin'] },
    },
    { method: 'POST', path: '/v1/complaints', function: 'intake-web', auth: { kind: 'public' } },
    {
      method: 'POST',
      path: '/v1/integrations/hotline/complaints',
      function: 'intake-hotline',
      auth: { kind: 'hotline-signature' },
    },
    {
      method: 'GET',
      path: '/v1/complaints/{reference}/status',
      function: 'intake-status',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 10 },
    },
    // the status a signed link shows (the page /status?t= reads it); limited per client too
    {
      method: 'GET',
      path: '/v1/status',
      function: 'intake-status-link',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 10 },
    },
    // documents the customer uploads from the status page (its signed link): a form, then the record
    {
      method: 'POST',
      path: '/v1/status/uploads',
      function: 'intake-status-upload',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 20 },
    },
    {
      method: 'POST',
      path: '/v1/status/uploads/{attachmentId}',
      function: 'intake-status-upload',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 20 },
    },
    // the customer's rating from the follow-up message's signed link (the page /rate?t= posts it)
    {
      method: 'POST',
      path: '/v1/ratings',
      function: 'cases-rating',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 20 },
    },
    // public (the link is the credential) and tightly throttled: a customer clicks it once
    {
      method: 'GET',
      path: '/v1/unsubscribe',
      function: 'notify-unsubscribe',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 20 },
    },
    {
      method: 'POST',
      path: '/v1/unsubscribe',
      function: 'notify-unsubscribe',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 20 },
    },
    {
      method: 'GET',
      path: '/v1/reports/complaints',
      function: 'cases-report',
      auth: { kind: 'jwt', roles: ['lead', 'admin'] },
    },
    {
      method: 'GET',
      path: '/v1/reports/returns/{regime}',
      function: 'cases-returns',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    {
      method: 'GET',
      path: '/v1/campaigns',
      function: 'care-campaigns-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    {
      method: 'POST',
      path: '/v1/campaigns',
      function: 'care-campaigns-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    // approve (by an admin other than the draft's author), pause, resume, retire
    {
      method: 'POST',
      path: '/v1/campaigns/{campaignId}/{action}',
      function: 'care-campaigns-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    {
      method: 'GET',
      path: '/v1/campaigns/{campaignId}/preview',
      function: 'care-campaigns-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    {
      method: 'GET',
      path: '/v1/campaigns/{campaignId}/runs',
      function: 'care-campaigns-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    // knowledge articles (持续知识输出): content campaigns send them; leads read, admins write
    {
      method: 'GET',
      path: '/v1/articles',
      function: 'care-campaigns-api',
      auth: { kind: 'jwt', roles: ['lead', 'admin'] },
    },
    {
      method: 'POST',
      path: '/v1/articles',
      function: 'care-campaigns-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    {
      method: 'GET',
      path: '/v1/articles/{articleId}',
      function: 'care-campaigns-api',
      auth: { kind: 'jwt', roles: ['lead', 'admin'] },
    },
    {
      method: 'PUT',
      path: '/v1/articles/{articleId}',
      function: 'care-campaigns-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    // segments (分层分类): leads and admins define them; campaigns and events address them
    {
      method: 'GET',
      path: '/v1/segments',
      function: 'care-segments-api',
      auth: { kind: 'jwt', roles: ['lead', 'admin'] },
    },
    {
      method: 'POST',
      path: '/v1/segments',
      function: 'care-segments-api',
      auth: { kind: 'jwt', roles: ['lead', 'admin'] },
    },
    {
      method: 'GET',
      path: '/v1/segments/{segmentId}',
      function: 'care-segments-api',
      auth: { kind: 'jwt', roles: ['lead', 'admin'] },
    },
    {
      method: 'PUT',
      path: '/v1/segments/{segmentId}',
      function: 'care-segments-api',
      auth: { kind: 'jwt', roles: ['lead', 'admin'] },
    },
    {
      method: 'GET',
      path: '/v1/segments/{segmentId}/preview',
      function: 'care-segments-api',
      auth: { kind: 'jwt', roles: ['lead', 'admin'] },
    },
    {
      method: 'POST',
      path: '/v1/customers/import',
      function: 'care-customer-import',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    {
      method: 'GET',
      path: '/v1/customers/{customerId}/preferences',
      function: 'care-preferences',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    {
      method: 'PUT',
      path: '/v1/customers/{customerId}/preferences',
      function: 'care-preferences',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    {
      method: 'POST',
      path: '/v1/rectifications',
      function: 'quality-rectifications',
      auth: { kind: 'jwt', roles: ['lead', 'admin'] },
    },
    {
      method: 'GET',
      path: '/v1/rectifications',
      function: 'quality-rectifications',
      auth: { kind: 'jwt', roles: ['agent', 'lead', 'admin'] },
    },
    {
      method: 'GET',
      path: '/v1/rectifications/{rectificationId}',
      function: 'quality-rectifications',
      auth: { kind: 'jwt', roles: ['agent', 'lead', 'admin'] },
    },
    // an agent who owns a rectification updates and completes it; verify and reopen are for leads
    {
      method: 'POST',
      path: '/v1/rectifications/{rectificationId}/{action}',
      function: 'quality-rectifications',
      auth: { kind: 'jwt', roles: ['agent', 'lead', 'admin'] },
    },
    {
      method: 'GET',
      path: '/v1/customers/{customerId}/journey',
      function: 'claims-customer-journey',
      // agents and leads only for a customer with a complaint on their team (checked in the function)
      auth: { kind: 'jwt', roles: ['agent', 'lead', 'admin'] },
    },
    {
      method: 'POST',
      path: '/v1/integrations/core/events',
      function: 'claims-core-events',
      auth: { kind: 'core-events-signature' },
    },
    // public like the complaint form, and limited per client address in the function too
    {
      method: 'POST',
      path: '/v1/feedback',
      function: 'relationship-feedback',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 20 },
    },
    {
      method: 'GET',
      path: '/v1/feedback',
      function: 'relationship-feedback',
      auth: { kind: 'jwt', roles: ['agent', 'lead', 'admin'] },
    },
    {
      method: 'POST',
      path: '/v1/feedback/{feedbackId}/answer',
      function: 'relationship-feedback',
      auth: { kind: 'jwt', roles: ['agent', 'lead', 'admin'] },
    },
    // the NPS survey's signed link: a page, and the answer it posts
    {
      method: 'GET',
      path: '/v1/nps',
      function: 'relationship-nps-survey',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 20 },
    },
    {
      method: 'POST',
      path: '/v1/nps',
      function: 'relationship-nps-survey',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 20 },
    },
    {
      method: 'POST',
      path: '/v1/events',
      function: 'relationship-events',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    {
      method: 'GET',
      path: '/v1/events/{eventId}',
      function: 'relationship-events',
      auth: { kind: 'jwt', roles: ['lead', 'admin'] },
    },
    // staff at the door, whatever their team
    {
      method: 'POST',
      path: '/v1/events/{eventId}/check-in',
      function: 'relationship-events',
      auth: { kind: 'jwt', roles: ['agent', 'lead', 'admin'] },
    },
    // an invitation's signed link: what it is for, and the answer
    {
      method: 'GET',
      path: '/v1/rsvp',
      function: 'relationship-rsvp',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 20 },
    },
    {
      method: 'POST',
      path: '/v1/rsvp',
      function: 'relationship-rsvp',
      auth: { kind: 'public' },
      throttle: { rateLimit: 5, burstLimit: 20 },
    },
    {
      method: 'GET',
      path: '/v1/reports/nps',
      function: 'relationship-nps-report',
      auth: { kind: 'jwt', roles: ['lead', 'admin'] },
    },
    // personal information rights: the DPO's office (admins) records verified requests
    {
      method: 'POST',
      path: '/v1/privacy/requests',
      function: 'privacy-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    {
      method: 'GET',
      path: '/v1/privacy/requests/{requestId}',
      function: 'privacy-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    // everything held about the requester of an access request, as JSON or a readable HTML page
    {
      method: 'GET',
      path: '/v1/privacy/requests/{requestId}/export',
      function: 'privacy-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    // what the tables' TTL purges in the next days, per item kind with its retention rule
    {
      method: 'GET',
      path: '/v1/privacy/retention/expiring',
      function: 'privacy-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    // an erasure request carried out: the person erased, complaints kept as skeletons under their holds
    {
      method: 'POST',
      path: '/v1/privacy/requests/{requestId}/complete',
      // hands the erasure to privacy-erasure through its queue (202)
      function: 'privacy-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
    // the access audit log: who read whose unmasked personal data, when and why
    {
      method: 'GET',
      path: '/v1/privacy/audit',
      function: 'privacy-api',
      auth: { kind: 'jwt', roles: ['admin'] },
    },
  ],
  subscriptions: [
    {
      queue: 'triage-received',
      function: 'triage-complaint',
      eventTypes: ['complaint.received'],
      batchSize: 10,
      maxReceiveCount: 5,
    },
    {
      queue: 'sla-complaint-events',
      function: 'sla-clocks',
      eventTypes: [
        'complaint.received',
        'complaint.triaged',
        'complaint.status-changed',
        'complaint.resolved',
        'complaint.closed',
        'complaint.reopened',
        'complaint.extended',
        'notification.sent',
      ],
      batchSize: 10,
      maxReceiveCount: 5,
    },
    {
      queue: 'notify-events',
      function: 'notify-events',
      eventTypes: [
        'complaint.received',
        'complaint.status-changed',
        'complaint.extended',
        'complaint.resolved',
        'complaint.reopened',
        'sla.warning',
        'sla.breached',
        'rectification.action-overdue',
        'root-cause.trend-rising',
      ],
      batchSize: 10,
      maxReceiveCount: 5,
      // Sends are limited to the provider's rate (services/notify/adapters/send-rate.ts). A batch's
      // records are sent in parallel, so two batches already keep 20 sends in flight, more than the
      // 14 emails/s SES allows; more invocations would only wait for permits, and a message waits
      // for free in the queue but costs a receive (towards the DLQ) when it waits in an invocation.
      maxConcurrency: 2,
    },
    // care campaigns on their own queue: a burst of greetings never delays an acknowledgement
    {
      queue: 'notify-care',
      function: 'notify-care',
      eventTypes: ['care.message-requested'],
      batchSize: 10,
      maxReceiveCount: 5,
      // a campaign day queues thousands at once: two batches keep the send rate busy, and the rest
      // waits in the queue (where waiting costs no receive count) rather than in permit retries
      maxConcurrency: 2,
    },
    // SES publishes configuration-set events to the default bus only
    {
      queue: 'notify-ses-feedback',
      function: 'notify-ses-feedback',
      bus: 'default',
      source: 'aws.ses',
      detailTypes: ['Email Bounced', 'Email Complaint Received', 'Email Sent'],
      batchSize: 10,
      maxReceiveCount: 5,
    },
    {
      queue: 'care-complaint-events',
      function: 'care-complaint-events',
      eventTypes: ['complaint.received', 'complaint.resolved', 'complaint.closed', 'complaint.reopened'],
      batchSize: 10,
      maxReceiveCount: 5,
    },
    // the end of a customer's relationship, on its own queue into the function that keeps the
    // complaint links (it keeps the article claims' end too): no function of its own to start cold
    {
      queue: 'care-relationship-changed',
      function: 'care-complaint-events',
      eventTypes: ['customer.relationship-changed'],
      batchSize: 10,
      maxReceiveCount: 5,
    },
    {
      queue: 'care-notification-outcomes',
      function: 'care-notification-outcomes',
      eventTypes: ['notification.sent', 'notification.failed', 'notification.suppressed'],
      batchSize: 10,
      maxReceiveCount: 5,
    },
    {
      queue: 'quality-complaint-resolved',
      function: 'quality-complaint-resolved',
      eventTypes: [
        'complaint.received',
        'complaint.triaged',
        'complaint.resolved',
        'complaint.closed',
        'complaint.reopened',
        // the UK summary window is met by the resolution, in the SLA consumer: the FCA band is
        // counted again once the clock says so
        'sla.met',
      ],
      batchSize: 10,
      maxReceiveCount: 5,
    },
    // core systems that publish on EventBridge put their events on the account's default bus
    {
      queue: 'claims-bus-events',
      function: 'claims-bus-events',
      bus: 'default',
      source: 'insurer.core',
      detailTypes: [...coreEventTypes],
      batchSize: 10,
      maxReceiveCount: 5,
    },
    // with the end of a customer's relationship, which their journeys' records follow (retention):
    // few events, so no function of their own
    {
      queue: 'claims-journey',
      function: 'claims-journey',
      eventTypes: ['journey.event-recorded', 'customer.relationship-changed'],
      batchSize: 10,
      maxReceiveCount: 5,
    },
    // claim and policy notices on their own queue: a back-fill never delays an acknowledgement
    {
      queue: 'notify-journey',
      function: 'notify-journey',
      eventTypes: ['journey.notice-requested', 'claim.stalled', 'feedback.answered'],
      batchSize: 10,
      maxReceiveCount: 5,
      maxConcurrency: 2,
    },
    // an erasure request carried out, off the API's 29 s; a failed pass is delivered again, then DLQ
    {
      queue: 'privacy-erasure',
      function: 'privacy-erasure',
      eventTypes: ['privacy.erasure-requested'],
      batchSize: 1,
      maxReceiveCount: 5,
    },
    {
      queue: 'relationship-nps-asks',
      function: 'relationship-nps-asks',
      eventTypes: ['complaint.resolved', 'journey.event-recorded', 'customer-event.invitations-requested'],
      batchSize: 10,
      maxReceiveCount: 5,
    },
    {
      queue: 'relationship-health',
      function: 'relationship-health',
      eventTypes: [
        'complaint.received',
        'complaint.resolved',
        'complaint.closed',
        'complaint.reopened',
        'journey.event-recorded',
        'nps.recorded',
      ],
      batchSize: 10,
      maxReceiveCount: 5,
    },
  ],
  schedules: [
    {
      name: 'notify-deferred-sweep',
      function: 'notify-deferred',
      // every minute: it also sends what a failed send gave back to the log when no queue copy
      // was left to retry it (services/notify/domain/deliver.ts), so that waits a minute at most
      expression: 'rate(1 minute)',
      timeZone: 'UTC',
      description:
        "Sends messages that waited for the end of the recipient's quiet hours or for a retry after a failed send",
    },
    {
      name: 'sla-timer-sweep',
      function: 'sla-sweep',
      expression: 'rate(1 minute)',
      timeZone: 'UTC',
      description:
        'Fires SLA warnings, breaches and escalations that have fallen due (at most a minute late)',
    },
    {
      name: 'care-campaign-planner',
      function: 'care-campaign-planner',
      expression: 'cron(0 * * * ? *)',
      timeZone: 'UTC',
      description:
        "Plans the day's care campaigns for every time zone where it is 09:00 (birthdays, festivals, reminders)",
    },
    {
      name: 'quality-overdue-sweep',
      function: 'quality-overdue-sweep',
      // deadlines are whole days: a quarter of an hour late is soon enough
      expression: 'rate(15 minutes)',
      timeZone: 'UTC',
      description: 'Alerts the owner and the lead of each rectification action past its due date, once',
    },
    {
      name: 'quality-weekly-trends',
      function: 'quality-weekly-trends',
      // Monday 06:00 UTC is Monday in every company time zone from UTC-6 to UTC+14
      expression: 'cron(0 6 ? * MON *)',
      timeZone: 'UTC',
      description:
        "Compares last week's complaints per root cause with the 8 weeks before; alerts leads and proposes a rectification",
    },
    {
      name: 'claims-stall-sweep',
      function: 'claims-stall-sweep',
      expression: 'rate(1 minute)',
      timeZone: 'UTC',
      description: 'Tells customers and the claims lead about claims without progress for N business days',
    },
    {
      name: 'privacy-due-sweep',
      function: 'privacy-due-sweep',
      // statutory deadlines are whole days: a quarter of an hour late is soon enough
      expression: 'rate(15 minutes)',
      timeZone: 'UTC',
      description:
        'Alerts the privacy office once when a personal-information request nears, and once when it passes, its deadline',
    },
  ],
  // the relay wakes for new outbox items only, never for the state changes beside them
  streams: [
    {
      table: 'Messages',
      function: 'outbox-relay',
      batchSize: 100,
      maxRetries: 10,
      filters: [outboxInsertFilter],
    },
    {
      table: 'Complaints',
      function: 'outbox-relay',
      batchSize: 100,
      maxRetries: 10,
      filters: [outboxInsertFilter],
    },
    {
      table: 'Customers',
      function: 'outbox-relay',
      batchSize: 100,
      maxRetries: 10,
      filters: [outboxInsertFilter],
    },
    {
      table: 'Campaigns',
      function: 'outbox-relay',
      batchSize: 100,
      maxRetries: 10,
      filters: [outboxInsertFilter],
    },
    {
      table: 'Quality',
      function: 'outbox-relay',
      batchSize: 100,
      maxRetries: 10,
      filters: [outboxInsertFilter],
    },
    {
      table: 'Relationship',
      function: 'outbox-relay',
      batchSize: 100,
      maxRetries: 10,
      filters: [outboxInsertFilter],
    },
    {
      table: 'Privacy',
      function: 'outbox-relay',
      batchSize: 100,
      maxRetries: 10,
      filters: [outboxInsertFilter],
    },
  ],
};
