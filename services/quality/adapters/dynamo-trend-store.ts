/**
 * Weekly root-cause counters and trend alerts in the Quality table. A resolution is counted with a
 * marker in the same transaction, so a duplicate delivery or a second resolution of the same
 * complaint adds nothing; an alert is recorded with its outbox event, so a rerun alerts nobody twice.
 */
import { tableName } from '#shared/aws/dynamo';
import { queryAll } from '#shared/aws/query-all';
import { commitWithEvents, refusedByCondition } from '#shared/outbox/outbox';
import {
  resolutionSeenKey,
  rootCauseOfCounterKey,
  trendAlertKey,
  weeklyCounterKey,
  weeklyCounterPartition,
} from '#shared/tables/quality';
import type { TrendStore, WeekCount } from '../domain/trends';

const table = () => tableName('Quality');

export const dynamoTrendStore: TrendStore = {
  async weeklyCounts(monday) {
    const counts: Record<string, WeekCount> = {};
    const items = await queryAll({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': weeklyCounterPartition(monday) },
    });
    for (const item of items) {
      const ids = item.complaintIds as Set<string> | undefined;
      counts[rootCauseOfCounterKey(String(item.sk))] = {
        count: Number(item.complaints ?? 0),
        complaintIds: ids ? [...ids] : [],
      };
    }
    return counts;
  },

  async recordResolution(complaintId, rootCause, monday) {
    try {
      await commitWithEvents(
        table(),
        [
          {
            Put: {
              TableName: table(),
              Item: {
                ...resolutionSeenKey(complaintId),
                kind: 'resolution-counted',
                rootCause,
                week: monday,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: table(),
              Key: weeklyCounterKey(monday, rootCause),
              UpdateExpression: 'ADD complaints :one, complaintIds :ids SET kind = :kind',
              ExpressionAttributeValues: {
                ':one': 1,
                ':ids': new Set([complaintId]),
                ':kind': 'weekly-counter',
              },
            },
          },
        ],
        [],
      );
      return true;
    } catch (error) {
      if (refusedByCondition(error, 0)) return false;
      throw error;
    }
  },

  async recordTrendAlert(monday, rootCause, event) {
    try {
      await commitWithEvents(
        table(),
        [
          {
            Put: {
              TableName: table(),
              Item: { ...trendAlertKey(monday, rootCause), kind: 'trend-alert', eventId: event.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
        [event],
      );
      return true;
    } catch (error) {
      if (refusedByCondition(error, 0)) return false;
      throw error;
    }
  },
};
