/**
 * Starting again after the local cloud was killed. On AWS, SQS keeps a queued message through
 * anything; locally the queues live in this process's memory (fauxqs), so a SIGKILL loses the
 * events that were published but not yet consumed. A file-backed local cloud therefore notes that
 * it is running, and when it finds that note at start (the last stop was not clean) it publishes
 * every outbox item still kept again. Consumers are idempotent per event, so what they already
 * handled changes nothing; what was lost with the queues is handled now.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { EventEnvelope } from '#shared/contracts/events/index';
import { OUTBOX_KIND } from '#shared/outbox/outbox-keys';
import type { LocalBus } from './bus';
import { localLog } from './log';

const RUNNING_NOTE = 'local-cloud.running';

/** Whether the previous run ended without `stop()`; notes this run as running. */
export function uncleanStopBefore(dataDir: string): boolean {
  const note = join(dataDir, RUNNING_NOTE);
  const unclean = existsSync(note);
  writeFileSync(note, `${process.pid}\n`);
  return unclean;
}

export function noteCleanStop(dataDir: string): void {
  rmSync(join(dataDir, RUNNING_NOTE), { force: true });
}

/** Publishes every outbox item of these tables again, oldest first (event ids are ULIDs). */
export async function republishOutbox(
  dynamo: DynamoDBClient,
  tables: readonly string[],
  bus: LocalBus,
  busName: string,
): Promise<number> {
  const events: EventEnvelope[] = [];
  for (const table of tables) {
    let ExclusiveStartKey: Record<string, never> | undefined;
    do {
      const page = await dynamo.send(
        new ScanCommand({
          TableName: table,
          FilterExpression: 'kind = :outbox',
          ExpressionAttributeValues: { ':outbox': { S: OUTBOX_KIND } },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) events.push(unmarshall(item).event as EventEnvelope);
      ExclusiveStartKey = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (ExclusiveStartKey);
  }
  events.sort((a, b) => a.id.localeCompare(b.id));
  for (let i = 0; i < events.length; i += 10) {
    await bus.putEvents(
      events.slice(i, i + 10).map((event) => ({
        EventBusName: busName,
        Source: event.source,
        DetailType: event.type,
        Detail: JSON.stringify(event),
      })),
    );
  }
  if (events.length > 0)
    localLog.warn(`the last run did not stop cleanly: published ${events.length} outbox events again`);
  return events.length;
}
