/**
 * The status lookup answers a wrong contact exactly like an unknown reference, in time as well as
 * in body: both paths make the same reads and the same hash, so neither is measurably slower.
 */
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { tables } from '#shared/contracts/tables';
import { NotFound } from '#shared/http/errors';
import { complaintKey, referenceKey } from '#shared/tables/complaints';
import { dynamoComplaintStore } from '../adapters/dynamo-complaint-store';
import { lookUpStatus } from '../domain/look-up-status';

const KNOWN = 'CMP-20261206-7K3M9Q';
const UNKNOWN = 'CMP-20261206-000000';

const ddb = mockClient(DynamoDBDocumentClient);
beforeEach(() => {
  ddb.reset();
  process.env[tables.Complaints.envVar] = 'local-Complaints';
  ddb.on(GetCommand).resolves({});
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(GetCommand, { Key: referenceKey(KNOWN) }).resolves({
    Item: { complaintId: 'C1', contactCheck: { phoneLast4: '9000', emailHash: 'hash-of-ann' } },
  });
  ddb.on(GetCommand, { Key: complaintKey('C1') }).resolves({
    Item: { reference: KNOWN, status: 'received', receivedAt: '2026-12-06T01:00:00.000Z' },
  });
});
afterAll(() => ddb.restore());

async function workFor(reference: string, contact: string) {
  let hashes = 0;
  const deps = {
    complaints: dynamoComplaintStore,
    hash: async (_kind: string, value: string) => {
      hashes++;
      return value === 'ann@example.com' ? 'hash-of-ann' : 'hash-of-someone-else';
    },
  };
  ddb.resetHistory();
  const outcome = await lookUpStatus(reference, contact, deps).catch((error: unknown) => error);
  return {
    outcome,
    reads: ddb.commandCalls(GetCommand).length,
    // the case's timeline is read only once the contact matched
    queries: ddb.commandCalls(QueryCommand).length,
    hashes,
  };
}

describe('status lookup work', () => {
  it('is the same for an unknown reference and for a known one with a wrong contact', async () => {
    for (const contact of ['1234', 'bob@example.com']) {
      const unknown = await workFor(UNKNOWN, contact);
      const wrongContact = await workFor(KNOWN, contact);
      expect(unknown.outcome).toBeInstanceOf(NotFound);
      expect(wrongContact.outcome).toBeInstanceOf(NotFound);
      expect(unknown.reads).toBe(2);
      expect(wrongContact.reads).toBe(unknown.reads);
      expect(wrongContact.hashes).toBe(unknown.hashes);
      expect([unknown.queries, wrongContact.queries]).toEqual([0, 0]);
    }
  });

  it('still answers the right contact', async () => {
    for (const contact of ['9000', 'ann@example.com']) {
      const { outcome, reads } = await workFor(KNOWN, contact);
      expect(outcome).toMatchObject({ reference: KNOWN, status: 'received', requests: [], decision: null });
      expect(reads).toBe(2);
    }
  });
});
