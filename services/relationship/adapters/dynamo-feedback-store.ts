/**
 * Feedback on the Relationship table: one item each, in its team's queue (gsi1) by answer due date,
 * kept for its retention period from receipt (`expiresAt`); readers pass over it once that is over.
 */
import {
  ConditionalCheckFailedException,
  dynamo,
  GetCommand,
  PutCommand,
  tableName,
  UpdateCommand,
} from '#shared/aws/dynamo';
import { queryPages } from '#shared/aws/query-all';
import { buildEvent } from '#shared/contracts/events/index';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import { hasExpired, unexpiredFilter } from '#shared/tables/expiry';
import { feedbackKey, feedbackQueueKeys, feedbackQueuePartition } from '#shared/tables/relationship';
import type { Feedback, FeedbackStore } from '../domain/feedback';
import { expiresAt } from './retention';

const table = () => tableName('Relationship');

function stored(item: Record<string, unknown>): Feedback {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, expiresAt: _expires, ...feedback } = item;
  return feedback as unknown as Feedback;
}

export const dynamoFeedbackStore: FeedbackStore = {
  async create(feedback) {
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...feedbackKey(feedback.feedbackId),
          ...feedbackQueueKeys(feedback.team, 'open', feedback.answerDueAt, feedback.feedbackId),
          ...feedback,
          expiresAt: expiresAt('feedback', feedback),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async get(feedbackId, now) {
    const found = await dynamo().send(
      new GetCommand({ TableName: table(), Key: feedbackKey(feedbackId), ConsistentRead: true }),
    );
    return found.Item && !hasExpired(found.Item, now) ? stored(found.Item) : undefined;
  },

  async answer(feedback, answer, sentTo) {
    const queue = feedbackQueueKeys(feedback.team, 'answered', feedback.answerDueAt, feedback.feedbackId);
    const update = {
      TableName: table(),
      Key: feedbackKey(feedback.feedbackId),
      UpdateExpression: `SET #state = :answered, answer = :answer, gsi1pk = :queue, #version = :next${
        sentTo ? ', answerSentTo = :sentTo' : ''
      }`,
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#state': 'state', '#version': 'version' },
      ExpressionAttributeValues: {
        ':answered': 'answered',
        ':answer': answer,
        ':queue': queue.gsi1pk,
        ':version': feedback.version,
        ':next': feedback.version + 1,
        ...(sentTo && { ':sentTo': sentTo }),
      },
    };
    try {
      if (!sentTo) await dynamo().send(new UpdateCommand(update));
      // the answer and the request to send it are one write: an answer recorded is sent, exactly once
      else
        await commitWithEvents(
          table(),
          [{ Update: update }],
          [buildEvent('feedback.answered', { feedbackId: feedback.feedbackId }, feedback.feedbackId)],
        );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || refusedByCondition(error, 0)) return false;
      throw error;
    }
  },

  // expired feedback is the oldest, so at the head of the queue: read on past it to fill the page
  async queue(team, state, limit, now) {
    const unexpired = unexpiredFilter(now);
    const items: Record<string, unknown>[] = [];
    for await (const page of queryPages({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :queue',
      FilterExpression: unexpired.expression,
      ExpressionAttributeValues: { ':queue': feedbackQueuePartition(team, state), ...unexpired.values },
      Limit: limit,
    })) {
      items.push(...page);
      if (items.length >= limit) break;
    }
    return items.slice(0, limit).map(stored);
  },
};
