/**
 * The DynamoDB tables: keys, indexes and streams. CDK creates them from this and the local
 * cloud creates the same tables in DynamoDB Local, so a key or index is declared exactly once.
 */
export type TableId =
  | 'Complaints'
  | 'Customers'
  | 'Messages'
  | 'Campaigns'
  | 'Quality'
  | 'Relationship'
  | 'Privacy'
  | 'AccessAudit';

export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /**
   * What the index copies of each item: every attribute (the default), or only the keys, for a
   * lookup index whose items are then read from the table. A keys-only index is written when an
   * item gets its keys and never by updates that leave them alone.
   */
  readonly projection?: 'all' | 'keys-only' | 'include';
  /** With `include`: the attributes besides the keys the index copies (DynamoDB INCLUDE). */
  readonly include?: readonly string[];
}

export interface TableDefinition {
  readonly id: TableId;
  /** Environment variable that carries the physical table name to every function bound to it. */
  readonly envVar: string;
  readonly partitionKey: 'pk';
  readonly sortKey: 'sk';
  readonly indexes: readonly IndexDefinition[];
  /** New images on the stream feed the outbox relay. */
  readonly stream: boolean;
  /** Attribute DynamoDB expires items by (idempotency records, counters). */
  readonly timeToLiveAttribute?: string;
}

// Every key attribute is a string: composite keys such as `TEAM#claims` or `DUE#2026-12-01T...`.
export const tables: Record<TableId, TableDefinition> = {
  Complaints: {
    id: 'Complaints',
    envVar: 'COMPLAINTS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      // team queues sorted by SLA urgency: gsi1pk = TEAM#<team>, gsi1sk = <next deadline>#<id>
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
      // customer history and reference lookup
      { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
      // due timers: gsi3pk = TIMER#<hour>, gsi3sk = <due instant>#…
      { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
      // reports: gsi4pk = RECEIVED#<YYYY-MM>, gsi4sk = <receivedAt>#<id>
      { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
      // case search (GET /v1/cases?q=): a complaint by the keyed hash of its phone or email, or by
      // its policy number, newest first. Written once at intake; they share gsi4's sort key
      // (<receivedAt>#<id>, also written once) rather than store it three more times.
      { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi4sk', projection: 'keys-only' },
      { name: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi4sk', projection: 'keys-only' },
      { name: 'gsi7', partitionKey: 'gsi7pk', sortKey: 'gsi4sk', projection: 'keys-only' },
      // open complaints (the lead's "now" figures): gsi8pk = OPEN while neither resolved nor closed
      { name: 'gsi8', partitionKey: 'gsi8pk', sortKey: 'gsi4sk', projection: 'keys-only' },
      // a policy's recent complaints for intake's duplicate check, readable before the customer is
      // known: gsi7's keys with what the check compares (a new index: gsi7's keys-only projection
      // cannot change in place). Written at filing only; updates of case work never touch these.
      {
        name: 'gsi9',
        partitionKey: 'gsi7pk',
        sortKey: 'gsi4sk',
        projection: 'include',
        include: ['complaintId', 'policyNumber', 'description', 'receivedAt', 'gsi2pk'],
      },
    ],
    stream: true,
    timeToLiveAttribute: 'expiresAt',
  },
  Customers: {
    id: 'Customers',
    envVar: 'CUSTOMERS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      // date-driven audiences: birthday month-day, premium due date, anniversary, last contact
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
      { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
      { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
      { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
      // every customer of a time zone, by birth date (festival greetings; age ranges)
      { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
      // a policy's claim and policy journey, oldest first: gsi6pk = JOURNEY#<policyNumber>,
      // gsi6sk = <occurredAt>#<eventId>. Keys only: the relay's published marker on a journey event
      // then rewrites no index entry (shared/tables/claims.ts)
      { name: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk', projection: 'keys-only' },
      // segments by tier and annual premium: gsi7pk = TIER#<tier>, gsi7sk = <premium in fen>#<customerId>
      // (whole profiles, so a segment reads one item per candidate; shared/tables/customers.ts)
      { name: 'gsi7', partitionKey: 'gsi7pk', sortKey: 'gsi7sk' },
      // segments by last contact: gsi8pk = CONTACTMONTH#<YYYY-MM|never>, gsi8sk = <local date>#<customerId>
      // (whole profiles, as gsi7; shared/tables/customers.ts)
      { name: 'gsi8', partitionKey: 'gsi8pk', sortKey: 'gsi8sk' },
      // segments by NPS and relationship health: gsi9pk = NPS#<0..10|none>, gsi10pk =
      // HEALTH#<tens|none>, sort keys <tz>#<customerId> so that a segment naming zones reads only
      // theirs (whole profiles, as gsi7; who writes which half: shared/tables/customers.ts)
      { name: 'gsi9', partitionKey: 'gsi9pk', sortKey: 'gsi9sk' },
      { name: 'gsi10', partitionKey: 'gsi10pk', sortKey: 'gsi10sk' },
    ],
    // journey.* and claim.stalled events leave through the outbox on this table (claims service)
    stream: true,
    // outbox copies. A claims journey's core events are written by the journey log without an
    // `expiresAt` (services/claims/adapters/dynamo-journey-log.ts), so nothing expires them
    timeToLiveAttribute: 'expiresAt',
  },
  Messages: {
    id: 'Messages',
    envVar: 'MESSAGES_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      // a complaint's messages: gsi1pk = COMPLAINT#<id>, gsi1sk = <at>#<key>
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
      // messages waiting for the end of quiet hours: gsi2pk = DEFERRED#<hour>, gsi2sk = <due>#<key>
      { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
      // a customer's messages: gsi3pk = CUSTOMER#<id>, gsi3sk = <at>#<key>; the journey reads the items
      { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'keys-only' },
    ],
    // notification.* events leave through the outbox on this table
    stream: true,
    timeToLiveAttribute: 'expiresAt',
  },
  Campaigns: {
    id: 'Campaigns',
    envVar: 'CAMPAIGNS_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [],
    // care.message-requested leaves through the outbox on this table
    stream: true,
    // outbox copies and the personal-data records with a period (services/privacy/rules/retention.json)
    timeToLiveAttribute: 'expiresAt',
  },
  // root causes to rectification (services/quality): rectifications, their timelines, weekly
  // root-cause counters and trend alerts; keys in shared/tables/quality.ts
  Quality: {
    id: 'Quality',
    envVar: 'QUALITY_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      // rectifications by status: gsi1pk = RECTIFICATIONS#<status>, gsi1sk = <createdAt>#<id>
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
      // a rectification's next action deadline: gsi2pk = ACTIONDUE#<hour>, gsi2sk = <due>#<id>
      { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'keys-only' },
    ],
    // rectification.* and root-cause.* events leave through the outbox on this table
    stream: true,
    // outbox copies
    timeToLiveAttribute: 'expiresAt',
  },
  // relationship programmes (services/relationship): feedback, NPS asks and answers, customer
  // events and their RSVPs; keys in shared/tables/relationship.ts
  Relationship: {
    id: 'Relationship',
    envVar: 'RELATIONSHIP_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      // feedback queues and NPS answers by month: gsi1pk = FEEDBACK#<team>#<state> | NPS#<YYYY-MM>
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    ],
    // nps.recorded (and the NPS survey's care.message-requested) leave through the outbox here
    stream: true,
    // per-client feedback counters, outbox copies and the personal-data records with a period
    timeToLiveAttribute: 'expiresAt',
  },
  // personal information rights (services/privacy): requests with their statutory deadlines, the
  // access audit log and erasure tombstones; keys in shared/tables/privacy.ts
  Privacy: {
    id: 'Privacy',
    envVar: 'PRIVACY_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      // a request's next alert (due soon, overdue): gsi1pk = PRIVACYDUE#<hour>, gsi1sk = <at>#<id>
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'keys-only' },
    ],
    // privacy.request-due and privacy.erasure-requested leave through the outbox on this table
    stream: true,
    timeToLiveAttribute: 'expiresAt',
  },
  // who read whose unmasked personal data, when and why (services/privacy). Append-only: writers
  // get PutItem alone ('append' in the topology), each entry is put under a condition that its key
  // is new, and only TTL removes an entry at the end of its retention. Keys in shared/tables/privacy.ts
  AccessAudit: {
    id: 'AccessAudit',
    envVar: 'ACCESS_AUDIT_TABLE',
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [],
    stream: false,
    timeToLiveAttribute: 'expiresAt',
  },
};

export const tableIds = Object.keys(tables) as TableId[];
