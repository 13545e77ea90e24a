/** The answered feedback notify sends, read from the Relationship table (owned by services/relationship). */
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import { feedbackKey } from '#shared/tables/relationship';
import type { AnsweredFeedback } from '../domain/feedback-answer';

export async function readAnsweredFeedback(feedbackId: string): Promise<AnsweredFeedback | undefined> {
  const found = await dynamo().send(
    new GetCommand({
      TableName: tableName('Relationship'),
      Key: feedbackKey(feedbackId),
      ConsistentRead: true,
    }),
  );
  return found.Item as AnsweredFeedback | undefined;
}
