/**
 * Reads a policy's claims journey from the Customers table (keys in shared/tables/claims.ts): the
 * core events recorded for it and the stored states of its claims. The claims service writes
 * them; triage, the case detail and the journey route read them through here. Items past their
 * `expiresAt` (10 years after the customer's relationship ended) read as gone: DynamoDB purges them
 * days late, the local cloud never.
 */

import { clock } from '../clock';
import type { CoreEvent } from '../contracts/core-events';
import type { EventEnvelope } from '../contracts/events/envelope';
import { claimStateKey, journeyEventKey, journeyPartition } from '../tables/claims';
import { hasExpired } from '../tables/expiry';
import { BatchGetCommand, dynamo, GetCommand, tableName } from './dynamo';
import { queryAll } from './query-all';

const BATCH_GET_MAX = 100;

/** The core event an outbox item carries (an empty `data` is left out when stored). */
export const coreEventOf = (envelope: { data: Record<string, unknown> }): CoreEvent =>
  ({ ...envelope.data, data: envelope.data.data ?? {} }) as CoreEvent;

/** The stored state of one claim, as the claims service keeps it. */
export interface StoredClaimState {
  readonly claimNumber: string;
  readonly policyNumber: string;
  readonly customerId?: string;
  readonly stage: string;
  readonly lastProgressAt: string;
  readonly stallDueAt?: string;
  readonly stallNoticedFor?: string;
}

async function batchGet(keys: Record<string, unknown>[], projection?: string) {
  const table = tableName('Customers');
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_MAX) {
    let request: Record<string, unknown>[] | undefined = keys.slice(i, i + BATCH_GET_MAX);
    while (request?.length) {
      const result = await dynamo().send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: request,
              ...(projection && { ProjectionExpression: projection }),
            },
          },
        }),
      );
      const now = clock.now();
      items.push(...(result.Responses?.[table] ?? []).filter((item) => !hasExpired(item, now)));
      request = result.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return items;
}

/** Every core event recorded for the policy, in no particular order. */
export async function readJourneyEvents(policyNumber: string): Promise<CoreEvent[]> {
  const entries = await queryAll({
    TableName: tableName('Customers'),
    IndexName: 'gsi6',
    KeyConditionExpression: 'gsi6pk = :pk',
    ExpressionAttributeValues: { ':pk': journeyPartition(policyNumber) },
  });
  const keys = entries.map((item) => ({ pk: item.pk, sk: item.sk }));
  const items = await batchGet(keys, 'event, expiresAt');
  return items.map((item) => coreEventOf(item.event as EventEnvelope));
}

/** One core event recorded in a journey, by its core event id; undefined when none is. */
export async function readJourneyEvent(eventId: string): Promise<CoreEvent | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName('Customers'),
      Key: journeyEventKey(eventId),
      ProjectionExpression: 'event, expiresAt',
      // recorded just before the notice was asked for
      ConsistentRead: true,
    }),
  );
  return Item && !hasExpired(Item, clock.now()) ? coreEventOf(Item.event as EventEnvelope) : undefined;
}

/**
 * The journey a complaint links to: that of the claim's policy when it names a claim we know (the
 * more precise of the two), else that of the policy it names.
 */
export async function readLinkedJourney(link: { claimNumber?: string; policyNumber?: string }) {
  const [named] = link.claimNumber ? await readClaimStates([link.claimNumber]) : [];
  const policyNumber = named?.policyNumber ?? link.policyNumber;
  return policyNumber ? { policyNumber, ...(await readPolicyJourney(policyNumber)) } : undefined;
}

/** A policy's core events and the stored states of the claims they name. */
export async function readPolicyJourney(policyNumber: string) {
  const events = await readJourneyEvents(policyNumber);
  const claimNumbers = [...new Set(events.flatMap((e) => (e.claimNumber ? [e.claimNumber] : [])))];
  return { events, states: claimNumbers.length ? await readClaimStates(claimNumbers) : [] };
}

export async function readClaimStates(claimNumbers: readonly string[]): Promise<StoredClaimState[]> {
  return (await batchGet(claimNumbers.map(claimStateKey))) as unknown as StoredClaimState[];
}
