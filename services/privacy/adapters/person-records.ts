/**
 * Every item that names one person, read from every table that holds personal data: the Customers
 * partition (profile, consents and their history, policies, complaint links) and its claims
 * journeys, the complaints found by the person's keyed phone and email hashes (each complaint's
 * whole partition: complaint, timeline, clocks, attachments' records), the messages sent to the
 * customer or about those complaints (as the log keeps them, expired ones too: the erasure deletes
 * what DynamoDB has not purged yet; the export passes over them), and the rectifications the
 * complaints are linked to. Outbox copies of events are left out: they are the events' transport
 * and expire within a week.
 */
import { BatchGetCommand, dynamo, tableName } from '#shared/aws/dynamo';
import { scanAll } from '#shared/aws/dynamo-scan';
import { readPolicyJourney } from '#shared/aws/journey-reader';
import { queryAll } from '#shared/aws/query-all';
import type { TableId } from '#shared/contracts/tables';
import { keyedHash } from '#shared/pii';
import { complaintIdOfKey, complaintKey, searchIndexes, searchPartition } from '#shared/tables/complaints';
import {
  complaintIdOfLinkKey,
  customerItemsPartition,
  isComplaintLinkKey,
  isPolicyKey,
  isProfileKey,
} from '#shared/tables/customers';
import { complaintMessagesPartition, customerMessagesPartition } from '#shared/tables/messages';
import { LINKED_COMPLAINT_PREFIX } from '#shared/tables/quality';
import type { PersonRecordSource, PersonRecords } from '../domain/access-export';

type Item = Record<string, unknown>;

async function batchGet(table: TableId, keys: readonly Item[]): Promise<Item[]> {
  const name = tableName(table);
  const items: Item[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Item[] = keys.slice(i, i + 100).map((k) => ({ pk: k.pk, sk: k.sk }));
    while (pending.length > 0) {
      const page = await dynamo().send(new BatchGetCommand({ RequestItems: { [name]: { Keys: pending } } }));
      items.push(...(page.Responses?.[name] ?? []));
      pending = (page.UnprocessedKeys?.[name]?.Keys as Item[] | undefined) ?? [];
    }
  }
  return items;
}

const notOutbox = (item: Item) => item.kind !== 'outbox';

async function complaintIdsBy(kind: 'phone' | 'email', hash: string): Promise<string[]> {
  const { index, partitionKey } = searchIndexes[kind];
  const keys = await queryAll({
    TableName: tableName('Complaints'),
    IndexName: index,
    KeyConditionExpression: `${partitionKey} = :p`,
    ExpressionAttributeValues: { ':p': searchPartition(kind, hash) },
  });
  return keys.map((k) => complaintIdOfKey(String(k.pk)));
}

export const personRecordSource: PersonRecordSource = {
  async recordsOf(person) {
    const customerItems = person.customerId
      ? await queryAll({
          TableName: tableName('Customers'),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': customerItemsPartition(person.customerId) },
          ConsistentRead: true,
        })
      : [];
    const profile = customerItems.find((i) => isProfileKey(i.sk));
    const hashes = new Set<string>(person.contactHashes.map((c) => `${c.kind}:${c.hash}`));
    if (typeof profile?.phone === 'string') hashes.add(`phone:${await keyedHash('phone', profile.phone)}`);
    if (typeof profile?.email === 'string') hashes.add(`email:${await keyedHash('email', profile.email)}`);

    const complaintIds = new Set<string>();
    for (const entry of hashes) {
      const [kind, hash] = entry.split(':', 2) as ['phone' | 'email', string];
      for (const id of await complaintIdsBy(kind, hash)) complaintIds.add(id);
    }
    for (const id of person.complaintIds ?? []) complaintIds.add(id);
    for (const link of customerItems.filter((i) => isComplaintLinkKey(i.sk)))
      complaintIds.add(String(link.complaintId ?? complaintIdOfLinkKey(String(link.sk))));

    const complaints: Item[][] = [];
    const messageKeys = new Map<string, Item>();
    for (const complaintId of complaintIds) {
      const items = await queryAll({
        TableName: tableName('Complaints'),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': complaintKey(complaintId).pk },
        ConsistentRead: true,
      });
      // a customer's link outlives a complaint purged at the end of its retention
      const record = items.filter(notOutbox);
      if (record.length > 0) complaints.push(record);
      const sent = await queryAll({
        TableName: tableName('Messages'),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': complaintMessagesPartition(complaintId) },
      });
      for (const m of sent) messageKeys.set(`${m.pk}|${m.sk}`, m);
    }
    if (person.customerId) {
      const sent = await queryAll({
        TableName: tableName('Messages'),
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :p',
        ExpressionAttributeValues: { ':p': customerMessagesPartition(person.customerId) },
      });
      for (const m of sent) messageKeys.set(`${m.pk}|${m.sk}`, m);
    }
    const messages = (await batchGet('Messages', [...messageKeys.values()])).filter(notOutbox);

    const journeys: Record<string, unknown> = {};
    for (const policy of customerItems.filter((i) => isPolicyKey(i.sk))) {
      const policyNumber = String(policy.policyNumber);
      journeys[policyNumber] = await readPolicyJourney(policyNumber);
    }

    // the Quality table links a rectification to complaints in the rectification's partition; a
    // DPO's export is rare, so a filtered scan of this small table beats an index kept for it
    const rectificationLinks =
      complaintIds.size === 0
        ? []
        : (
            await scanAll({
              TableName: tableName('Quality'),
              FilterExpression: 'begins_with(sk, :link)',
              ExpressionAttributeValues: { ':link': LINKED_COMPLAINT_PREFIX },
            })
          ).filter((i) => complaintIds.has(String(i.sk).slice(LINKED_COMPLAINT_PREFIX.length)));

    return { customerItems, complaints, messages, journeys, rectificationLinks } satisfies PersonRecords;
  },
};
