/** The case-work side of the Complaints table: the complaint, its timeline and its clocks. */

import { readComplaint } from '#shared/aws/complaint-reader';
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import type { Complaint } from '#shared/contracts/complaint';
import { newId } from '#shared/ids';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import {
  clockKey,
  complaintKey,
  openComplaintKey,
  referenceKey,
  timelineKey,
} from '#shared/tables/complaints';
import type { SlaClock } from '../../sla/domain/clock';
import type { CaseStore } from '../domain/case-work';

/** The complaint a reference names (intake writes the reference item); read consistently. */
export async function complaintByReference(reference: string): Promise<Complaint | undefined> {
  const ref = await dynamo().send(
    new GetCommand({
      TableName: tableName('Complaints'),
      Key: referenceKey(reference),
      ConsistentRead: true,
    }),
  );
  return ref.Item ? readComplaint(String(ref.Item.complaintId)) : undefined;
}

export const dynamoCaseStore: CaseStore = {
  load: readComplaint,

  async resolveClock(complaintId) {
    const result = await dynamo().send(
      new GetCommand({
        TableName: tableName('Complaints'),
        Key: clockKey(complaintId, 'resolve'),
        ConsistentRead: true,
      }),
    );
    return result.Item as SlaClock | undefined;
  },

  async apply(complaint, change) {
    const table = tableName('Complaints');
    const set: string[] = [];
    const remove: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':expected': complaint.version };
    Object.entries(change.set).forEach(([field, value], i) => {
      names[`#f${i}`] = field;
      if (value === undefined) remove.push(`#f${i}`);
      else {
        set.push(`#f${i} = :v${i}`);
        values[`:v${i}`] = value;
      }
    });
    // the open complaints index (gsi8) follows the status: out at resolution or closure, in again on reopening
    const to = change.set.status;
    const closing = to === 'resolved' || to === 'closed';
    const wasClosed = complaint.status === 'resolved' || complaint.status === 'closed';
    if (to && closing !== wasClosed) {
      names['#open'] = 'gsi8pk';
      if (closing) remove.push('#open');
      else {
        set.push('#open = :open');
        values[':open'] = openComplaintKey.gsi8pk;
      }
    }
    if (change.bumpsVersion) {
      set.push('version = :next', 'updatedAt = :at');
      Object.assign(values, { ':next': complaint.version + 1, ':at': change.timeline.at });
    }
    // a closed complaint's record expires as one (shared/aws/retention-hold-expiry.ts): the entry
    // of its closing, and any added later (a note, a rating), expire with it
    const expiresAt =
      'expiresAt' in change.set ? change.set.expiresAt : (complaint as { expiresAt?: number }).expiresAt;
    try {
      await commitWithEvents(
        table,
        [
          set.length + remove.length > 0
            ? {
                Update: {
                  TableName: table,
                  Key: complaintKey(complaint.complaintId),
                  UpdateExpression: `${set.length ? `SET ${set.join(', ')}` : ''}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
                  ConditionExpression: 'version = :expected',
                  ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
                  ExpressionAttributeValues: values,
                },
              }
            : {
                ConditionCheck: {
                  TableName: table,
                  Key: complaintKey(complaint.complaintId),
                  ConditionExpression: 'version = :expected',
                  ExpressionAttributeValues: { ':expected': complaint.version },
                },
              },
          {
            Put: {
              TableName: table,
              Item: {
                ...timelineKey(complaint.complaintId, change.timeline.at, newId()),
                kind: 'timeline',
                ...change.timeline,
                ...(expiresAt === undefined ? {} : { expiresAt }),
              },
              // the timeline is append-only
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(change.records ?? []).map((Item) => ({
            Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' },
          })),
        ],
        change.events,
      );
      return true;
    } catch (error) {
      // the complaint moved on, or a record exists already (a redelivered reply)
      if (refusedByCondition(error)) {
        return false;
      }
      throw error;
    }
  },
};
