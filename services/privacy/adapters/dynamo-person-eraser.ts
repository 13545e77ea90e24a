/**
 * Erasure in the tables, on what the access export's lookup found (person-records.ts):
 *
 * - Privacy: a tombstone per customer id and per keyed phone and email hash, written first;
 * - Customers: the customer's partition (profile, policies, complaint links) and the lookup items
 *   that name the customer (phone, policies) are deleted;
 * - Complaints: each complaint is rewritten as its skeleton (no customer, contacts, policy, free
 *   text or search keys; the description replaced by a fixed text), its timeline entries keep who
 *   did what when, attachment records go, the reference item loses its contact check, and every
 *   item left gets `expiresAt` at the hold's end (none while the complaint is open);
 * - Messages: those about a held complaint keep what was sent when (no address, no template data
 *   to render it again, no customer index), the rest are deleted, with the customer's frequency
 *   slots and the suppression entries of their addresses;
 * - Files: each complaint's documents in S3 and the stored raw emails of its replies are deleted;
 * - Claims: the core events of the customer's policies lose their data (their keys stay, so a
 *   replayed core event is a duplicate) and their claims' states go;
 * - Campaigns and Relationship (care records: follow-ups, campaign decisions and outcomes, NPS,
 *   event invitations): every item naming the customer id is deleted. Neither table has a customer
 *   index, so both are scanned — an erasure is rare and these tables are small beside Complaints.
 *
 * Each write is idempotent: running the erasure again after a failure finishes it.
 */
import {
  DeleteCommand,
  dynamo,
  PutCommand,
  QueryCommand,
  tableName,
  UpdateCommand,
} from '#shared/aws/dynamo';
import { ScanCommand } from '#shared/aws/dynamo-scan';
import type { readPolicyJourney } from '#shared/aws/journey-reader';
import type { TableId } from '#shared/contracts/tables';
import { Conflict } from '#shared/domain/errors';
import { keyedHash } from '#shared/pii';
import { readerPartition } from '#shared/tables/campaigns';
import { claimStateKey, journeyEventKey } from '#shared/tables/claims';
import { ATTACHMENT_PREFIX, referenceKey, TIMELINE_PREFIX } from '#shared/tables/complaints';
import { customerLookupKey, isPolicyKey, isProfileKey } from '#shared/tables/customers';
import {
  complaintMessageListing,
  frequencySlotKey,
  messageKey,
  suppressionKey,
} from '#shared/tables/messages';
import { erasureTombstoneKey } from '#shared/tables/privacy';
import { npsCapKey } from '#shared/tables/relationship';
import { ERASED_NAME, type ErasureCounts, erasedDescription, type PersonEraser } from '../domain/erasure';
import { expiresAtOf, type RetentionHold } from '../domain/retention-holds';
import { eraseComplaintFiles } from './s3-file-eraser';

type Item = Record<string, unknown>;
type PolicyJourney = Awaited<ReturnType<typeof readPolicyJourney>>;
type Key = { pk: unknown; sk: unknown };

const keyOf = (item: Item): Key => ({ pk: item.pk, sk: item.sk });
const pick = (item: Item, names: readonly string[]): Item =>
  Object.fromEntries(names.filter((n) => item[n] !== undefined).map((n) => [n, item[n]]));
const refused = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/** What a complaint skeleton keeps: identity, dates, classification, outcome, clocks, regulator fields. */
const COMPLAINT_SKELETON = [
  'pk',
  'sk',
  'kind',
  'complaintId',
  'reference',
  'status',
  'channel',
  'receivedAt',
  'correlationId',
  'language',
  'preferredChannel',
  'requestedCategory',
  'category',
  'priority',
  'team',
  'assignee',
  'customerDeadline',
  'regime',
  'escalated',
  'closedAt',
  'reopenCount',
  'newFactsAt',
  'possibleDuplicateOf',
  'version',
  // the team queue, the monthly reports and the open list keep counting it
  'gsi1pk',
  'gsi1sk',
  'gsi4pk',
  'gsi4sk',
  'gsi8pk',
] as const;
const RESOLUTION_SKELETON = ['outcome', 'rootCause', 'resolvedAt', 'resolvedBy'] as const;
/** A timeline entry keeps who did what when; its texts, notes and before/after values go. */
const TIMELINE_SKELETON = ['pk', 'sk', 'kind', 'at', 'actor', 'role', 'action'] as const;
/**
 * A message about a held complaint keeps what was sent, how and when (the complaint's evidence),
 * under a new key: messages logged before notify hashed its keys carry the recipient's address in theirs.
 * What renders it again (`renderedFrom`: the customer's name, the complaint's texts) is not kept.
 */
const MESSAGE_SKELETON = [
  'kind',
  'state',
  'since',
  'type',
  'purpose',
  'channel',
  'recipientKind',
  'complaintId',
  'expiresAt',
] as const;

/** Deletes the item; false when there was none (or, with `namesCustomer`, it names someone else). */
async function remove(table: TableId, key: Key, namesCustomer?: string): Promise<boolean> {
  try {
    const { Attributes } = await dynamo().send(
      new DeleteCommand({
        TableName: tableName(table),
        Key: key,
        // a lookup may meanwhile name someone else (a re-used phone, a policy moved): leave theirs
        ...(namesCustomer
          ? {
              ConditionExpression: 'customerId = :c',
              ExpressionAttributeValues: { ':c': namesCustomer },
            }
          : {}),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes !== undefined;
  } catch (error) {
    if (refused(error)) return false;
    throw error;
  }
}

/**
 * The care and relationship items of the person: those that carry their customer id, the two
 * partitions keyed by it that do not (the articles they had, their NPS cap), and the feedback they
 * sent from the public form, which names them only by the contact they gave. Exact matches only: a
 * substring of the keys would take other customers' items (erasing `C1` would take `C10`'s) and,
 * for an id such as `birthday`, whole campaigns.
 */
async function itemsNaming(
  table: 'Campaigns' | 'Relationship',
  person: { customerId?: string; emails: readonly string[]; phones: readonly string[] },
): Promise<Item[]> {
  const conditions: string[] = [];
  const values: Record<string, string> = {};
  const names: Record<string, string> = {};
  if (person.customerId) {
    conditions.push('customerId = :c', 'pk = :reader', 'pk = :customer');
    Object.assign(values, {
      ':c': person.customerId,
      ':reader': readerPartition(person.customerId),
      ':customer': npsCapKey(person.customerId).pk,
    });
  }
  for (const [field, contacts] of [
    ['email', person.emails],
    ['phone', person.phones],
  ] as const) {
    contacts.forEach((contact, i) => {
      conditions.push(`#customer.#${field} = :${field}${i}`);
      values[`:${field}${i}`] = contact;
      names['#customer'] = 'customer';
      names[`#${field}`] = field;
    });
  }
  if (conditions.length === 0) return [];
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: tableName(table),
        FilterExpression: conditions.join(' OR '),
        ExpressionAttributeValues: values,
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export const dynamoPersonEraser: PersonEraser = {
  async erase(records, holds, stamp) {
    const counts: ErasureCounts = {
      customerItems: 0,
      complaints: 0,
      complaintRecords: 0,
      attachments: 0,
      messages: 0,
      careRecords: 0,
      claimsRecords: 0,
      files: 0,
      tombstones: 0,
    };
    const profile = records.customerItems.find((i) => isProfileKey(i.sk));
    const complaintCustomers = records.complaints.flatMap((items) =>
      items.filter((i) => i.kind === 'complaint').map((i) => (i.customer ?? {}) as Item),
    );
    const people = [...(profile ? [profile] : []), ...complaintCustomers];
    const strings = (name: string) => [
      ...new Set(people.map((p) => p[name]).filter((v): v is string => typeof v === 'string')),
    ];

    // 1. tombstones, before anything goes: a replay racing the erasure finds them
    const contacts = new Map<string, { kind: 'phone' | 'email'; hash: string }>();
    const addContact = (kind: 'phone' | 'email', hash: string) =>
      contacts.set(`${kind}:${hash}`, { kind, hash });
    if (stamp.contact) addContact(stamp.contact.kind, stamp.contact.hash);
    for (const hash of strings('phoneHash')) addContact('phone', hash);
    for (const hash of strings('emailHash')) addContact('email', hash);
    for (const phone of strings('phone')) addContact('phone', await keyedHash('phone', phone));
    for (const email of strings('email')) addContact('email', await keyedHash('email', email));
    const tombstones = [
      ...(stamp.customerId ? [erasureTombstoneKey.customer(stamp.customerId)] : []),
      ...[...contacts.values()].map((c) => erasureTombstoneKey.contact(c.kind, c.hash)),
    ];
    for (const key of tombstones) {
      await dynamo().send(
        new PutCommand({
          TableName: tableName('Privacy'),
          Item: { ...key, kind: 'erasure-tombstone', requestId: stamp.requestId, erasedAt: stamp.erasedAt },
        }),
      );
      counts.tombstones += 1;
    }

    // 2. Complaints: skeletons under their holds
    const holdOf = new Map(holds.map((h) => [h.complaintId, h]));
    for (const items of records.complaints) {
      const complaint = items.find((i) => i.kind === 'complaint');
      if (!complaint) continue;
      const hold = holdOf.get(String(complaint.complaintId));
      const ttl = hold?.endsAt ? { expiresAt: expiresAtOf(hold.endsAt) } : {};
      // the files first: the timeline entries name the stored emails until they are stripped
      const receiptIds = items.flatMap((i) => {
        const receiptId = (i.detail as Item | undefined)?.receiptId;
        return String(i.sk).startsWith(TIMELINE_PREFIX) && typeof receiptId === 'string' ? [receiptId] : [];
      });
      counts.files += await eraseComplaintFiles(String(complaint.complaintId), receiptIds);
      for (const item of items) {
        const sk = String(item.sk);
        if (item === complaint) continue;
        if (sk.startsWith(ATTACHMENT_PREFIX)) {
          if (await remove('Complaints', keyOf(item))) counts.attachments += 1;
        } else if (sk.startsWith(TIMELINE_PREFIX)) {
          await put('Complaints', { ...pick(item, TIMELINE_SKELETON), ...ttl });
          counts.complaintRecords += 1;
        } else if (hold?.endsAt) {
          // clocks and the rest hold no personal data; they expire with the skeleton
          await setTtl(keyOf(item), ttl);
          counts.complaintRecords += 1;
        }
      }
      await dynamo()
        .send(
          new UpdateCommand({
            TableName: tableName('Complaints'),
            Key: referenceKey(String(complaint.reference)),
            UpdateExpression: `REMOVE contactCheck${hold?.endsAt ? ' SET expiresAt = :e' : ''}`,
            ConditionExpression: 'attribute_exists(pk)',
            ...(hold?.endsAt ? { ExpressionAttributeValues: { ':e': expiresAtOf(hold.endsAt) } } : {}),
          }),
        )
        .then(
          () => {
            counts.complaintRecords += 1;
          },
          (error) => {
            if (!refused(error)) throw error;
          },
        );
      // the complaint item last: until it is a skeleton, a retry finds the complaint as it was
      await rewriteComplaint(complaint, hold, ttl, stamp);
      counts.complaints += 1;
    }

    // 3. Messages: what was sent about a held complaint stays as evidence, without the person
    for (const message of records.messages) {
      const complaintId = String(message.complaintId);
      if (holdOf.has(complaintId) && message.state === 'sent') {
        const key = `${complaintId}#${String(message.type)}#${String(message.since)}`;
        // a retry finds the evidence an earlier attempt kept: it stays as it is
        if (message.pk === messageKey(key).pk && message.sk === messageKey(key).sk) continue;
        await put('Messages', {
          ...pick(message, MESSAGE_SKELETON),
          ...messageKey(key),
          ...complaintMessageListing(complaintId, new Date(String(message.since)), key),
        });
      }
      await remove('Messages', keyOf(message));
      counts.messages += 1;
    }
    for (const address of [...strings('email'), ...strings('phone')])
      if (await remove('Messages', suppressionKey(address))) counts.customerItems += 1;
    if (stamp.customerId) {
      const slots = await dynamo().send(
        new QueryCommand({
          TableName: tableName('Messages'),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': frequencySlotKey(stamp.customerId, 0).pk },
          ProjectionExpression: 'pk, sk',
        }),
      );
      for (const slot of slots.Items ?? [])
        if (await remove('Messages', keyOf(slot))) counts.customerItems += 1;
    }

    // 4. care and relationship records naming the person (by customer id, or the feedback they sent)
    const person = { customerId: stamp.customerId, emails: strings('email'), phones: strings('phone') };
    for (const table of ['Campaigns', 'Relationship'] as const)
      for (const item of await itemsNaming(table, person))
        if (await remove(table, keyOf(item))) counts.careRecords += 1;

    // 5. claims journeys of the customer's policies: each core event keeps its key and step (a
    // replayed core event is then a duplicate and stores nothing) without its data (free text such
    // as a decline reason, a policy change's old and new values); the claims' states go
    for (const journey of Object.values(records.journeys) as PolicyJourney[]) {
      for (const event of journey.events) {
        await dynamo()
          .send(
            new UpdateCommand({
              TableName: tableName('Customers'),
              Key: journeyEventKey(event.eventId),
              UpdateExpression: 'REMOVE #event.#data.#data',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#event': 'event', '#data': 'data' },
            }),
          )
          .catch((error) => {
            if (!refused(error)) throw error;
          });
        counts.claimsRecords += 1;
      }
      for (const state of journey.states)
        if (await remove('Customers', claimStateKey(state.claimNumber))) counts.claimsRecords += 1;
    }

    // 6. Customers, last: the profile and the complaint links are how a retry of a half-done
    // erasure finds the person's complaints and policies, so they go once everything else has
    for (const item of records.customerItems)
      if (await remove('Customers', keyOf(item))) counts.customerItems += 1;
    if (stamp.customerId) {
      const lookups = [
        ...[...contacts.values()]
          .filter((c) => c.kind === 'phone')
          .map((c) => customerLookupKey.phone(c.hash)),
        ...records.customerItems
          .filter((i) => isPolicyKey(i.sk))
          .map((i) => customerLookupKey.policy(String(i.policyNumber))),
      ];
      for (const key of lookups)
        if (await remove('Customers', key, stamp.customerId)) counts.customerItems += 1;
    }
    return counts;
  },
};

async function put(table: TableId, item: Item) {
  await dynamo().send(new PutCommand({ TableName: tableName(table), Item: item }));
}

async function setTtl(key: Key, ttl: { expiresAt?: number }) {
  await dynamo()
    .send(
      new UpdateCommand({
        TableName: tableName('Complaints'),
        Key: key,
        UpdateExpression: 'SET expiresAt = :e',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':e': ttl.expiresAt },
      }),
    )
    .catch((error) => {
      if (!refused(error)) throw error;
    });
}

/** The complaint as its skeleton, only while it is at the version read (case work may be racing). */
async function rewriteComplaint(
  complaint: Item,
  hold: RetentionHold | undefined,
  ttl: { expiresAt?: number },
  stamp: { requestId: string; erasedAt: string },
) {
  const resolution = complaint.resolution as Item | undefined;
  const skeleton: Item = {
    ...pick(complaint, COMPLAINT_SKELETON),
    ...(resolution ? { resolution: pick(resolution, RESOLUTION_SKELETON) } : {}),
    // readers of a complaint (case views, notify) expect a customer: one with no contact is sent nothing
    customer: { name: ERASED_NAME },
    description: erasedDescription(stamp.erasedAt, stamp.requestId),
    // a new version: a case action prepared on the complaint as it was (its ETag) is refused, and
    // cannot write its texts back onto the skeleton
    version: Number(complaint.version) + 1,
    updatedAt: stamp.erasedAt,
    erased: { at: stamp.erasedAt, requestId: stamp.requestId },
    ...(hold ? { retentionHold: { endsAt: hold.endsAt, reason: hold.reason, regime: hold.regime } } : {}),
    ...ttl,
  };
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName('Complaints'),
        Item: skeleton,
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': complaint.version },
      }),
    );
  } catch (error) {
    if (!refused(error)) throw error;
    throw new Conflict(
      `Complaint ${String(complaint.complaintId)} changed during the erasure; complete the request again to finish it.`,
    );
  }
}
