/**
 * A request whose twin (same Idempotency-Key) holds the key but has not finished answers 409
 * `idempotency-in-progress` with Retry-After, never a 5xx: whether DynamoDB cancels the transaction
 * with a TransactionConflict on the key, or the key is taken but its record not readable yet.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '#shared/clock';
import { tables } from '#shared/contracts/tables';
import { IdempotencyInProgress } from '#shared/http/errors';
import { localSettings } from '../../../infra/config/stage-settings';
import { changeSettings } from '../../../test/support/settings';
import { fileComplaint } from '../domain/file-complaint';
import type {
  ComplaintStore,
  CreateOutcome,
  FiledComplaint,
  IdempotencyRecord,
  IntakeDeps,
} from '../domain/ports';

const request = {
  customer: { name: 'Ann Lee', email: 'ann@example.com' },
  description: 'My premium was taken twice this month.',
  consent: { dataProcessing: true as const },
};

function depsWith(outcome: CreateOutcome, records: (IdempotencyRecord | undefined)[]) {
  const calls = { create: 0, find: 0 };
  const complaints: ComplaintStore = {
    async findIdempotencyRecord() {
      return records[calls.find++];
    },
    async recentComplaintsOf() {
      return [];
    },
    async recentComplaintsOfPolicy() {
      return [];
    },
    async create() {
      calls.create++;
      return outcome;
    },
    requestsForInformation: async () => [],
    async findByReference() {
      return undefined;
    },
  };
  const deps: IntakeDeps = {
    complaints,
    customers: { findCustomer: async () => undefined },
    sla: { openingDeadlines: async () => undefined },
    hash: async (kind, value) => `${kind}:${value.length}`,
    clock: systemClock,
    newId: () => '01TWIN',
    timeZone: 'Asia/Shanghai',
  };
  return { deps, calls };
}

const command = { channel: 'web' as const, request, idempotencyKey: 'key-1', correlationId: 'c-1' };

describe('a twin still in flight (domain)', () => {
  it('answers IdempotencyInProgress when the key is taken but its record is not readable yet', async () => {
    const { deps, calls } = depsWith('idempotency-key-taken', [undefined]);
    await expect(fileComplaint(command, deps)).rejects.toBeInstanceOf(IdempotencyInProgress);
    // no new references are tried for a key that stays taken
    expect(calls.create).toBe(1);
  });

  it('answers as the twin did once its record is readable', async () => {
    const { deps: first } = depsWith('created', []);
    const original = await fileComplaint(command, first);
    const record: IdempotencyRecord = {
      scope: 'web',
      key: 'key-1',
      requestHash: (await import('../domain/file-complaint')).requestHash(request),
      response: original.filed as FiledComplaint,
    };
    const { deps } = depsWith('idempotency-key-in-flight', [record]);
    expect(await fileComplaint(command, deps)).toEqual({ filed: original.filed, replayed: true });
  });
});

describe('a twin still in flight (POST /v1/complaints)', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  beforeEach(() => {
    ddb.reset();
    process.env[tables.Complaints.envVar] = 'local-Complaints';
    process.env[tables.Customers.envVar] = 'local-Customers';
    // the function's declared setting, as CDK or the local cloud sets it
    changeSettings({ COMPANY_TIME_ZONE: localSettings.COMPANY_TIME_ZONE });
  });
  afterAll(() => ddb.restore());

  it('answers 409 idempotency-in-progress with Retry-After when DynamoDB reports a TransactionConflict on the key', async () => {
    ddb.on(BatchGetCommand).resolves({ Responses: {} });
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [
          { Code: 'None' },
          { Code: 'None' },
          { Code: 'TransactionConflict' },
          { Code: 'None' },
        ],
      }),
    );
    const { handler } = await import('../handlers/web-complaint');
    const event = {
      version: '2.0',
      routeKey: 'POST /v1/complaints',
      rawPath: '/v1/complaints',
      rawQueryString: '',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-1' },
      requestContext: { requestId: 'r-1', http: { method: 'POST' } },
      body: JSON.stringify(request),
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    const result = (await handler(event, { functionName: 'intake-web' } as Context)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(result.statusCode).toBe(409);
    expect(result.headers['retry-after']).toBe('1');
    expect(JSON.parse(result.body)).toMatchObject({
      type: 'https://complaint-care.example/problems/idempotency-in-progress',
      status: 409,
    });
  });
});
