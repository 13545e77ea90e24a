/**
 * What the care consumers write: the open-complaint set on the profile (with a per-complaint
 * marker, the complaint link, that refuses an older view of the complaint and carries the end of
 * the customer's relationship), follow-up due items and run counts in the Campaigns table, and the
 * customer's last contact with its index keys.
 */
import {
  ConditionalCheckFailedException,
  dynamo,
  GetCommand,
  PutCommand,
  TransactionCanceledException,
  TransactWriteCommand,
  tableName,
  UpdateCommand,
} from '#shared/aws/dynamo';
import { clock } from '#shared/clock';
import type { StoredPreferences } from '#shared/contracts/customer-profile';
import { refusedByCondition } from '#shared/outbox/outbox';
import { runKey, runMessageKey } from '#shared/tables/campaigns';
import { complaintLinkKey, customerProfileKey, profileIndexKeys } from '#shared/tables/customers';
import { recordExpiresAt } from '../../privacy/domain/retention-rules';
import type { FollowUpDue } from '../domain/complaint-care';
import { relationshipEndOf } from '../domain/relationship-end';

const conditionFailed = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));

export interface CareProfile {
  readonly customerId: string;
  readonly timeZone: string;
  readonly birthDate?: string;
  readonly lastContactAt?: string;
  /** The zone attributes as read, for a condition that the zone did not move meanwhile. */
  readonly importedTimeZone: string;
  readonly preferredTimeZone?: string;
  /** The day the customer's relationship ended, while it has (the import keeps it). */
  readonly relationshipEndedAt?: string;
}

export async function readCareProfile(customerId: string): Promise<CareProfile | undefined> {
  const result = await dynamo().send(
    new GetCommand({
      TableName: tableName('Customers'),
      Key: customerProfileKey(customerId),
      ProjectionExpression: 'customerId, #tz, birthDate, lastContactAt, preferences, relationshipEndedAt',
      ExpressionAttributeNames: { '#tz': 'timeZone' },
      ConsistentRead: true,
    }),
  );
  const item = result.Item as
    | {
        customerId: string;
        timeZone: string;
        birthDate?: string;
        lastContactAt?: string;
        preferences?: StoredPreferences;
        relationshipEndedAt?: string;
      }
    | undefined;
  if (!item) return undefined;
  return {
    customerId: item.customerId,
    timeZone: item.preferences?.timeZone ?? item.timeZone,
    birthDate: item.birthDate,
    lastContactAt: item.lastContactAt,
    importedTimeZone: item.timeZone,
    preferredTimeZone: item.preferences?.timeZone,
    relationshipEndedAt: item.relationshipEndedAt,
  };
}

/**
 * ADDs the complaint to (or DELETEs it from) the profile's `openComplaints`. The marker item
 * keeps the complaint version last applied: a handler that read an older version of the complaint
 * than one already applied is refused, so two events racing cannot leave the set wrong. Returns
 * false when refused or when the customer has no profile.
 *
 * The link also carries the end of the customer's relationship (`relationshipEndedAt` and its
 * rule's `expiresAt`), or neither while it goes on. The write expects the end it gives the link on
 * the profile, in the same transaction, so a link written while an import changes the end is
 * either seen by that import's `customer.relationship-changed` consumer or refused here. Most
 * relationships go on: the first try expects no end, and the profile is read only when refused.
 */
export async function setComplaintOpen(
  customerId: string,
  complaintId: string,
  open: boolean,
  complaintVersion: number,
): Promise<boolean> {
  const table = tableName('Customers');
  let endedOn: string | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const end = relationshipEndOf('complaint-link', endedOn, clock.now());
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: table,
                Key: customerProfileKey(customerId),
                UpdateExpression: `${open ? 'ADD' : 'DELETE'} openComplaints :id`,
                ConditionExpression: end
                  ? 'attribute_exists(pk) AND relationshipEndedAt = :end'
                  : 'attribute_exists(pk) AND attribute_not_exists(relationshipEndedAt)',
                ExpressionAttributeValues: {
                  ':id': new Set([complaintId]),
                  ...(end && { ':end': end.relationshipEndedAt }),
                },
              },
            },
            {
              Update: {
                TableName: table,
                Key: complaintLinkKey(customerId, complaintId),
                UpdateExpression: end
                  ? 'SET kind = :kind, complaintVersion = :v, #open = :open, relationshipEndedAt = :end, expiresAt = :expires'
                  : 'SET kind = :kind, complaintVersion = :v, #open = :open REMOVE relationshipEndedAt, expiresAt',
                ConditionExpression: 'attribute_not_exists(complaintVersion) OR complaintVersion <= :v',
                ExpressionAttributeNames: { '#open': 'open' },
                ExpressionAttributeValues: {
                  ':kind': 'complaint-link',
                  ':v': complaintVersion,
                  ':open': open,
                  ...(end && { ':end': end.relationshipEndedAt, ':expires': end.expiresAt }),
                },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      // an older view of the complaint than the link's, whatever the profile says
      if (refusedByCondition(error, 1)) return false;
      // refused by the profile: there is none, or its end is not the one expected
      const profile = await readCareProfile(customerId);
      if (!profile) return false;
      endedOn = profile.relationshipEndedAt;
    }
  }
  throw new Error('the profile kept changing while keeping a complaint link');
}

/**
 * Records the follow-up once: a redelivery never overwrites what the planner has added since. It
 * expires by its retention rule, counted from its due date.
 */
export async function recordFollowUp(due: FollowUpDue): Promise<boolean> {
  const item: Record<string, unknown> = { ...due };
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName('Campaigns'),
        Item: { ...item, expiresAt: recordExpiresAt('Campaigns', 'follow-up', item, { now: clock.now() }) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/**
 * One outcome into its run's counts, with the per-message marker in the same transaction: a
 * redelivered event finds the marker and counts nothing. Returns false for a repeat. The marker
 * expires by its retention rule, counted from this write (not from the outcome's `at`), so it
 * outlives a replay of the event from the archive.
 */
export async function countRunOutcome(input: {
  campaignId: string;
  runId: string;
  dedupeKey: string;
  customerId: string;
  counter: string;
  at: string;
}): Promise<boolean> {
  const table = tableName('Campaigns');
  const run = runKey(input.campaignId, input.runId);
  const marker = {
    ...runMessageKey(input.dedupeKey),
    kind: 'run-message-outcome',
    campaignId: input.campaignId,
    runId: input.runId,
    customerId: input.customerId,
    counter: input.counter,
    at: input.at,
  };
  // ADD on `counts.x` needs the `counts` map to exist; the planner may not have written the run
  // yet (or ever, for an ad-hoc run), and this SET is a no-op when it exists
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: run,
      UpdateExpression: 'SET #counts = if_not_exists(#counts, :empty)',
      ExpressionAttributeNames: { '#counts': 'counts' },
      ExpressionAttributeValues: { ':empty': {} },
    }),
  );
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: {
                ...marker,
                expiresAt: recordExpiresAt('Campaigns', 'run-message-outcome', marker, { now: clock.now() }),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: table,
              Key: run,
              UpdateExpression: 'ADD #counts.#counter :one',
              ExpressionAttributeNames: { '#counts': 'counts', '#counter': input.counter },
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Moves `lastContactAt` (and its gsi4 and gsi8 keys) to `at` unless the stored contact is as late or later.
 * The condition also pins the time zone read, so the keys are never computed for a stale zone.
 * False when nothing moved (older contact, unknown customer, or a concurrent change: retry).
 */
export async function moveLastContact(profile: CareProfile, at: string): Promise<'moved' | 'raced'> {
  const keys = profileIndexKeys({ ...profile, lastContactAt: at });
  const names: Record<string, string> = {
    '#at': 'lastContactAt',
    '#tz': 'timeZone',
    '#p': 'preferences',
    '#g4pk': 'gsi4pk',
    '#g4sk': 'gsi4sk',
    '#g8pk': 'gsi8pk',
    '#g8sk': 'gsi8sk',
  };
  const values: Record<string, unknown> = {
    ':at': at,
    ':tz': profile.importedTimeZone,
    ':pk': keys.gsi4pk,
    ':sk': keys.gsi4sk,
    ':g8pk': keys.gsi8pk,
    ':g8sk': keys.gsi8sk,
  };
  const zoneCondition =
    profile.preferredTimeZone === undefined ? 'attribute_not_exists(#p.#tz)' : '#p.#tz = :ptz';
  if (profile.preferredTimeZone !== undefined) values[':ptz'] = profile.preferredTimeZone;
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName('Customers'),
        Key: customerProfileKey(profile.customerId),
        UpdateExpression: 'SET #at = :at, #g4pk = :pk, #g4sk = :sk, #g8pk = :g8pk, #g8sk = :g8sk',
        ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(#at) OR #at < :at) AND #tz = :tz AND ${zoneCondition}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return 'moved';
  } catch (error) {
    if (conditionFailed(error)) return 'raced';
    throw error;
  }
}
