/** The intake side of the Complaints table: complaint, reference, idempotency and outbox items. */
import {
  dynamo,
  GetCommand,
  QueryCommand,
  TransactionCanceledException,
  tableName,
} from '#shared/aws/dynamo';
import { queryAll } from '#shared/aws/query-all';
import type { Complaint } from '#shared/contracts/complaint';
import type { EventEnvelope } from '#shared/contracts/events/index';
import { commitWithEvents } from '#shared/outbox/outbox';
import {
  complaintKey,
  complaintSearchKeys,
  customerHistoryKey,
  customerHistoryPartition,
  customerKeyOfHistoryPartition,
  idempotencyKey,
  openComplaintKey,
  policyHistoryIndex,
  receivedMonthKey,
  referenceKey,
  searchPartition,
  TIMELINE_PREFIX,
} from '#shared/tables/complaints';
import type {
  ComplaintStore,
  ContactCheck,
  CreateOutcome,
  IdempotencyRecord,
  InformationRequest,
  RecentPolicyComplaint,
} from '../domain/ports';

/** A complaint id no complaint has (ids are ULIDs), read in place of an unknown reference's. */
const NO_COMPLAINT_ID = 'NO-SUCH-COMPLAINT';

/** Web keys are kept a week (clients retry within minutes); hotline call ids for a year. */
const IDEMPOTENCY_RETENTION_SECONDS = { web: 7 * 24 * 3600, hotline: 365 * 24 * 3600 };

export const dynamoComplaintStore: ComplaintStore = {
  async findIdempotencyRecord(scope, key) {
    const result = await dynamo().send(
      new GetCommand({
        TableName: tableName('Complaints'),
        Key: idempotencyKey(scope, key),
        ConsistentRead: true,
      }),
    );
    return result.Item?.record as IdempotencyRecord | undefined;
  },

  async recentComplaintsOf(customerKey, since) {
    const result = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Complaints'),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :since',
        ExpressionAttributeValues: {
          ':pk': customerHistoryPartition(customerKey),
          ':since': since.toISOString(),
        },
        ProjectionExpression: 'complaintId, policyNumber, description, receivedAt',
      }),
    );
    return (result.Items ?? []) as Awaited<ReturnType<ComplaintStore['recentComplaintsOf']>>;
  },

  async recentComplaintsOfPolicy(policyNumber, since) {
    // gsi4sk is `<receivedAt>#<id>` as gsi2sk is: `>= since` keeps the same complaints
    const result = await dynamo().send(
      new QueryCommand({
        TableName: tableName('Complaints'),
        IndexName: policyHistoryIndex.name,
        KeyConditionExpression: '#pk = :pk AND #sk >= :since',
        ExpressionAttributeNames: {
          '#pk': policyHistoryIndex.partitionKey,
          '#sk': policyHistoryIndex.sortKey,
        },
        ExpressionAttributeValues: {
          ':pk': searchPartition('policy', policyNumber),
          ':since': since.toISOString(),
        },
        ProjectionExpression: 'complaintId, policyNumber, description, receivedAt, gsi2pk',
      }),
    );
    return (result.Items ?? []).map(
      ({ gsi2pk, ...complaint }): RecentPolicyComplaint => ({
        ...(complaint as Omit<RecentPolicyComplaint, 'customerKey'>),
        customerKey: customerKeyOfHistoryPartition(String(gsi2pk)),
      }),
    );
  },

  async create(
    complaint: Complaint,
    event: EventEnvelope,
    contactCheck: ContactCheck,
    idempotency?: IdempotencyRecord,
  ) {
    const table = tableName('Complaints');
    const now = Math.floor(new Date(complaint.receivedAt).getTime() / 1000);
    const items = [
      {
        Put: {
          TableName: table,
          Item: {
            ...complaintKey(complaint.complaintId),
            ...customerHistoryKey(complaint.customerKey, complaint.receivedAt, complaint.complaintId),
            ...receivedMonthKey(complaint.receivedAt, complaint.complaintId),
            ...complaintSearchKeys({ ...complaint.customer, policyNumber: complaint.policyNumber }),
            ...openComplaintKey,
            kind: 'complaint',
            ...complaint,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: table,
          Item: {
            ...referenceKey(complaint.reference),
            kind: 'reference',
            complaintId: complaint.complaintId,
            contactCheck,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...(idempotency
        ? [
            {
              Put: {
                TableName: table,
                Item: {
                  ...idempotencyKey(idempotency.scope, idempotency.key),
                  kind: 'idempotency',
                  record: idempotency,
                  expiresAt: now + IDEMPOTENCY_RETENTION_SECONDS[idempotency.scope],
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ]
        : []),
    ];
    try {
      await commitWithEvents(table, items, [event]);
      return 'created';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
      const conflicted = (index: number) => reasons[index]?.Code === 'TransactionConflict';
      const outcome: CreateOutcome | undefined =
        idempotency && failed(2)
          ? 'idempotency-key-taken'
          : idempotency && conflicted(2)
            ? 'idempotency-key-in-flight'
            : failed(1)
              ? 'reference-taken'
              : undefined;
      if (outcome) return outcome;
      throw error;
    }
  },

  async findByReference(reference) {
    const table = tableName('Complaints');
    const ref = await dynamo().send(new GetCommand({ TableName: table, Key: referenceKey(reference) }));
    // The complaint is read for an unknown reference too (a key that never exists): a real
    // reference with a wrong contact must not answer measurably slower than an unknown one.
    const complaintId = ref.Item ? String(ref.Item.complaintId) : NO_COMPLAINT_ID;
    const found = await dynamo().send(new GetCommand({ TableName: table, Key: complaintKey(complaintId) }));
    if (!ref.Item || !found.Item) return undefined;
    return { complaint: found.Item as Complaint, contactCheck: ref.Item.contactCheck as ContactCheck };
  },

  async requestsForInformation(complaintId) {
    // the case's timeline (cases writes it), request-info entries only; a case has a few dozen entries
    const entries = await queryAll({
      TableName: tableName('Complaints'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :timeline)',
      FilterExpression: '#action = :requestInfo',
      ExpressionAttributeNames: { '#action': 'action' },
      ExpressionAttributeValues: {
        ':pk': complaintKey(complaintId).pk,
        ':timeline': TIMELINE_PREFIX,
        ':requestInfo': 'request-info',
      },
    });
    const requests: InformationRequest[] = [];
    for (const item of entries) {
      const message = (item.detail as { message?: unknown } | undefined)?.message;
      if (typeof message === 'string') requests.push({ message, requestedAt: String(item.at) });
    }
    return requests;
  },
};
