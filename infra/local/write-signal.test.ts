import { describe, expect, it } from 'vitest';
import { tablesWritten } from './write-signal';

describe('the tables a DynamoDB write names', () => {
  it('reads them from single writes, batches and transactions', () => {
    expect(tablesWritten('PutCommand', { TableName: 'c1-Complaints', Item: {} })).toEqual(['c1-Complaints']);
    expect(
      tablesWritten('BatchWriteCommand', { RequestItems: { 'c1-Messages': [], 'c1-Customers': [] } }),
    ).toEqual(['c1-Messages', 'c1-Customers']);
    expect(
      tablesWritten('TransactWriteCommand', {
        TransactItems: [
          { Put: { TableName: 'c1-Complaints' } },
          { Update: { TableName: 'c1-Complaints' } },
          { ConditionCheck: { TableName: 'c1-Customers' } },
          { Delete: { TableName: 'c1-Messages' } },
        ],
      }),
    ).toEqual(['c1-Complaints', 'c1-Customers', 'c1-Messages']);
  });

  it('names every table for PartiQL, which names them in its statement', () => {
    expect(tablesWritten('ExecuteStatementCommand', { Statement: 'UPDATE "t" SET a = 1' })).toBe('all');
    expect(tablesWritten('ExecuteTransactionCommand', { TransactStatements: [] })).toBe('all');
  });
});
