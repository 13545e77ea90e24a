/**
 * Post-event surveys on the Relationship table: the checked-in invitations' due pointers in gsi1,
 * swept from a checkpoint (shared/aws/due-pointers.ts), and the ask that takes a pointer away in
 * the same transaction as the NPS ask, its cap and the event's `surveysAsked`.
 */
import { advanceCheckpoint, type DuePointerIndex, duePointers } from '#shared/aws/due-pointers';
import { dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { commitWithEvents, refusedByCondition, type TransactItem } from '#shared/outbox/outbox';
import {
  customerEventKey,
  invitationKey,
  surveyPartition,
  surveySweepCheckpointKey,
} from '#shared/tables/relationship';
import type { DueSurvey, EventSurveyStore, SurveyOutcome } from '../domain/event-surveys';
import { askWrites } from './dynamo-nps-store';

const table = () => tableName('Relationship');

const surveyIndex = (): DuePointerIndex => ({
  table: table(),
  index: 'gsi1',
  partitionOf: surveyPartition,
  checkpointKey: surveySweepCheckpointKey,
  firstSweepLookbackHours: 14 * 24,
  dueUpTo: (now) => `${now.toISOString()}\uffff`,
});

/** Takes the pointer away with the outcome, only while it is the one read. */
const settleWrite = (due: DueSurvey, outcome: SurveyOutcome, askId?: string): TransactItem => ({
  Update: {
    TableName: table(),
    Key: invitationKey(due.eventId, due.customerId),
    UpdateExpression: `SET surveyOutcome = :outcome${askId ? ', surveyAskId = :askId' : ''} REMOVE gsi1pk, gsi1sk, surveyAt`,
    ConditionExpression: 'surveyAt = :at AND attribute_exists(gsi1pk)',
    ExpressionAttributeValues: { ':outcome': outcome, ':at': due.at, ...(askId && { ':askId': askId }) },
  },
});

export const dynamoEventSurveyStore: EventSurveyStore = {
  async dueSurveys(now) {
    const { items } = await duePointers(surveyIndex(), now);
    return items.map((item) => ({
      eventId: item.eventId as string,
      customerId: item.customerId as string,
      at: item.surveyAt as string,
    }));
  },

  async ask(due, ask, surveyUrl, profile, cutoff) {
    const { writes, events } = askWrites(ask, surveyUrl, profile, cutoff);
    try {
      await commitWithEvents(
        table(),
        [
          settleWrite(due, 'asked', ask.askId),
          ...writes,
          {
            Update: {
              TableName: table(),
              Key: customerEventKey(due.eventId),
              UpdateExpression: 'ADD surveysAsked :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
        events,
      );
      return 'asked';
    } catch (error) {
      if (refusedByCondition(error, 0)) return 'gone';
      // the 90-day cap (the ask's first write): asked about something else lately
      if (refusedByCondition(error, 1))
        return (await dynamoEventSurveyStore.settle(due, 'capped')) ? 'capped' : 'gone';
      throw error;
    }
  },

  async settle(due, outcome) {
    const { Update } = settleWrite(due, outcome) as {
      Update: ConstructorParameters<typeof UpdateCommand>[0];
    };
    try {
      await dynamo().send(new UpdateCommand(Update));
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  },

  advanceCheckpoint: (now) => advanceCheckpoint(surveyIndex(), now),
};
