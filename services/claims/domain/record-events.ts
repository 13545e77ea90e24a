/**
 * Records accepted core events, each once by its event id. Events of a batch are recorded a few at
 * a time: each is one conditional put, and a back-fill of 500 must answer well inside the API's 30 s.
 */

import { mapAtMost } from '#shared/concurrency';
import type { CoreEvent } from '#shared/contracts/core-events';
import type { JourneyEventLog } from './ports';

const IN_FLIGHT = 25;

export interface RecordSummary {
  readonly accepted: number;
  /** Event ids already recorded (a redelivery): nothing was written for them. */
  readonly duplicates: readonly string[];
}

export async function recordCoreEvents(
  events: readonly CoreEvent[],
  log: JourneyEventLog,
  correlationId: string,
): Promise<RecordSummary> {
  const duplicates: string[] = [];
  await mapAtMost(events, IN_FLIGHT, async (event) => {
    if (!(await log.record(event, correlationId))) duplicates.push(event.eventId);
  });
  return { accepted: events.length - duplicates.length, duplicates };
}
