/**
 * The middleware stack for DynamoDB stream consumers. Records are handled in order; the handler
 * returns the sequence number of the first record to retry, and Lambda (or the local cloud)
 * resumes from exactly there, so nothing before it is processed twice.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../observability/logger';
import { withObservability } from './common';

export function streamHandler(process: (records: readonly DynamoDBRecord[]) => Promise<string | undefined>) {
  return withObservability<DynamoDBStreamEvent, DynamoDBBatchResponse>(async (event) => {
    let retryFrom: string | undefined;
    try {
      retryFrom = await process(event.Records);
    } catch (error) {
      // Nothing of the batch is known to be done: retry it whole from its first record.
      logger.error('stream batch failed', { error });
      retryFrom = event.Records[0]?.dynamodb?.SequenceNumber;
    }
    if (retryFrom) logger.warn('stream batch partly failed', { retryFrom });
    return { batchItemFailures: retryFrom ? [{ itemIdentifier: retryFrom }] : [] };
  });
}
