/**
 * The complaints report's reads from the Complaints table, all queries and no scan: the reporting
 * index (gsi4, one partition per UTC month of receipt) for who was received in the period, then
 * one query per complaint partition that returns the complaint item and its clocks together
 * (`CLOCK#…` sorts just before `COMPLAINT`); the open complaints index (gsi8) for the open work
 * received outside the period. Only the attributes the report counts are read: no
 * names, contact details or descriptions leave the table.
 */
import { tableName } from '#shared/aws/dynamo';
import { queryAll } from '#shared/aws/query-all';
import { mapAtMost } from '#shared/concurrency';
import {
  CLOCK_PREFIX,
  complaintIdOfKey,
  complaintKey,
  isClockKey,
  openComplaintKey,
  receivedMonthPartition,
} from '#shared/tables/complaints';
import type {
  ComplaintRecord,
  ReceivedComplaint,
  ReportedClock,
  ReportedComplaint,
  ReportSource,
} from '../domain/report';

/** Partition reads in flight at once: fast enough for a quarter, gentle on the table's capacity. */
const PARTITION_READ_CONCURRENCY = 16;

/** A projection of attribute paths, every name aliased (status, name, state … are reserved words). */
function projection(paths: readonly string[]) {
  const names: Record<string, string> = {};
  const expression = paths
    .map((path) =>
      path
        .split('.')
        .map((segment) => {
          names[`#${segment}`] = segment;
          return `#${segment}`;
        })
        .join('.'),
    )
    .join(', ');
  return { ProjectionExpression: expression, ExpressionAttributeNames: names };
}

const RECEIVED = projection(['complaintId', 'receivedAt', 'customerKey', 'team']);
const RECORD = projection([
  'sk',
  // the complaint
  'complaintId',
  'receivedAt',
  'status',
  'channel',
  'customerKey',
  'category',
  'priority',
  'team',
  'possibleDuplicateOf',
  'escalated',
  'resolution.outcome',
  'resolution.rootCause',
  'resolution.resolvedAt',
  // the regulators' returns (domain/returns): when closed, whether a remedy was given (the
  // complaint's `regime` is read with the clocks' below)
  'closedAt',
  'resolution.remedy',
  // its clocks
  'name',
  'regime',
  'state',
  'dueAt',
  'stoppedAt',
  'lapses',
  'firedThresholds',
]);

/** The UTC months ('YYYY-MM') that [from, before) touches: the index's partitions. */
export function monthsBetween(from: Date, before: Date): string[] {
  const months: string[] = [];
  const last = new Date(before.getTime() - 1);
  for (
    let month = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
    month <= last;
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))
  ) {
    months.push(month.toISOString().slice(0, 7));
  }
  return months;
}

export const dynamoReportSource: ReportSource = {
  async openComplaintIds() {
    // the open complaints index holds keys only: the complaint ids, read from their partition keys
    const keys = await queryAll({
      TableName: tableName('Complaints'),
      IndexName: 'gsi8',
      KeyConditionExpression: '#open = :open',
      ExpressionAttributeNames: { '#open': 'gsi8pk' },
      ExpressionAttributeValues: { ':open': openComplaintKey.gsi8pk },
    });
    return keys.map((k) => complaintIdOfKey(String(k.pk)));
  },

  async receivedBetween(from, before) {
    const perMonth = await Promise.all(
      monthsBetween(from, before).map((month) =>
        queryAll({
          TableName: tableName('Complaints'),
          IndexName: 'gsi4',
          // gsi4sk is `<receivedAt>#<id>`: `<from ISO>` sorts before every key of that instant and
          // `<before ISO>` before every key of that one, so this is exactly from <= receivedAt < before
          KeyConditionExpression: '#gsi4pk = :month AND #gsi4sk BETWEEN :from AND :before',
          ExpressionAttributeNames: {
            ...RECEIVED.ExpressionAttributeNames,
            '#gsi4pk': 'gsi4pk',
            '#gsi4sk': 'gsi4sk',
          },
          ExpressionAttributeValues: {
            ':month': receivedMonthPartition(month),
            ':from': from.toISOString(),
            ':before': before.toISOString(),
          },
          ProjectionExpression: RECEIVED.ProjectionExpression,
        }),
      ),
    );
    return perMonth.flat() as ReceivedComplaint[];
  },

  async recordsOf(complaintIds) {
    const records = await mapAtMost(
      complaintIds,
      PARTITION_READ_CONCURRENCY,
      async (complaintId): Promise<ComplaintRecord | undefined> => {
        const items = await queryAll({
          TableName: tableName('Complaints'),
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :clocks AND :complaint',
          ExpressionAttributeNames: { ...RECORD.ExpressionAttributeNames, '#pk': 'pk' },
          ExpressionAttributeValues: {
            ':pk': complaintKey(complaintId).pk,
            ':clocks': CLOCK_PREFIX,
            ':complaint': complaintKey(complaintId).sk,
          },
          ProjectionExpression: RECORD.ProjectionExpression,
        });
        let complaint: ReportedComplaint | undefined;
        const clocks: ReportedClock[] = [];
        for (const { sk, ...item } of items) {
          if (sk === complaintKey(complaintId).sk) complaint = item as unknown as ReportedComplaint;
          else if (isClockKey(sk)) clocks.push(item as unknown as ReportedClock);
        }
        return complaint ? { complaint, clocks } : undefined;
      },
    );
    return records.filter((r) => r !== undefined);
  },
};
