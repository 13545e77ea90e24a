/**
 * The care frequency cap in the Messages table: `limit` slot items per customer
 * (`CAP#<customerId>` / `SLOT#<n>`), each taken with one conditional update, the same condition as
 * `slotIsFree` in domain/frequency-cap.ts. DynamoDB evaluates the condition and the write
 * atomically, so two deliveries racing for the last slot cannot both get it.
 */
import { ConditionalCheckFailedException, dynamo, tableName, UpdateCommand } from '#shared/aws/dynamo';
import { settings } from '#shared/config/settings';
import { frequencySlotKey } from '#shared/tables/messages';
import type { FrequencyCapSlots } from '../domain/deliver';
import {
  DEFAULT_FREQUENCY_CAP,
  type FrequencyCap,
  parseFrequencyCap,
  windowStart,
} from '../domain/frequency-cap';

export function dynamoFrequencyCap(cap: FrequencyCap): FrequencyCapSlots {
  const isMine = async (
    customerId: string,
    slot: number,
    update: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>,
  ) => {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName('Messages'),
          Key: frequencySlotKey(customerId, slot),
          ...update,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
  return {
    async take(customerId, messageKey, at) {
      for (let slot = 0; slot < cap.limit; slot++) {
        const taken = await isMine(customerId, slot, {
          UpdateExpression: 'SET usedAt = :at, messageKey = :key, kind = :kind, expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(usedAt) OR usedAt < :windowStart OR messageKey = :key',
          ExpressionAttributeValues: {
            ':at': at.toISOString(),
            ':key': messageKey,
            ':kind': 'cap-slot',
            ':windowStart': windowStart(at, cap).toISOString(),
            // a slot older than the window is as good as free; TTL only tidies up
            ':expires': Math.ceil((at.getTime() + cap.windowMs) / 1000),
          },
        });
        if (taken) return true;
      }
      return false;
    },
    async giveBack(customerId, messageKey) {
      for (let slot = 0; slot < cap.limit; slot++) {
        const freed = await isMine(customerId, slot, {
          UpdateExpression: 'REMOVE usedAt, messageKey',
          ConditionExpression: 'messageKey = :key',
          ExpressionAttributeValues: { ':key': messageKey },
        });
        if (freed) return;
      }
    },
  };
}

export const careFrequencyCap = (): FrequencyCap =>
  parseFrequencyCap(settings().CARE_FREQUENCY_CAP ?? DEFAULT_FREQUENCY_CAP);
