/**
 * NPS asks and answers on the Relationship table, the customer's latest score on their profile
 * (Customers, `npsScore`): each change and its event in one transaction. The cap, the ask and the
 * answer each carry their retention period's end (`expiresAt`); the report passes over an answer
 * whose period is over.
 */
import { dynamo, GetCommand, tableName } from '#shared/aws/dynamo';
import { queryAll } from '#shared/aws/query-all';
import { localDateIn } from '#shared/calendar/zoned-time';
import type { EffectiveProfile } from '#shared/contracts/customer-profile';
import { buildEvent } from '#shared/contracts/events/index';
import { commitWithEvents, refusedByCondition, type TransactItem } from '#shared/outbox/outbox';
import { customerProfileKey, npsPartition } from '#shared/tables/customers';
import { unexpiredFilter } from '#shared/tables/expiry';
import {
  customerEventKey,
  npsAnswerIndexKeys,
  npsAnswerKey,
  npsAskKey,
  npsCapKey,
  npsMonthPartition,
} from '#shared/tables/relationship';
import { NPS_CAMPAIGN_ID, type NpsAnswer, type NpsAsk, type NpsStore, surveyContent } from '../domain/nps';
import { expiresAt } from './retention';

const table = () => tableName('Relationship');

function months(from: string, to: string): string[] {
  const out: string[] = [];
  const cursor = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  const last = to.slice(0, 7);
  while (cursor.toISOString().slice(0, 7) <= last) {
    out.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return out;
}

/**
 * The writes of an ask: the cap first (refused within the interval, whoever asks at the same time),
 * then the ask, and the survey message. Post-event surveys add their pointer's removal to these.
 */
export function askWrites(ask: NpsAsk, surveyUrl: string, profile: EffectiveProfile, cutoff: Date) {
  const occasionDate = localDateIn(new Date(ask.askedAt), profile.timeZone);
  const survey = buildEvent(
    'care.message-requested',
    {
      campaignId: NPS_CAMPAIGN_ID,
      campaignVersion: '1',
      runId: `${NPS_CAMPAIGN_ID}-${occasionDate}`,
      customerId: ask.customerId,
      consent: 'service',
      dedupeKey: `${NPS_CAMPAIGN_ID}#${ask.askId}#${ask.customerId}`,
      occasionDate,
      content: surveyContent(surveyUrl),
      holdWhileComplaintOpen: false,
    },
    ask.askId,
  );
  const cap = { askedAt: ask.askedAt, askId: ask.askId };
  const writes: TransactItem[] = [
    {
      Put: {
        TableName: table(),
        Item: { ...npsCapKey(ask.customerId), ...cap, expiresAt: expiresAt('nps-cap', cap) },
        // judged by askedAt, never by the cap being there: DynamoDB may delete it days after its end
        ConditionExpression: 'attribute_not_exists(pk) OR askedAt <= :cutoff',
        ExpressionAttributeValues: { ':cutoff': cutoff.toISOString() },
      },
    },
    {
      Put: {
        TableName: table(),
        Item: { ...npsAskKey(ask.askId), ...ask, expiresAt: expiresAt('nps-ask', ask) },
      },
    },
  ];
  return { writes, events: [survey] };
}

export const dynamoNpsStore: NpsStore = {
  async ask(ask, surveyUrl, profile, cutoff) {
    const { writes, events } = askWrites(ask, surveyUrl, profile, cutoff);
    try {
      await commitWithEvents(table(), writes, events);
      return true;
    } catch (error) {
      if (refusedByCondition(error, 0)) return false;
      throw error;
    }
  },

  async getAsk(askId) {
    const found = await dynamo().send(
      new GetCommand({ TableName: table(), Key: npsAskKey(askId), ConsistentRead: true }),
    );
    if (!found.Item) return undefined;
    // the ask's expiresAt is not the answer's: an answer built from the ask has its own
    const { pk: _pk, sk: _sk, expiresAt: _expires, ...ask } = found.Item;
    return ask as NpsAsk;
  },

  async answer(answer) {
    const recorded = buildEvent(
      'nps.recorded',
      {
        askId: answer.askId,
        customerId: answer.customerId,
        touchpoint: answer.touchpoint,
        score: answer.score,
        answeredAt: answer.answeredAt,
      },
      answer.askId,
    );
    try {
      await commitWithEvents(
        table(),
        [
          {
            Put: {
              TableName: table(),
              Item: {
                ...npsAnswerKey(answer.askId),
                ...npsAnswerIndexKeys(answer.answeredAt, answer.askId),
                ...answer,
                expiresAt: expiresAt('nps-answer', answer),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          // a post-event survey's answer is counted on its event
          ...(answer.touchpoint === 'event'
            ? [
                {
                  Update: {
                    TableName: table(),
                    Key: customerEventKey(answer.subject),
                    UpdateExpression: 'ADD surveysAnswered :one',
                    ConditionExpression: 'attribute_exists(pk)',
                    ExpressionAttributeValues: { ':one': 1 },
                  },
                },
              ]
            : []),
          {
            // the latest answer is the customer's score (segments read `npsScore`, by gsi9). Only
            // the index partition: its sort key (<tz>#<customerId>) is the zone's writers' (the
            // import, a preferences change), so this needs no read of the zone and cannot race a
            // zone change into a stale key (shared/tables/customers.ts)
            Update: {
              TableName: tableName('Customers'),
              Key: customerProfileKey(answer.customerId),
              UpdateExpression: 'SET npsScore = :score, npsAnsweredAt = :at, gsi9pk = :npk',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: {
                ':score': answer.score,
                ':at': answer.answeredAt,
                ':npk': npsPartition(answer.score),
              },
            },
          },
        ],
        [recorded],
      );
      return true;
    } catch (error) {
      if (refusedByCondition(error, 0)) return false;
      throw error;
    }
  },

  async answersBetween(from, to, now) {
    const unexpired = unexpiredFilter(now);
    const answers: NpsAnswer[] = [];
    for (const month of months(from, to))
      answers.push(
        ...((await queryAll({
          TableName: table(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :month AND gsi1sk BETWEEN :from AND :to',
          FilterExpression: unexpired.expression,
          ExpressionAttributeValues: {
            ':month': npsMonthPartition(month),
            ':from': from,
            ':to': `${to}~`,
            ...unexpired.values,
          },
        })) as unknown as NpsAnswer[]),
      );
    return answers;
  },
};
