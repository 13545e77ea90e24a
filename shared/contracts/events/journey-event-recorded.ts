/**
 * `journey.event-recorded`: an event of the insurer's core claim or policy systems was accepted,
 * once per core `eventId` (the envelope's id is derived from it). The claims service folds it into
 * the journey and asks notify for the notice it calls for.
 */
import * as z from 'zod/mini';
import { CoreEventFields } from '../core-event-fields';
import { defineEvent } from './define';

/**
 * The core event as sent, except that an empty `data` is left out: DynamoDB Streams clients drop
 * an empty map from a stream image, and the outbox item must read back whole.
 */
export const JourneyEventRecorded = defineEvent(
  'journey.event-recorded',
  1,
  z.extend(CoreEventFields, { data: z.optional(z.record(z.string(), z.unknown())) }),
);
