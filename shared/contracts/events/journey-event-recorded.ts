/**
 * `journey.event-recorded`: an event of the insurer's core claim or policy systems was accepted,
 * once per core `eventId` (the envelope's id is derived from it). The claims service folds it into
 * the journey and asks notify for the notice it calls for.
 */
import { CoreEventFields } from '../core-events';
import { defineEvent } from './define';

export const JourneyEventRecorded = defineEvent('journey.event-recorded', 1, CoreEventFields);
